import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';
import { recordOfficial } from './official-records.ts';

/** Which answers the official 10.7.2 aggregate counts for a year, and how it is given. */

let ctx: TestContext;
let reviewer: { authorization: string };

const ALL = (code: number) => [code, code, code, code, code, code, code];
const SECOND = { key: 'migof', version: '2.0.0' };

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { ...reviewer, ...headers } });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

const official = async (query: string, headers: Record<string, string> = {}) =>
  (await get(`/v1/indicators/sdg-10-7-2?${query}`, headers)).json().official;

beforeAll(async () => {
  ctx = await createTestApp();
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
  // Ghana: requires further progress in 2019, fully meets in 2021.
  await recordOfficial(ctx, { country: 'GHA', period: '2019', categories: ALL(1) });
  await recordOfficial(ctx, { country: 'GHA', period: '2021', categories: ALL(4) });
  // Kenya: two validated records for 2021; the one validated last counts.
  await recordOfficial(ctx, {
    country: 'KEN',
    period: '2021',
    categories: ALL(3),
    validatedAt: '2021-06-01T00:00:00.000Z',
  });
  await recordOfficial(ctx, {
    country: 'KEN',
    period: '2021',
    categories: ALL(2),
    validatedAt: '2021-09-01T00:00:00.000Z',
    framework: SECOND,
  });
  // France: meets, 2020.
  await recordOfficial(ctx, { country: 'FRA', period: '2020', categories: [3, 4, 3, 3, 2, 1, 3] });
  // Senegal: validated on 2.0.0 only, which has no official instrument.
  const focal = await ctx.auth({ role: 'focal_point', country: 'SEN', sub: 'focal-SEN' });
  const answers = answerSet(migof('2.0.0'), 1);
  await runAssessment(ctx, { focal, reviewer, country: 'SEN', period: '2021', framework: SECOND, answers });
}, 60_000);

const categoryCounts = (tally: { categories: { count: number }[] }) => tally.categories.map((c) => c.count);

