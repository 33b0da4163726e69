import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parse as parseCsvText } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { allQuestions, answerSet, migof } from '../fixtures.ts';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

let ctx: TestContext;
let focal: { authorization: string };
let reviewer: { authorization: string };
const framework = migof();

beforeAll(async () => {
  ctx = await createTestApp();
  focal = await ctx.auth({ role: 'focal_point', country: 'GHA', sub: 'kofi' });
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
});

/** Opens, answers, submits and validates an assessment; returns its id. */
async function validated(period: string, level: number) {
  const answers = answerSet(framework, level);
  return (await runAssessment(ctx, { focal, reviewer, country: 'GHA', period, answers })).id;
}

describe('report', () => {
  let first = '';
  let second = '';
  beforeAll(async () => {
    first = await validated('2024', 0.5);
    second = await validated('2025', 1);
  });

  it('gives every field of the design for a validated assessment', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${second}/report`,
      headers: focal,
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({
      assessmentId: second,
      country: 'GHA',
      period: '2025',
      status: 'validated',
      framework: { key: 'migof', version: '1.0.0' },
      methodology: { version: 2, aggregation: 'arithmetic' },
      composite: { score: 100, band: 'fully_meets', provisional: false, imbalance: [] },
      hmgiComposite: { score: 100, band: 'fully_meets' },
      coverage: { coverage: 1 },
      validatedBy: 'rita',
      contributors: [{ sub: 'kofi' }],
    });
    expect(Date.parse(report.validatedAt)).toBeGreaterThanOrEqual(Date.parse(report.submittedAt));
    expect(report.narrative.length).toBeGreaterThanOrEqual(3);
    expect(report.narrative[0]).toContain('100');
    expect(report.lenses.hmgi[0]).toMatchObject({ key: 'human_rights', label: 'Human rights' });
    expect(report.composite.uncertainty).toMatchObject({ p5: 100, p50: 100, p95: 100, bandStability: 1 });
    expect(report.domains).toHaveLength(6);
    expect(report.domains[0].subdomains).toHaveLength(5);
    expect(report.lenses.hmgi).toHaveLength(5);
    expect(report.lenses.sdgTargets.map((l: { key: string }) => l.key)).toContain('10.c');
    expect(report.gaps).toEqual([]);
    expect(report.strengths).toHaveLength(5);
    expect(report.comparison).toMatchObject({
      assessmentId: first,
      period: '2024',
      commonQuestionsOnly: false,
    });
    expect(report.comparison.compositeDelta).toBeGreaterThan(0);
    // The previous round's own figures, not rebuilt from deltas.
    expect(report.comparison.composite).toBeCloseTo(100 - report.comparison.compositeDelta, 1);
    expect(report.comparison.domains[0]).toEqual({
      key: 'P1',
      score: expect.any(Number),
      delta: expect.any(Number),
    });
    expect(report.comparison.changedQuestions.length).toBeGreaterThan(0);
    const change = report.comparison.changedQuestions[0];
    expect(change.text.length).toBeGreaterThan(10);
    expect(change.beforeLabel).not.toBe(change.afterLabel);
  });

  it('ranks gaps by potential gain, largest first, with the question text', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${first}/report`,
      headers: focal,
    });
    const { gaps, composite } = res.json();
    expect(gaps.length).toBeGreaterThan(10);
    expect(gaps[0].text.length).toBeGreaterThan(10);
    for (let i = 1; i < gaps.length; i++)
      expect(gaps[i - 1].potentialGain).toBeGreaterThanOrEqual(gaps[i].potentialGain);
    expect(composite.score).toBeGreaterThan(30);
    expect(composite.score).toBeLessThan(70);
  });

  it('serves a validated report byte for byte the same every time', async () => {
    const a = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${first}/report`, headers: focal });
    const b = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${first}/report`,
      headers: reviewer,
    });
    expect(a.body).toBe(b.body);
  });

  it('gives the geometric aggregation on request, reported as such', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${first}/report?aggregation=geometric`,
      headers: focal,
    });
    expect(res.json().methodology.aggregation).toBe('geometric');
    expectProblem(
      await ctx.app.inject({
        method: 'GET',
        url: `/v1/assessments/${first}/report?aggregation=median`,
        headers: focal,
      }),
      400,
    );
  });

  it('is provisional for a partly answered draft', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'GHA', period: '2026' },
    });
    const id = created.json().id;
    await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: answerSet(framework, 1).slice(0, 20) },
    });
    const report = (
      await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/report`, headers: focal })
    ).json();
    expect(report.status).toBe('draft');
    expect(report.composite.provisional).toBe(true);
    expect(report.coverage.coverage).toBeLessThan(1);
    expect(report.composite.score).toBeNull();
    expect(report.domains[0].score).toBe(100);
  });

  it('exports CSV with one row per question, quoted and safe against formulas', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'GHA', period: '2027' },
    });
    const id = created.json().id;
    const first = allQuestions(framework)[0]?.key;
    await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: {
        answers: [
          { question: first, value: 'yes', comment: '=HYPERLINK("http://x","click"), "quoted"\nline' },
        ],
      },
    });
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/report`,
      headers: { ...focal, accept: 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsvText(res.body, { bom: true, relaxColumnCount: false }) as string[][];
    // The original columns keep their places; `unit` and `evidence` follow them.
    expect(rows[0]?.slice(0, 11)).toEqual([
      'domain',
      'subdomain',
      'question',
      'text',
      'answer',
      'not_applicable',
      'score',
      'weight',
      'enabled',
      'comment',
      'evidence_count',
    ]);
    expect(rows).toHaveLength(allQuestions(framework).length + 1);
    const row = rows.find((r) => r[2] === first);
    expect(row?.[9]).toBe(`'=HYPERLINK("http://x","click"), "quoted"\nline`);
    expect(row?.[6]).toBe('100');
  });
});

