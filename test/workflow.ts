import { expect } from 'vitest';
import type { AnswerItem } from './fixtures.ts';
import type { TestContext } from './helper.ts';

type Auth = { authorization: string };

/**
 * Takes an assessment through the workflow as the API tests drive it: open (on `framework`, or the
 * default), save `answers` in one batch, then submit and validate when `until` asks for it. Each
 * step must succeed; returns the id and the last ETag.
 */
export async function runAssessment(
  ctx: TestContext,
  options: {
    focal: Auth;
    reviewer?: Auth;
    country: string;
    period: string;
    framework?: { key: string; version: string };
    answers: AnswerItem[];
    until?: 'draft' | 'submitted' | 'validated';
  },
): Promise<{ id: string; etag: string }> {
  const { focal, reviewer, country, period, framework, answers, until = 'validated' } = options;
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: focal,
    payload: { country, period, ...(framework ? { framework } : {}) },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  let etag = String(created.headers.etag);
  if (answers.length > 0) {
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers },
    });
    expect(put.statusCode, put.body).toBe(200);
    etag = String(put.headers.etag);
  }
  if (until === 'draft') return { id, etag };
  const submit = await ctx.app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/submit`,
    headers: { ...focal, 'if-match': etag },
  });
  expect(submit.statusCode, submit.body).toBe(200);
  etag = String(submit.headers.etag);
  if (until === 'submitted') return { id, etag };
  if (!reviewer) throw new Error('validating needs a reviewer');
  const done = await ctx.app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/validate`,
    headers: { ...reviewer, 'if-match': etag },
  });
  expect(done.statusCode, done.body).toBe(200);
  return { id, etag: String(done.headers.etag) };
}
