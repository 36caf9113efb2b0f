import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, startApiHarness, type ApiHarness } from '../test-support/api-harness.js';

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await jsonOf(response);
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(body.request_id).toBe(response.headers.get('x-request-id'));
  return body;
}

describe.each(['postgres', 'pglite'] as const)('authentication and organisation scoping (%s)', (database) => {
  let api: ApiHarness;
  let adminA: string;
  let dispatcherA: string;
  let adminB: string;
  beforeAll(async () => {
    api = await startApiHarness({ database });
    adminA = await api.key('org-a', 'admin');
    dispatcherA = await api.key('org-a', 'dispatcher');
    adminB = await api.key('org-b', 'admin');
  });
  afterAll(async () => api.close());

  it('answers 401 without a key, with a malformed key and with an unknown key', async () => {
    await expectProblem(await api.request('GET', '/v1/me'), 401);
    await expectProblem(await api.request('GET', '/v1/me', { headers: { authorization: 'Basic abc' } }), 401);
    await expectProblem(await api.request('GET', '/v1/me', { key: 'lm_AAAAAAAAAAAA_' + 'A'.repeat(43) }), 401);
  });

  it('identifies the key', async () => {
    const response = await api.request('GET', '/v1/me', { key: dispatcherA });
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toMatchObject({ role: 'dispatcher', organisation: { slug: 'org-a' }, courier_id: null });
  });

  it('answers 403 when the role may not do it', async () => {
    const body = await expectProblem(await api.request('GET', '/v1/api-keys', { key: dispatcherA }), 403);
    expect(body.detail).toMatch(/admin role.*dispatcher role/);
  });

  it("answers 404 for another organisation's resource, exactly as for a missing one", async () => {
    const created = await api.request('POST', '/v1/api-keys', { key: adminB, body: { role: 'dispatcher', name: 'b' } });
    expect(created.status).toBe(201);
    const { id } = await jsonOf(created);
    await expectProblem(await api.request('GET', `/v1/api-keys/${id}`, { key: adminA }), 404);
    await expectProblem(await api.request('DELETE', `/v1/api-keys/${id}`, { key: adminA }), 404);
    expect((await api.request('GET', `/v1/api-keys/${id}`, { key: adminB })).status).toBe(200);
  });

  it('shows a new key once, never its secret again, and revocation takes effect at once', async () => {
    const created = await jsonOf(await api.request('POST', '/v1/api-keys', { key: adminA, body: { role: 'dispatcher' } }));
    expect(created.token).toMatch(/^lm_/);
    expect((await api.request('GET', '/v1/me', { key: created.token })).status).toBe(200);
    const listed = await jsonOf(await api.request('GET', '/v1/api-keys', { key: adminA }));
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect((await api.request('DELETE', `/v1/api-keys/${created.id}`, { key: adminA })).status).toBe(204);
    await expectProblem(await api.request('GET', '/v1/me', { key: created.token }), 401);
  });

  it('reports invalid fields with their paths and writes nothing', async () => {
    const before = (await jsonOf(await api.request('GET', '/v1/api-keys', { key: adminA }))).data.length;
    const body = await expectProblem(await api.request('POST', '/v1/api-keys', { key: adminA, body: { role: 'boss', extra: 1 } }), 400);
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.role']));
    const courierWithoutId = await expectProblem(await api.request('POST', '/v1/api-keys', { key: adminA, body: { role: 'courier' } }), 400);
    expect(courierWithoutId.errors[0].path).toBe('body.courier_id');
    await expectProblem(await api.request('GET', '/v1/api-keys/not-a-uuid', { key: adminA }), 400);
    const after = (await jsonOf(await api.request('GET', '/v1/api-keys', { key: adminA }))).data.length;
    expect(after).toBe(before);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    await expectProblem(await api.request('POST', '/v1/api-keys', { key: adminA, body: '{"role":' }), 400);
    const huge = JSON.stringify({ role: 'dispatcher', name: 'x'.repeat(api.config.BODY_LIMIT_BYTES) });
    await expectProblem(await api.request('POST', '/v1/api-keys', { key: adminA, body: huge }), 413);
  });

  it('answers unknown routes with a 404 problem', async () => {
    await expectProblem(await api.request('GET', '/nope'), 404);
  });
});
