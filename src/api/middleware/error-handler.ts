import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../../db/database-unavailable.js';
import { HttpProblem, problems } from '../problem.js';
import { zodIssuesToFieldErrors } from '../validation.js';

export function sendProblem(res: Parameters<RequestHandler>[1], problem: HttpProblem, instance: string, requestId: string): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.toBody(instance, requestId)));
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(problems.notFound(`${req.method} ${req.path}`));
};

/** Maps every error to problem+json; unexpected ones are logged and answered with a 500 that reveals nothing internal. */
export function errorHandler(bodyLimit: number): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let problem: HttpProblem;
    if (error instanceof HttpProblem) problem = error;
    else if (error instanceof ZodError) problem = problems.validation(zodIssuesToFieldErrors('body', error));
    else if (error?.type === 'entity.too.large') problem = problems.tooLarge(bodyLimit);
    else if (error?.type === 'entity.parse.failed') problem = problems.validation([{ path: 'body', message: 'is not valid JSON' }]);
    else if (error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported')
      problem = new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', 'Send JSON in UTF-8.');
    else if (isDatabaseUnavailable(error)) {
      req.log?.warn({ err: error }, 'database unavailable');
      problem = problems.unavailable('The database is unavailable right now; retry shortly (with the same Idempotency-Key for a write).');
    } else if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500)
      problem = new HttpProblem(error.status, 'bad-request', 'Bad request', String(error.message ?? 'bad request'));
    else {
      req.log?.error({ err: error }, 'unhandled error');
      problem = new HttpProblem(500, 'internal', 'Internal error', 'Something went wrong on our side; the request id identifies it in our logs.');
    }
    if (res.headersSent) return void res.end();
    sendProblem(res, problem, req.originalUrl, String(req.id));
  };
}
