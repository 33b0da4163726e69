import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

describe('health', () => {
  it('GET /healthz answers without auth', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz checks the database', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('GET /readyz answers 503 once writes are stopped by a disk error', async () => {
    const stopped = vi.spyOn(ctx.app.writes, 'stopped', 'get').mockReturnValue(true);
    const res = await ctx.app.inject({ method: 'GET', url: '/readyz' });
    stopped.mockRestore();
    expect(expectProblem(res, 503).detail).toMatch(/writes are stopped/i);
  });
});
