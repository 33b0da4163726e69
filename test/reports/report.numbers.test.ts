import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameworkImmutableError } from '../../src/framework/framework.service.ts';
import { createTestApp, expectProblem, type TestContext, tempDir } from '../helper.ts';
import { COMPLETE_ANSWERS, miniFramework, writeFrameworks } from './mini-framework.ts';

/*
 * Hand-computed expectations for answer set A on the mini framework:
 *   P1 = 100 * (1*0.5 + 3*1) / 4             = 87.5
 *   P2 = 100 * (5 - 10) / (3 - 10)           = 71.428571
 *   P3 = 0 (P3.1.2 is disabled: its "yes" is stored but does not count)
 *   O1 = 75, O2 = 100, O3 = 50
 *   composite (arithmetic) = 383.928571 / 6  = 63.988095 -> 63.99, meets
 *   composite (geometric)  = (87.5 * 71.43 * 1 * 75 * 100 * 50)^(1/6) = 36.446169 (P3 counts as 1)
 *   gains: P3.1.1 100/6 = 16.67, O3.1.1 50/6 = 8.33, P2.1.1 28.57/6 = 4.76, O1.1.1 25/6 = 4.17, P1.1.1 12.5/6 = 2.08
 *   human_rights lens = 100 * (0.5 + 3 + 0 + 0.75 + 1 + 0.5) / 8 = 71.875 -> 71.88
 */

const dataDir = tempDir();
const frameworksDir = join(dataDir, 'frameworks');
let ctx: TestContext;
let admin: { authorization: string };

async function open(country: string, period: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: admin,
    payload: { country, period, framework: { key: 'mini', version: '1.0.0' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function answer(id: string, answers: unknown[]) {
  const res = await ctx.app.inject({
    method: 'PUT',
    url: `/v1/assessments/${id}/answers`,
    headers: admin,
    payload: { answers },
  });
  expect(res.statusCode, res.body).toBe(200);
  return String(res.headers.etag);
}

async function validate(id: string, etag: string) {
  const submitted = await ctx.app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/submit`,
    headers: { ...admin, 'if-match': etag },
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  const validated = await ctx.app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/validate`,
    headers: { ...admin, 'if-match': String(submitted.headers.etag) },
  });
  expect(validated.statusCode, validated.body).toBe(200);
}

const report = async (id: string, query = '') =>
  ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/report${query}`, headers: admin });

beforeAll(async () => {
  writeFrameworks(frameworksDir, [miniFramework()]);
  ctx = await createTestApp({ DATA_DIR: dataDir }, { seeds: { frameworksDir } });
  admin = await ctx.auth({ role: 'admin', sub: 'ada' });
});

describe('report numbers, by hand', () => {
  let id = '';
  beforeAll(async () => {
    id = await open('KEN', '2025');
    await answer(id, COMPLETE_ANSWERS);
  });

  it('scores a complete answer set with a disabled answer stored', async () => {
    const body = (await report(id)).json();
    expect(body.domains.map((d: { score: number }) => d.score)).toEqual([87.5, 71.43, 0, 75, 100, 50]);
    expect(body.composite).toMatchObject({ score: 63.99, band: 'meets', provisional: false });
    expect(body.domains.map((d: { band: string }) => d.band)).toEqual([
      'fully_meets',
      'meets',
      'requires_further_progress',
      'meets',
      'fully_meets',
      'partially_meets',
    ]);
    expect(body.coverage).toEqual({ answered: 7, enabled: 7, coverage: 1, scored: 7 });
    expect(
      body.gaps.map((g: { question: string; potentialGain: number }) => [g.question, g.potentialGain]),
    ).toEqual([
      ['P3.1.1', 16.67],
      ['O3.1.1', 8.33],
      ['P2.1.1', 4.76],
      ['O1.1.1', 4.17],
      ['P1.1.1', 2.08],
    ]);
    expect(body.lenses.hmgi.find((l: { key: string }) => l.key === 'human_rights')).toEqual({
      key: 'human_rights',
      label: 'Human rights',
      score: 71.88,
      questions: 6,
    });
    expect(body.lenses.sdgTargets.find((l: { key: string }) => l.key === '10.c')).toEqual({
      key: '10.c',
      label: '10.c Cost of migrant remittances',
      score: 71.43,
      questions: 1,
    });
    const { p5, p50, p95, bandStability } = body.composite.uncertainty;
    expect(p5).toBeLessThanOrEqual(p50);
    expect(p50).toBeLessThanOrEqual(p95);
    // Any weighted mean lies between the smallest and the largest domain score (max(D, 1) for geometric).
    expect(p5).toBeGreaterThanOrEqual(0);
    expect(p95).toBeLessThanOrEqual(100);
    expect(p50).toBeGreaterThan(36.44);
    expect(p50).toBeLessThan(63.99);
    expect(bandStability).toBeGreaterThan(0);
    expect(bandStability).toBeLessThan(1);
  });

  it('gives the geometric composite on request', async () => {
    const body = (await report(id, '?aggregation=geometric')).json();
    expect(body.composite.score).toBe(36.45);
    expect(body.composite.band).toBe('requires_further_progress');
    // Gains stay arithmetic whatever the aggregation.
    expect(body.gaps[0]).toMatchObject({ question: 'P3.1.1', potentialGain: 16.67 });
  });

  it('counts a conditional question once it is enabled', async () => {
    const other = await open('UGA', '2025');
    await answer(
      other,
      COMPLETE_ANSWERS.map((a) => (a.question === 'P3.1.1' ? { ...a, value: 'yes' } : a)),
    );
    const body = (await report(other)).json();
    expect(body.domains[2].score).toBe(100);
    expect(body.coverage).toEqual({ answered: 8, enabled: 8, coverage: 1, scored: 8 });
  });

  it('scores a partial answer set with not applicable as provisional, composite null', async () => {
    const partial = await open('TZA', '2025');
    await answer(partial, [
      { question: 'P1.1.1', value: 'yes' },
      { question: 'P1.1.2', notApplicable: true },
      { question: 'O2.1.1', value: 'no' },
    ]);
    const body = (await report(partial)).json();
    expect(body.domains[0]).toMatchObject({ score: 100, coverage: { answered: 2, enabled: 2, coverage: 1 } });
    expect(body.domains[4]).toMatchObject({ score: 0, band: 'requires_further_progress' });
    expect(body.domains[1].score).toBeNull();
    expect(body.composite).toMatchObject({ score: null, band: null, provisional: true, uncertainty: null });
    expect(body.coverage).toEqual({ answered: 3, enabled: 7, coverage: 0.4286, scored: 2 });
  });

  it('refuses submission until evidence backs a positive evidence-required answer', async () => {
    const noEvidence = await open('RWA', '2025');
    const etag = await answer(
      noEvidence,
      COMPLETE_ANSWERS.map((a) => (a.question === 'P1.1.2' ? { question: 'P1.1.2', value: 'yes' } : a)),
    );
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${noEvidence}/submit`,
      headers: { ...admin, 'if-match': etag },
    });
    expect(expectProblem(res, 409).missing).toEqual([{ question: 'P1.1.2', reason: 'evidence_required' }]);
  });
});

