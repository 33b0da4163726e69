import { beforeAll, describe, expect, it } from 'vitest';
import { RETRY_SCHEDULE_MS } from '../../src/webhooks/webhook.delivery.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { fakeClock, fakeConnector, fakeResolver } from './fakes.ts';

/**
 * Retries on the Standard Webhooks schedule, driven by a fake clock (the dispatcher's loop is
 * not started: each `tick()` is one pass at the clock's time). The connector is a fake: no packet.
 */

const clock = fakeClock();
const dns = fakeResolver({ 'hooks.example.org': ['93.184.215.14'] });
const net = fakeConnector([500]);
let ctx: TestContext;
let admin: { authorization: string };
let focal: { authorization: string };
const tick = () => ctx.app.events.dispatcher.tick();

beforeAll(async () => {
  ctx = await createTestApp(
    { EVENTS_COALESCE_MS: 10_000 },
    { events: { clock, resolver: dns.resolver, connector: net.connector, autoStart: false } },
  );
  admin = await ctx.auth({ role: 'admin' });
  focal = await ctx.auth({ role: 'focal_point', country: 'KEN' });
});

async function subscribe(url: string, events: string[]) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: admin,
    payload: { url, events },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function open(period: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: focal,
    payload: { country: 'KEN', period },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, etag: String(res.headers.etag) };
}

async function deliveries(id: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/v1/webhooks/${id}/deliveries`, headers: admin });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { status: string; attempts: number; responseStatus: number | null }[];
}

describe('retries', () => {
  it('tries at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then gives up', async () => {
    const hook = await subscribe('https://hooks.example.org/a', ['assessment.created']);
    await open('2040');
    await tick();
    expect(net.calls).toHaveLength(1);
    for (const [n, wait] of RETRY_SCHEDULE_MS.slice(1).entries()) {
      clock.advance(wait - 1);
      await tick();
      expect(net.calls, `attempt ${n + 2} came early`).toHaveLength(n + 1);
      clock.advance(1);
      await tick();
      expect(net.calls, `attempt ${n + 2} did not come`).toHaveLength(n + 2);
    }
    expect(RETRY_SCHEDULE_MS).toEqual([0, 5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6]);
    clock.advance(100 * 3_600_000);
    await tick();
    expect(net.calls).toHaveLength(8);
    expect(await deliveries(hook.id)).toMatchObject([{ status: 'failed', attempts: 8, responseStatus: 500 }]);
    // Every attempt sent the same bytes under the same id; only the timestamp (and so the signature) moved.
    expect(new Set(net.calls.map((c) => c.body)).size).toBe(1);
    expect(new Set(net.calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
    expect(new Set(net.calls.map((c) => c.headers['webhook-timestamp'])).size).toBe(8);
    await ctx.app.inject({ method: 'DELETE', url: `/v1/webhooks/${hook.id}`, headers: admin });
  });

  it('disables the subscription on 410 Gone', async () => {
    net.calls.length = 0;
    net.statuses.splice(0, net.statuses.length, 410);
    const hook = await subscribe('https://hooks.example.org/gone', ['assessment.created']);
    await open('2041');
    await tick();
    expect(net.calls).toHaveLength(1);
    const got = await ctx.app.inject({ method: 'GET', url: `/v1/webhooks/${hook.id}`, headers: admin });
    expect(got.json()).toMatchObject({ enabled: false, disabledReason: 'gone' });
    await open('2042');
    clock.advance(3_600_000);
    await tick();
    expect(net.calls).toHaveLength(1);
    await ctx.app.inject({ method: 'DELETE', url: `/v1/webhooks/${hook.id}`, headers: admin });
  });

  it('coalesces answer changes into one event fixed when its window closes, never re-read at retry', async () => {
    net.calls.length = 0;
    net.statuses.splice(0, net.statuses.length, 503, 200);
    await subscribe('https://hooks.example.org/answers', ['assessment.answers_changed']);
    const { id } = await open('2043');
    const put = (question: string, value: string) =>
      ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${id}/answers`,
        headers: focal,
        payload: { answers: [{ question, value }] },
      });
    expect((await put('P1.1.1', 'yes')).statusCode).toBe(200);
    clock.advance(4_000);
    expect((await put('P1.1.3', 'no')).statusCode).toBe(200);
    await tick();
    expect(net.calls, 'sent before the window closed').toHaveLength(0);
    clock.advance(6_000);
    await tick();
    expect(net.calls).toHaveLength(1);
    const first = JSON.parse(net.calls[0]?.body ?? '{}');
    expect(first.type).toBe('assessment.answers_changed');
    expect(first.data).toMatchObject({ assessmentId: id, country: 'KEN', period: '2043' });
    expect(first.data.questions).toEqual(['P1.1.1', 'P1.1.3']);
    // A change after the window is another event; the retry of the first sends its bytes unchanged.
    expect((await put('P1.2.2', 'yes')).statusCode).toBe(200);
    clock.advance(5_000);
    await tick();
    expect(net.calls[1]?.body).toBe(net.calls[0]?.body);
    clock.advance(10_000);
    await tick();
    const later = net.calls.map((c) => JSON.parse(c.body).data.questions);
    expect(later.at(-1)).toEqual(['P1.2.2']);
  });
});
