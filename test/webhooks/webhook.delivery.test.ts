import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helper.ts';
import { type Received, type Receiver, startReceiver } from './receiver.ts';

/**
 * Deliveries to a real receiver on loopback, verified with the Standard Webhooks reference
 * library (not our own code): signature, id, timestamp; the log; a redelivery; a rotation.
 */

let ctx: TestContext;
let receiver: Receiver;
let admin: { authorization: string };
let focal: { authorization: string };

beforeAll(async () => {
  receiver = await startReceiver();
  ctx = await createTestApp({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: true, OUTBOX_POLL_MS: 50 });
  admin = await ctx.auth({ role: 'admin' });
  focal = await ctx.auth({ role: 'focal_point', country: 'KEN' });
});
afterAll(() => receiver.close());

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as {
    type: string;
    timestamp: string;
    data: Record<string, unknown>;
  };

async function subscribe(events?: string[]) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: admin,
    payload: { url: receiver.url, ...(events ? { events } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string };
}

async function open(period: string): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: focal,
    payload: { country: 'KEN', period },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('webhook deliveries', () => {
  it('signs each delivery so the reference library verifies it, with the event fixed in the body', async () => {
    const hook = await subscribe(['assessment.created']);
    expect(hook.secret).toMatch(/^whsec_/);
    const id = await open('2031');
    await receiver.until((r) => r.length >= 1);
    const [first] = receiver.received as [Received];
    const body = verify(hook.secret, first);
    expect(body.type).toBe('assessment.created');
    expect(body.data).toMatchObject({ assessmentId: id, country: 'KEN', period: '2031' });
    expect(first.headers['webhook-id']).toMatch(/^msg_/);
    // The secret is shown once: the subscription's own view never carries it.
    const got = await ctx.app.inject({ method: 'GET', url: `/v1/webhooks/${hook.id}`, headers: admin });
    expect(got.json()).not.toHaveProperty('secret');
    expect(got.body).not.toContain(hook.secret.slice(6));
  });

  it('logs the delivery and redelivers it with the same webhook-id and body', async () => {
    const [hook] = (await ctx.app.inject({ method: 'GET', url: '/v1/webhooks', headers: admin })).json()
      .items as { id: string }[];
    const log = await ctx.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${hook?.id}/deliveries`,
      headers: admin,
    });
    expect(log.statusCode, log.body).toBe(200);
    const [delivery] = log.json().items;
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, responseStatus: 204 });
    expect(delivery.durationMs).toBeGreaterThanOrEqual(0);
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${hook?.id}/deliveries/${delivery.id}/redeliver`,
      headers: admin,
    });
    expect(again.statusCode, again.body).toBe(202);
    await receiver.until((r) => r.length >= 2);
    const [a, b] = receiver.received as [Received, Received];
    expect(b.headers['webhook-id']).toBe(a.headers['webhook-id']);
    expect(b.body).toBe(a.body);
  });

  it('signs with both secrets during a rotation, so a receiver on either verifies', async () => {
    const hook = await subscribe(['assessment.created']);
    const rotated = await ctx.app.inject({
      method: 'POST',
      url: `/v1/webhooks/${hook.id}/rotate-secret`,
      headers: admin,
      payload: { previousSecretValidSeconds: 3600 },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret } = rotated.json() as { secret: string };
    expect(secret).not.toBe(hook.secret);
    const before = receiver.received.length;
    await open('2032');
    // Two subscriptions take assessment.created now: the first one's and this one's.
    await receiver.until((r) => r.length >= before + 2);
    const mine = receiver.received
      .slice(before)
      .find((r) => String(r.headers['webhook-signature']).split(' ').length === 2) as Received;
    expect(verify(secret, mine).data.period).toBe('2032');
    expect(verify(hook.secret, mine).data.period).toBe('2032');
  });

  it('refuses everyone but an admin', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/webhooks', headers: focal });
    expect(res.statusCode).toBe(403);
  });
});