describe('chart', () => {
  it('is a standalone SVG with six axes and no scripts', async () => {
    const admin = await ctx.auth({ role: 'admin' });
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/v1/assessments?status=validated',
      headers: admin,
    });
    const id = list.json().items.at(-1).id;
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/report.svg`,
      headers: admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body).not.toMatch(/<script|on\w+=/i);
    expect(XMLValidator.validate(res.body)).toBe(true);
    const svg = new XMLParser({ ignoreAttributes: false }).parse(res.body).svg;
    expect(svg['@_xmlns']).toBe('http://www.w3.org/2000/svg');
    const axes = (svg.line as Record<string, string>[]).filter((l) => l['@_class'] === 'axis');
    expect(axes).toHaveLength(6);
    expect(res.body).toContain('Previous round, 2024');
    if (process.env.MIGOV_SVG_OUT) writeFileSync(process.env.MIGOV_SVG_OUT, res.body);
    else writeFileSync(join(tmpdir(), 'migov-chart.svg'), res.body);
  });
});

describe('SDG 10.7.2 aggregate and trend', () => {
  it('counts the latest validated assessment per country', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2025',
      headers: reviewer,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    // A 1.0.0 `fully_meets` counts under the latest version's name for the same band (2.1.0: `advanced`).
    expect(body.overall.bands.map((b: { key: string }) => b.key)).toEqual([
      'initial',
      'developing',
      'established',
      'advanced',
    ]);
    expect(body.overall.bands.find((b: { key: string }) => b.key === 'advanced').count).toBe(1);
    expect(body.overall.meetsOrFullyMeets).toEqual({ count: 1, proportion: 1 });
    expect(body.domains).toHaveLength(6);
  });

  it('gives the trend of a country', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/countries/GHA/trend', headers: focal });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().points.map((p: { period: string }) => p.period)).toEqual(['2024', '2025']);
    const other = await ctx.auth({ role: 'focal_point', country: 'KEN' });
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/v1/countries/GHA/trend', headers: other }),
      404,
    );
  });
});

describe('compression', () => {
  it('sends the report in brotli or gzip to clients that accept it, each with its own ETag', async () => {
    const admin = await ctx.auth({ role: 'admin' });
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/v1/assessments?status=validated',
      headers: admin,
    });
    const id = list.json().items[0].id;
    const get = (encoding: string | undefined, extra: Record<string, string> = {}) =>
      ctx.app.inject({
        method: 'GET',
        url: `/v1/assessments/${id}/report`,
        headers: { ...admin, ...(encoding === undefined ? {} : { 'accept-encoding': encoding }), ...extra },
      });
    const plain = await get(undefined);
    const gzipped = await get('gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(gunzipSync(gzipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const br = await get('br, gzip;q=0.8');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    expect(new Set([plain.headers.etag, gzipped.headers.etag, br.headers.etag]).size).toBe(3);
    expect((await get('br', { 'if-none-match': String(br.headers.etag) })).statusCode).toBe(304);
    const refused = await get('gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
  });
});

describe('comparison freshness', () => {
  it('a draft report picks up an earlier round validated after it was first served', async () => {
    const country = { role: 'focal_point', country: 'SEN', sub: 'awa' };
    const headers = await ctx.auth(country);
    const open = async (period: string) =>
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/v1/assessments',
          headers,
          payload: { country: 'SEN', period },
        })
      ).json().id as string;
    const later = await open('2029');
    const earlier = await open('2028');
    const before = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${later}/report`, headers });
    expect(before.json().comparison).toBeNull();
    const unchanged = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${later}/report`,
      headers: { ...headers, 'if-none-match': String(before.headers.etag) },
    });
    expect(unchanged.statusCode).toBe(304);

    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${earlier}/answers`,
      headers,
      payload: { answers: answerSet(framework, 1) },
    });
    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${earlier}/submit`,
      headers: { ...headers, 'if-match': String(put.headers.etag) },
    });
    const validated = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${earlier}/validate`,
      headers: { ...reviewer, 'if-match': String(submit.headers.etag) },
    });
    expect(validated.statusCode, validated.body).toBe(200);
    const after = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${later}/report`,
      headers: { ...headers, 'if-none-match': String(before.headers.etag) },
    });
    expect(after.statusCode, 'a stale ETag must not get 304').toBe(200);
    expect(after.json().comparison).toMatchObject({ assessmentId: earlier, period: '2028' });
  });
});

describe('report sensitivity (methodology 2)', () => {
  it('gives the same figures before submission, after it and once validated', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'GHA', period: '2031' },
    });
    const id = created.json().id as string;
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: answerSet(framework, 0.5) },
    });
    expect(put.statusCode, put.body).toBe(200);
    const figures = async () => {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/v1/assessments/${id}/report`,
        headers: focal,
      });
      expect(res.statusCode, res.body).toBe(200);
      const { composite, revision } = res.json();
      return { uncertainty: composite.uncertainty, score: composite.score, revision };
    };
    const draft = await figures();
    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...focal, 'if-match': String(put.headers.etag) },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const submitted = await figures();
    const done = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/validate`,
      headers: { ...reviewer, 'if-match': String(submit.headers.etag) },
    });
    expect(done.statusCode, done.body).toBe(200);
    const validatedFigures = await figures();
    expect(new Set([draft.revision, submitted.revision, validatedFigures.revision]).size).toBe(3);
    expect(draft.uncertainty.bandStability).toBeGreaterThan(0);
    expect(submitted.uncertainty).toEqual(draft.uncertainty);
    expect(validatedFigures.uncertainty).toEqual(draft.uncertainty);
    expect(validatedFigures.score).toBe(draft.score);
  });
});
