import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../../solver/validate/index.js';
import { jsonOf, startApiHarness, type ApiHarness } from '../../test-support/api-harness.js';
import { monacoPoints } from '../../roadgraph/test-support/monaco.js';

const near = (i: number): [number, number] => {
  const [lon, lat] = monacoPoints[i % monacoPoints.length]!;
  return [lon + (i % 9) * 0.0002, lat + (i % 5) * 0.0002];
};

describe('POST /v1/optimize (VROOM-compatible)', () => {
  let api: ApiHarness;
  let key: string;
  beforeAll(async () => {
    api = await startApiHarness({ database: 'pglite' });
    await api.service.runtime.roadGraph.get();
    key = await api.key('acme', 'dispatcher');
  });
  afterAll(async () => api.close());

  it('solves a problem given by coordinates and returns a VROOM solution', async () => {
    const problem = {
      vehicles: [{ id: 1, start: monacoPoints[0], end: monacoPoints[0], capacity: [4] }, { id: 2, start: monacoPoints[0], capacity: [4] }],
      jobs: Array.from({ length: 6 }, (_, i) => ({ id: i + 1, location: near(i + 1), delivery: [1], service: 60 })),
      shipments: [{ pickup: { id: 100, location: monacoPoints[2] }, delivery: { id: 100, location: monacoPoints[3] }, amount: [1] }],
    };
    const response = await api.request('POST', '/v1/optimize?time_limit=1', { key, body: problem });
    expect(response.status).toBe(200);
    const solution = await jsonOf(response);
    expect(solution.code).toBe(0);
    expect(solution.unassigned).toEqual([]);
    expect(solution.routes.flatMap((r: { steps: { type: string }[] }) => r.steps).filter((s: { type: string }) => s.type === 'job')).toHaveLength(6);
    expect(solution.summary.duration).toBeGreaterThan(0);
  });

  it('names the bad field of a VROOM problem', async () => {
    const response = await api.request('POST', '/v1/optimize', { key, body: { vehicles: [{ id: 1, capacity: [-1] }], jobs: [] } });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).errors[0].path).toBe('body.vehicles[0].capacity[0]');
    const missing = await api.request('POST', '/v1/optimize', { key, body: { vehicles: [{ id: 1, start: monacoPoints[0] }], jobs: [{ id: 1 }] } });
    expect((await jsonOf(missing)).errors[0].path).toBe('body.jobs[0].location');
  });

  it('queues a large problem and answers 202 with an id to fetch the solution from', async () => {
    const problem = {
      vehicles: Array.from({ length: 10 }, (_, v) => ({ id: v + 1, start_index: 0, end_index: 0, capacity: [30] })),
      jobs: Array.from({ length: 220 }, (_, i) => ({ id: i + 1, location_index: (i % 30) + 1, delivery: [1] })),
      matrix: Array.from({ length: 31 }, (_, a) => Array.from({ length: 31 }, (_, b) => Math.abs(a - b) * 60)),
    };
    const queued = await api.request('POST', '/v1/optimize?time_limit=1', { key, body: problem });
    expect(queued.status).toBe(202);
    const { id } = await jsonOf(queued);
    let result = await jsonOf(await api.request('GET', `/v1/optimize/${id}`, { key }));
    for (let i = 0; i < 100 && result.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      result = await jsonOf(await api.request('GET', `/v1/optimize/${id}`, { key }));
    }
    expect(result.status).toBe('completed');
    expect(validate(problem, result.solution).errors).toEqual([]);
  });
});
