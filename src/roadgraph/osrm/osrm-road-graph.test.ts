import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRoadGraphConformance } from '../conformance.js';
import { EmbeddedRoadGraph } from '../embedded/embedded-road-graph.js';
import { createOsrmApp } from '../server/osrm-http-app.js';
import { monacoGraph, monacoPoints, offshore } from '../test-support/monaco.js';
import { OsrmRoadGraph } from './osrm-road-graph.js';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let served: { server: Server; url: string };
const engine = new EmbeddedRoadGraph(monacoGraph());
beforeAll(async () => {
  served = await listen(createOsrmApp(engine));
});
afterAll(() => new Promise<void>((resolve) => served.server.close(() => resolve())));

describeRoadGraphConformance('OSRM adapter over HTTP against lastmile roadgraph serve', async () => new OsrmRoadGraph({ baseUrl: served.url }), monacoPoints, offshore);

describe('OSRM adapter', () => {
  it('splits a large table into blocks under the server limit and stitches it back', async () => {
    const points = Array.from({ length: 25 }, (_, i) => monacoPoints[i % monacoPoints.length]!);
    const chunked = await new OsrmRoadGraph({ baseUrl: served.url, maxTableSize: 4 }).table(points, { sources: [0, 1, 2, 3, 4, 5, 6], destinations: [0, 1, 2, 3, 4, 5, 6, 7, 8] });
    const whole = await engine.table(points, { sources: [0, 1, 2, 3, 4, 5, 6], destinations: [0, 1, 2, 3, 4, 5, 6, 7, 8] });
    expect(chunked.durations).toEqual(whole.durations);
    expect(chunked.distances).toEqual(whole.distances);
    expect(chunked.sources).toHaveLength(7);
    expect(chunked.destinations).toHaveLength(9);
  });

  it('maps OSRM error codes and answers 400 with OSRM bodies', async () => {
    const response = await fetch(`${served.url}/route/v1/car/7.5,43.6;7.42,43.73`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'NoSegment' });
    const malformed = await fetch(`${served.url}/table/v1/car/abc`);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: 'InvalidQuery' });
    const unknown = await fetch(`${served.url}/match/v1/car/1,2`);
    expect(await unknown.json()).toMatchObject({ code: 'InvalidUrl' });
    const outOfRange = await fetch(`${served.url}/nearest/v1/car/200,95`);
    expect(await outOfRange.json()).toMatchObject({ code: 'InvalidValue' });
  });

  it('retries a 503 and succeeds, but gives up on a server that keeps failing', async () => {
    let calls = 0;
    const flaky = await listen((req, res) => {
      calls++;
      if (calls < 3) {
        res.statusCode = 503;
        return res.end();
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 'Ok', waypoints: [{ location: [7.42, 43.73], name: 'x', distance: 1 }] }));
    });
    try {
      const nearest = await new OsrmRoadGraph({ baseUrl: flaky.url, retries: 3 }).nearest([7.42, 43.73]);
      expect(nearest.name).toBe('x');
      expect(calls).toBe(3);
      await expect(new OsrmRoadGraph({ baseUrl: 'http://127.0.0.1:1', retries: 1, timeoutMs: 500 }).nearest([7.42, 43.73])).rejects.toMatchObject({ code: 'Unavailable' });
    } finally {
      flaky.server.close();
    }
  });
});
