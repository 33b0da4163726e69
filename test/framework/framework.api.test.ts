import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';

let pinned: TestContext;
let shipped: TestContext;
let focal: { authorization: string };
let next = 0;

beforeAll(async () => {
  pinned = await createTestApp();
  // As shipped: no pin, so new assessments open on the latest version.
  shipped = await createTestApp({}, { seeds: { defaultFramework: undefined } });
  focal = await pinned.auth({ role: 'focal_point', country: 'KEN' });
});

async function open(ctx: TestContext, period: string, framework?: { key: string; version: string }) {
  const auth = await ctx.auth({ role: 'focal_point', country: 'KEN' });
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: auth,
    payload: { country: 'KEN', period, ...(framework ? { framework } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; framework: { key: string; version: string } };
}

const put = (ctx: TestContext, id: string, answers: unknown[], headers = focal) =>
  ctx.app.inject({ method: 'PUT', url: `/v1/assessments/${id}/answers`, headers, payload: { answers } });

describe('framework versions over the API', () => {
  it('opens new assessments on 2.1.0 by default, and on 1.0.0 when asked', async () => {
    expect((await open(shipped, '2070')).framework).toEqual({ key: 'migof', version: '2.1.0' });
    expect((await open(shipped, '2071', { key: 'migof', version: '1.0.0' })).framework).toEqual({
      key: 'migof',
      version: '1.0.0',
    });
  });

  it.each([
    ['1.0.0', 'P2.4.2', -50, /from 0 to 100 \(percent\)/],
    ['1.0.0', 'P2.4.2', 250, /from 0 to 100 \(percent\)/],
    ['1.0.0', 'P1.1.2', 2.5, /whole number/],
    ['1.0.0', 'P1.1.2', -1, /from 0 to 4/],
    // "How many of these four conventions": the list's size bounds the count.
    ['1.0.0', 'P1.1.2', 999, /from 0 to 4 \(conventions\)/],
    ['1.0.0', 'P3.3.1', -2, /at least 0/],
    ['2.0.0', 'O3.2.2', 101, /from 0 to 100 \(percent\)/],
    ['2.0.0', 'P1.1.2', 6, /from 0 to 5/],
    ['2.0.0', 'P1.1.4', 1.5, /whole number from 0 to 2/],
  ])('refuses, in %s, %s = %s with 400 naming the item', async (version, question, value, message) => {
    const { id } = await open(pinned, String(2030 + next++), { key: 'migof', version });
    const res = await put(pinned, id, [
      { question: 'P1.1.1', value: version === '1.0.0' ? 'no' : 'not_signed' },
      { question, value, evidence: [{ title: 'Statistics' }] },
    ]);
    const body = expectProblem(res, 400) as { errors: { path: string; message: string }[] };
    expect(body.errors, res.body).toEqual([
      expect.objectContaining({ path: 'body.answers[1].value', message: expect.stringMatching(message) }),
    ]);
  });

  it('accepts numbers inside the range in both versions', async () => {
    const v1 = await open(pinned, '2060', { key: 'migof', version: '1.0.0' });
    const ok1 = await put(pinned, v1.id, [
      { question: 'P2.4.2', value: 100, evidence: [{ title: 'Statistics' }] },
    ]);
    expect(ok1.statusCode, ok1.body).toBe(200);
    const v2 = await open(pinned, '2061', { key: 'migof', version: '2.0.0' });
    const ok2 = await put(pinned, v2.id, [
      { question: 'P1.1.2', value: 5, evidence: [{ title: 'NORMLEX' }] },
    ]);
    expect(ok2.statusCode, ok2.body).toBe(200);
  });
});