describe('snapshot stability', () => {
  it('serves the same bytes after validation, after a restart and a new framework version', async () => {
    const id = await open('ETH', '2025');
    await validate(id, await answer(id, COMPLETE_ANSWERS));
    const before = (await report(id)).body;
    await ctx.app.close();

    writeFrameworks(frameworksDir, [miniFramework(), miniFramework('1.1.0', 10)]);
    ctx = await createTestApp({ DATA_DIR: dataDir }, { seeds: { frameworksDir } });
    const after = await report(id);
    expect(after.body).toBe(before);
    const frameworks = await ctx.app.inject({ method: 'GET', url: '/v1/frameworks', headers: admin });
    expect(
      frameworks.json().items.map((f: { version: string; latest: boolean }) => [f.version, f.latest]),
    ).toEqual([
      ['1.0.0', false],
      ['1.1.0', true],
    ]);
  });

  it('refuses to start when a published version’s content changed', async () => {
    const changedDir = join(dataDir, 'changed');
    writeFrameworks(changedDir, [miniFramework('1.0.0', 7)]);
    await expect(
      createTestApp({ DATA_DIR: dataDir }, { seeds: { frameworksDir: changedDir } }),
    ).rejects.toThrow(FrameworkImmutableError);
  });
});

describe('SDG 10.7.2 over several periods, regions and bands', () => {
  // country -> [period, answers]; KEN and NGA in Africa, FRA in Europe, MEX in the Americas.
  const all = (value: string) =>
    COMPLETE_ANSWERS.map((a) => {
      if (a.question === 'P2.1.1') return { ...a, value: value === 'yes' ? 3 : 10 };
      if (a.question === 'O1.1.1') return { ...a, value: value === 'yes' ? 'advanced' : 'none' };
      if (a.question === 'O2.1.1' || a.question === 'P1.1.2')
        return { ...a, value: value === 'no' ? 'no' : 'yes' };
      if (a.question === 'P3.1.2') return a;
      return { ...a, value };
    });

  beforeAll(async () => {
    const plan: [string, string, unknown[]][] = [
      ['NGA', '2030', all('yes')], // fully meets
      ['FRA', '2030', COMPLETE_ANSWERS], // meets (63.99)
      ['MEX', '2030', all('no')], // requires further progress
      ['NGA', '2031', all('no')], // another period
    ];
    for (const [country, period, answers] of plan) {
      const id = await open(country, period);
      await validate(id, await answer(id, answers));
    }
    // A draft is never counted.
    await answer(await open('GHA', '2030'), all('yes'));
  });

  it('counts countries per band with the share that meets or fully meets', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2030',
      headers: admin,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    expect(
      Object.fromEntries(body.overall.bands.map((b: { key: string; count: number }) => [b.key, b.count])),
    ).toEqual({
      requires_further_progress: 1,
      partially_meets: 0,
      meets: 1,
      fully_meets: 1,
    });
    expect(body.overall.meetsOrFullyMeets).toEqual({ count: 2, proportion: 0.67 });
    const p3 = body.domains.find((d: { key: string }) => d.key === 'P3');
    expect(p3.total).toBe(3);
  });

  it('filters and groups by M49 region', async () => {
    const africa = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2030&region=Africa',
      headers: admin,
    });
    expect(africa.json().total).toBe(1);
    const grouped = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2030&groupBy=region',
      headers: admin,
    });
    expect(grouped.json().regions.map((r: { region: string; total: number }) => [r.region, r.total])).toEqual(
      [
        ['Africa', 1],
        ['Americas', 1],
        ['Europe', 1],
      ],
    );
    expectProblem(
      await ctx.app.inject({
        method: 'GET',
        url: '/v1/indicators/sdg-10-7-2?period=2030&region=Atlantis',
        headers: admin,
      }),
      400,
    );
  });

  it('is also CSV', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2031',
      headers: { ...admin, accept: 'text/csv' },
    });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'period,region,scope,total,requires_further_progress,partially_meets,meets,fully_meets,meets_or_fully_meets,proportion',
    );
    expect(lines[1]).toBe('2031,All,composite,1,1,0,0,0,0,0');
  });
});

afterAll(async () => {
  await ctx.app.close();
});