describe('GET /v1/indicators/sdg-10-7-2: the official aggregate', () => {
  it('counts each country’s latest answers up to the year, the last validated within a period', async () => {
    const y2021 = await official('period=2021');
    expect(y2021.total).toBe(3);
    // Ghana 4 (2021), Kenya 2 (validated last), France 3 (2020).
    expect(categoryCounts(y2021.overall)).toEqual([0, 1, 1, 1]);
    expect(y2021.overall.meetsOrFullyMeets).toEqual({ count: 2, proportion: 0.6667, percent: 66.66667 });
    expect(y2021.domains[0]).toMatchObject({ number: 1, total: 3 });
    expect(categoryCounts(y2021.domains[0])).toEqual([0, 1, 0, 2]);

    const y2020 = await official('period=2020');
    // Ghana's 2019 answers; Kenya had none yet.
    expect(y2020.total).toBe(2);
    expect(categoryCounts(y2020.overall)).toEqual([1, 0, 1, 0]);

    const y2018 = await official('period=2018');
    expect(y2018.total).toBe(0);
    expect(y2018.overall.meetsOrFullyMeets).toEqual({ count: 0, proportion: null, percent: null });
  });

  it('says how many validated assessments it left out and why', async () => {
    const y2021 = await official('period=2021');
    expect(y2021.excluded).toEqual([
      { reason: 'framework_without_official_instrument', count: 1 },
      { reason: 'superseded_by_later_answers', count: 2 },
    ]);
    // The MiGOF band counts beside it still count Senegal's 2.0.0 assessment.
    const body = (await get('/v1/indicators/sdg-10-7-2?period=2021')).json();
    expect(body.total).toBeGreaterThanOrEqual(1);
  });

  it('groups by SDG regional grouping and by M49 region, each with its M49 code', async () => {
    const sdg = await official('period=2021&groupBy=sdgRegion');
    expect(sdg.groups.map((g: { area: unknown }) => g.area)).toEqual([
      { code: '202', kind: 'sdgRegion', name: 'Sub-Saharan Africa' },
      { code: '513', kind: 'sdgRegion', name: 'Europe and Northern America' },
    ]);
    expect(sdg.groups.map((g: { total: number }) => g.total)).toEqual([2, 1]);
    const m49 = await official('period=2021&groupBy=region');
    expect(
      m49.groups.map((g: { area: { code: string; name: string } }) => [g.area.code, g.area.name]),
    ).toEqual([
      ['002', 'Africa'],
      ['150', 'Europe'],
    ]);
    expect((await official('period=2021')).groups).toBeNull();
  });

  it('narrows to an M49 region', async () => {
    const africa = await official('period=2021&region=Africa');
    expect(africa.area).toMatchObject({ code: '002', kind: 'region' });
    expect(africa.total).toBe(2);
    expect(africa.excluded[0]).toEqual({ reason: 'framework_without_official_instrument', count: 1 });
    const europe = await official('period=2021&region=Europe');
    expect(europe.excluded[0].count).toBe(0);
  });

  it('names the categories in the language asked for, by ?lang= or Accept-Language', async () => {
    const fr = await get('/v1/indicators/sdg-10-7-2?period=2021&groupBy=sdgRegion&lang=fr');
    expect(fr.headers['content-language']).toBe('fr');
    const labels = fr.json().official.overall.categories.map((c: { label: string }) => c.label);
    expect(labels).toEqual([
      'Des progrès supplémentaires sont nécessaires',
      'Satisfait en partie',
      'Satisfait',
      'Satisfait pleinement',
    ]);
    expect(fr.json().official.groups[0].area.name).toBe('Afrique subsaharienne');
    const es = await get('/v1/indicators/sdg-10-7-2?period=2021', { 'accept-language': 'es' });
    expect(es.headers['content-language']).toBe('es');
    expect(es.json().official.overall.categories[3]).toMatchObject({
      code: 4,
      key: 'fully_meets',
      label: 'Cumple plenamente',
    });
    const en = (await official('period=2021')).overall.categories.map((c: { label: string }) => c.label);
    expect(en).toEqual(['Requires further progress', 'Partially meets', 'Meets', 'Fully meets']);
  });

  it('refuses a grouping it does not know', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2021&groupBy=continent',
      headers: reviewer,
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('the official aggregate as files', () => {
  it('gives SDMX-CSV without a byte order mark, world and groupings in SG_CPA_MIGRP', async () => {
    const res = await get('/v1/indicators/sdg-10-7-2.sdmx.csv?period=2021');
    expect(res.body.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    const world = rows.find(
      (r) => r.SERIES === 'SG_CPA_MIGRP' && r.REF_AREA === '1' && r.COMPOSITE_BREAKDOWN === '_T',
    );
    expect(world).toMatchObject({ TIME_PERIOD: '2021', OBS_VALUE: '66.66667', UNIT_MEASURE: 'PT' });
    const areas = new Set(rows.filter((r) => r.SERIES === 'SG_CPA_MIGRP').map((r) => r.REF_AREA));
    // World, Africa, Europe, their sub-regions and intermediate regions, and the SDG groupings 202 and 513.
    expect([...areas].sort()).toEqual(['1', '14', '150', '155', '2', '202', '11', '513'].sort());
    const kenya = rows.filter((r) => r.SERIES === 'SG_CPA_MIGRS' && r.REF_AREA === '404');
    expect(kenya.map((r) => r.OBS_VALUE)).toEqual(['2', '2', '2', '2', '2', '2', '2']);
  });

  it('gives a CSV for people with a byte order mark and headers in the reader’s language', async () => {
    const res = await get('/v1/indicators/sdg-10-7-2.csv?period=2021&lang=fr');
    expect(res.headers['content-language']).toBe('fr');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(res.body.slice(1), { columns: true }) as Record<string, string>[];
    const world = rows.find((r) => r.code_zone === '001' && r.domaine === 'Tous les domaines');
    expect(world).toMatchObject({ zone: 'Monde', pays: '3', 'Satisfait pleinement': '1' });
    expect(rows.filter((r) => r.code_zone === '001')).toHaveLength(7);
  });

  it('keeps the band-count CSV of the JSON route', async () => {
    const res = await get('/v1/indicators/sdg-10-7-2?period=2021', { accept: 'text/csv' });
    expect(res.body.split('\r\n')[0]).toMatch(/^period,region,scope,total,/);
  });
});
