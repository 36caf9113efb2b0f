/**
 * Errors as RFC 9457 problem details. Route code throws an HttpProblem; the error handler
 * turns it (and zod errors, body-parser errors, anything unexpected) into application/problem+json.
 */
export interface FieldError {
  /** Where the bad value is, e.g. `body.orders[3].location`. */
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Problem types are documented at /docs#problems; relative references resolve against the API's base URL. */
const problemType = (slug: string) => `/docs#problem-${slug}`;

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  toBody(instance: string, requestId: string): ProblemBody {
    return { type: problemType(this.slug), title: this.title, status: this.status, detail: this.detail, instance, request_id: requestId, ...this.extensions };
  }
}

export const problems = {
  validation: (errors: FieldError[]) =>
    new HttpProblem(
      400,
      'validation',
      'Invalid request',
      errors.length === 1 ? `${errors[0]!.path}: ${errors[0]!.message}` : `${errors.length} fields are invalid; see errors.`,
      { errors },
    ),
  unauthorized: (detail = 'Send an API key as "Authorization: Bearer <key>".') =>
    new HttpProblem(401, 'unauthorized', 'Authentication required', detail),
  forbidden: (detail: string) => new HttpProblem(403, 'forbidden', 'Not allowed', detail),
  notFound: (what: string) => new HttpProblem(404, 'not-found', 'Not found', `${what} was not found.`),
  conflict: (detail: string, extensions: Record<string, unknown> = {}) => new HttpProblem(409, 'conflict', 'Conflict', detail, extensions),
  unprocessable: (detail: string) => new HttpProblem(422, 'unprocessable', 'Unprocessable request', detail),
  tooLarge: (limit: number) => new HttpProblem(413, 'too-large', 'Request body too large', `The request body exceeds the limit of ${limit} bytes.`),
  unavailable: (detail: string) => new HttpProblem(503, 'unavailable', 'Service unavailable', detail),
};
