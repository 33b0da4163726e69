/**
 * A shared computer's browser keeps no assessment data on disk: every authenticated answer that
 * carries it says `Cache-Control: no-store` (`private, no-cache` still lets the browser store
 * it). Public reference data, the questionnaire, may stay cacheable. A client that kept an ETag
 * itself still revalidates: If-None-Match gets 304.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

let ctx: TestContext;
let focal: { authorization: string };
let id = '';

beforeAll(async () => {
  ctx = await createTestApp();
  focal = await ctx.auth({ role: 'focal_point', country: 'GHA', sub: 'amina' });
  ({ id } = await runAssessment(ctx, {
    focal,
    country: 'GHA',
    period: '2041',
    answers: [{ question: 'P1.1.1', value: 'yes', comment: 'Signed in 2019' }],
    until: 'draft',
  }));
});

describe('Cache-Control of authenticated answers', () => {
  it.each([
    '/v1/me',
    '/v1/assessments',
    '/v1/assessments/:id',
    '/v1/assessments/:id/answers',
    '/v1/assessments/:id/history',
    '/v1/assessments/:id/report',
    '/v1/assessments/:id/report.svg',
    '/v1/assessments/:id/scores.csv',
    '/v1/countries/GHA/trend',
  ])('GET %s (assessment data) is no-store', async (path) => {
    const res = await ctx.app.inject({ method: 'GET', url: path.replace(':id', id), headers: focal });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a write answer (PUT answers) is no-store too', async () => {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: [{ question: 'P1.1.1', value: 'no' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('the questionnaire (reference data) stays cacheable', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/frameworks/migof/2.0.0', headers: focal });
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(res.headers['cache-control']).not.toMatch(/no-store/);
  });

  it('revalidation with If-None-Match still answers 304 under no-store', async () => {
    const url = `/v1/assessments/${id}/report`;
    const first = await ctx.app.inject({ method: 'GET', url, headers: focal });
    const etag = String(first.headers.etag);
    const again = await ctx.app.inject({ method: 'GET', url, headers: { ...focal, 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('no-store');
  });

  it('GET /v1/assessments/:id answers 304 to its current ETag, and 200 once the assessment moved', async () => {
    const url = `/v1/assessments/${id}`;
    const first = await ctx.app.inject({ method: 'GET', url, headers: focal });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"r\d+"$/);
    // RFC 9110 13.1.2: a list, and weak comparison (a W/ prefix still names the same revision).
    for (const sent of [etag, `W/${etag}`, `"r0", ${etag}`, '*']) {
      const again = await ctx.app.inject({
        method: 'GET',
        url,
        headers: { ...focal, 'if-none-match': sent },
      });
      expect(again.statusCode, sent).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect(again.headers['cache-control']).toBe('no-store');
    }
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: [{ question: 'P1.1.1', value: 'yes' }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const moved = await ctx.app.inject({ method: 'GET', url, headers: { ...focal, 'if-none-match': etag } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.headers.etag).toBe(put.headers.etag);
    expect(moved.json().revision).toBe(put.json().revision);
  });
});
