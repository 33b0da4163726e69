import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ MAX_EVENT_LOOP_DELAY_MS: 50 });
});

const busy = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // Holding the event loop, as an overloaded process would.
  }
};

describe('overload', () => {
  it('answers 503 with Retry-After while the event loop lags, and recovers', async () => {
    const headers = await ctx.auth({ role: 'viewer' });
    expect((await ctx.app.inject({ method: 'GET', url: '/v1/me', headers })).statusCode).toBe(200);

    let refused: Awaited<ReturnType<typeof ctx.app.inject>> | undefined;
    for (let i = 0; i < 20 && !refused; i++) {
      busy(200);
      await new Promise((r) => setTimeout(r, 5));
      const res = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers });
      if (res.statusCode === 503) refused = res;
    }
    expect(refused, 'no 503 while the event loop was held').toBeDefined();
    if (!refused) return;
    expectProblem(refused, 503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    let recovered = false;
    for (let i = 0; i < 50 && !recovered; i++) {
      await new Promise((r) => setTimeout(r, 100));
      recovered = (await ctx.app.inject({ method: 'GET', url: '/v1/me', headers })).statusCode === 200;
    }
    expect(recovered).toBe(true);
  }, 30_000);
});
