import { expect } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import type { TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

export type Auth = { authorization: string };
export const V3 = { key: 'migof', version: '2.1.0' } as const;

/** Words that exist only in private places: a comment, a thread, the people's names. */
export const SECRETS = {
  comment: 'PRIVATE-ANSWER-COMMENT-7f3a',
  thread: 'PRIVATE-THREAD-TEXT-91bc',
  reviewer: 'reviewer-rita-secret',
  focal: 'focal-kofi-secret',
  admin: 'admin-ada-secret',
} as const;

export interface Actors {
  focal: (country: string) => Promise<Auth>;
  reviewer: Auth;
  admin: Auth;
}

export async function actors(ctx: TestContext): Promise<Actors> {
  return {
    focal: (country) => ctx.auth({ role: 'focal_point', country, sub: `${SECRETS.focal}-${country}` }),
    reviewer: await ctx.auth({ role: 'reviewer', sub: SECRETS.reviewer }),
    admin: await ctx.auth({ role: 'admin', sub: SECRETS.admin }),
  };
}

/** A validated 2.1.0 assessment whose first answer carries a private comment. */
export async function validated(ctx: TestContext, who: Actors, country: string, period: string, level = 1) {
  const answers = answerSet(migof(V3.version), level);
  answers[0] = { ...answers[0]!, comment: SECRETS.comment };
  const focal = await who.focal(country);
  const { id } = await runAssessment(ctx, { focal, country, period, framework: V3, answers, until: 'draft' });
  const thread = await ctx.app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/questions/${answers[1]!.question}/comments`,
    headers: focal,
    payload: { text: SECRETS.thread },
  });
  expect(thread.statusCode, thread.body).toBe(201);
  let etag = String(thread.headers.etag);
  for (const [step, auth] of [
    ['submit', focal],
    ['validate', who.reviewer],
  ] as const) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/${step}`,
      headers: { ...auth, 'if-match': etag },
    });
    expect(res.statusCode, res.body).toBe(200);
    etag = String(res.headers.etag);
  }
  return { id, etag };
}

/** Approves then publishes; returns the ETag after publishing. */
export async function publish(ctx: TestContext, who: Actors, id: string, country: string, etag: string) {
  const focal = await who.focal(country);
  const approved = await ctx.app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/approve`,
    headers: { ...focal, 'if-match': etag },
    payload: { authority: 'Council of Ministers, decision 12/2026' },
  });
  expect(approved.statusCode, approved.body).toBe(200);
  const published = await ctx.app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/publish`,
    headers: { ...who.admin, 'if-match': String(approved.headers.etag) },
  });
  expect(published.statusCode, published.body).toBe(200);
  return String(published.headers.etag);
}

export async function currentEtag(ctx: TestContext, who: Actors, id: string): Promise<string> {
  const res = await ctx.app.inject({ url: `/v1/assessments/${id}`, headers: who.admin });
  return String(res.headers.etag);
}
