/**
 * The OSRM v5 HTTP contract over any RoadGraph: /route/v1, /table/v1, /nearest/v1 with OSRM's JSON
 * shapes and error codes, so OSRM clients (and our own OSRM adapter) can use the embedded engine.
 */
import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import { RoadGraphError, type LonLat, type RoadGraph } from '../road-graph.js';

const profile = z.string().regex(/^[A-Za-z0-9_-]+$/);
const coordinateList = z
  .string()
  .transform((value, ctx) => {
    const raw = value.replace(/\.json$/, '');
    const points = raw.split(';').map((pair) => pair.split(',').map(Number));
    if (points.some((p) => p.length !== 2 || p.some((x) => !Number.isFinite(x)))) {
      ctx.addIssue({ code: 'custom', message: 'Query string malformed close to position 0' });
      return z.NEVER;
    }
    return points as LonLat[];
  });
const indexList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === 'all') return undefined;
    const list = value.split(';').map(Number);
    if (list.some((i) => !Number.isInteger(i) || i < 0)) {
      ctx.addIssue({ code: 'custom', message: 'expected indices separated by ;' });
      return z.NEVER;
    }
    return list;
  });
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

class OsrmError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, code = 'InvalidQuery'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new OsrmError(code, parsed.error.issues[0]!.message);
  return parsed.data;
}

function checkRange(points: LonLat[]): void {
  points.forEach(([lon, lat], i) => {
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) throw new OsrmError('InvalidValue', `Invalid coordinate value at index ${i}`);
  });
}

export function createOsrmApp(graph: RoadGraph): Express {
  const app = express();
  app.disable('x-powered-by');
  const handle = (fn: (req: Request) => Promise<object>) => async (req: Request, res: Response) => {
    try {
      res.json({ code: 'Ok', ...(await fn(req)) });
    } catch (error) {
      const code = error instanceof OsrmError || error instanceof RoadGraphError ? error.code : 'InternalError';
      const status = code === 'InternalError' ? 500 : code === 'InvalidUrl' ? 400 : 400;
      res.status(status).json({ code, message: (error as Error).message });
    }
  };

  app.get('/route/v1/:profile/:coordinates', handle(async (req) => {
    parse(profile, req.params.profile, 'InvalidUrl');
    const points = parse(coordinateList, req.params.coordinates);
    checkRange(points);
    const query = parse(
      z.object({
        steps: bool.default(false),
        geometries: z.enum(['polyline', 'polyline6', 'geojson']).default('polyline'),
        overview: z.enum(['simplified', 'full', 'false']).default('simplified'),
        alternatives: z.string().optional(),
        annotations: z.string().optional(),
      }),
      req.query,
    );
    const route = await graph.route(points, { steps: query.steps, geometry: query.overview === 'false' ? undefined : query.geometries });
    const { waypoints, ...rest } = route;
    return { routes: [rest], waypoints };
  }));

  app.get('/table/v1/:profile/:coordinates', handle(async (req) => {
    parse(profile, req.params.profile, 'InvalidUrl');
    const points = parse(coordinateList, req.params.coordinates);
    checkRange(points);
    const query = parse(z.object({ sources: indexList, destinations: indexList, annotations: z.string().default('duration') }), req.query);
    for (const i of [...(query.sources ?? []), ...(query.destinations ?? [])]) if (i >= points.length) throw new OsrmError('InvalidOptions', `index ${i} is out of range`);
    const annotations = new Set(query.annotations.split(','));
    const table = await graph.table(points, { sources: query.sources, destinations: query.destinations });
    return {
      ...(annotations.has('duration') ? { durations: table.durations } : {}),
      ...(annotations.has('distance') ? { distances: table.distances } : {}),
      sources: table.sources,
      destinations: table.destinations,
    };
  }));

  app.get('/nearest/v1/:profile/:coordinates', handle(async (req) => {
    parse(profile, req.params.profile, 'InvalidUrl');
    const points = parse(coordinateList, req.params.coordinates);
    if (points.length !== 1) throw new OsrmError('InvalidQuery', 'nearest takes exactly one coordinate');
    checkRange(points);
    return { waypoints: [await graph.nearest(points[0]!)] };
  }));

  app.use((_req: Request, res: Response) => {
    res.status(400).json({ code: 'InvalidUrl', message: 'URL string malformed close to position 1' });
  });
  return app;
}
