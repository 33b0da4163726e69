import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helper.ts';
import { recordOfficial } from './official-records.ts';

/**
 * Reproduces the UN's published 2021 figures of SDG 10.7.2 from the published country values
 * (fixtures/README.md): each country's latest answers up to 2021 are the 89 of the 2021 round and
 * the 49 whose latest answer is from 2019.
 */

interface Fixture {
  countries: { m49: string; year: string; categories: number[] }[];
  published2021: { m49: string; name: string; percent: number[] }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/un-sdg-10-7-2.json', import.meta.url), 'utf8'),
) as Fixture;

let ctx: TestContext;
let reviewer: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp();
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
  const iso3 = new Map(ctx.app.services.countries.list().map((c) => [String(Number(c.m49)), c.iso3]));
  for (const { m49, year, categories } of fixture.countries) {
    const country = iso3.get(m49);
    if (!country) throw new Error(`no country with M49 code ${m49}`);
    await recordOfficial(ctx, {
      country,
      period: year,
      categories,
      validatedAt: `${year}-12-31T00:00:00.000Z`,
    });
  }
}, 60_000);

const published = (m49: string) => fixture.published2021.find((a) => a.m49 === m49)!.percent;

describe('SDG 10.7.2 in 2021, from the published country values', () => {
  it('gives the world 62.3188 % meeting or fully meeting: 86 of 138 countries', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2021',
      headers: reviewer,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { official } = res.json();
    expect(official.area).toMatchObject({ code: '001', kind: 'world' });
    expect(official.total).toBe(138);
    expect(official.overall.meetsOrFullyMeets).toMatchObject({ count: 86, percent: 62.31884 });
    expect(
      official.domains.map((d: { meetsOrFullyMeets: { percent: number } }) => d.meetsOrFullyMeets.percent),
    ).toEqual(published('1').slice(1));
  });

  it('gives the published value of each SDG regional grouping', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2021&groupBy=sdgRegion',
      headers: reviewer,
    });
    const groups = res.json().official.groups as {
      area: { code: string };
      overall: Tally;
      domains: Tally[];
    }[];
    expect(groups.map((g) => g.area.code).sort()).toEqual([
      '053',
      '062',
      '202',
      '419',
      '513',
      '543',
      '747',
      '753',
    ]);
    for (const g of groups) {
      const ours = [g.overall, ...g.domains].map((t) => t.meetsOrFullyMeets.percent);
      expect(ours, g.area.code).toEqual(published(String(Number(g.area.code))));
    }
  });

  it('gives, in SDMX-CSV, every one of the 238 published values of the 34 areas', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2.sdmx.csv?period=2021',
      headers: reviewer,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.rawPayload[0]).not.toBe(0xef);
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.STRUCTURE_ID))).toEqual(new Set(['IAEG-SDGs:DF_SDG_GLH(1.9)']));
    const share = new Map(
      rows
        .filter((r) => r.SERIES === 'SG_CPA_MIGRP')
        .map((r) => [`${r.REF_AREA} ${r.COMPOSITE_BREAKDOWN}`, { value: Number(r.OBS_VALUE), row: r }]),
    );
    const domains = ['_T', 'PD_1', 'PD_2', 'PD_3', 'PD_4', 'PD_5', 'PD_6'];
    let compared = 0;
    for (const area of fixture.published2021) {
      area.percent.forEach((value, i) => {
        const ours = share.get(`${area.m49} ${domains[i]}`);
        expect(ours?.value, `${area.name} ${domains[i]}`).toBe(value);
        expect(ours?.row).toMatchObject({ TIME_PERIOD: '2021', UNIT_MEASURE: 'PT', NATURE: 'G', FREQ: 'A' });
        compared++;
      });
    }
    expect(compared).toBe(238);
  });

  it('gives each country its published category codes, at the period it answered for', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2.sdmx.csv?period=2021',
      headers: reviewer,
    });
    const rows = (parse(res.body, { columns: true }) as Record<string, string>[]).filter(
      (r) => r.SERIES === 'SG_CPA_MIGRS',
    );
    expect(rows).toHaveLength(138 * 7);
    const latest = new Map<string, Fixture['countries'][number]>();
    for (const c of fixture.countries) latest.set(c.m49, c);
    for (const r of rows) {
      const country = latest.get(r.REF_AREA ?? '')!;
      const i = ['_T', 'PD_1', 'PD_2', 'PD_3', 'PD_4', 'PD_5', 'PD_6'].indexOf(r.COMPOSITE_BREAKDOWN!);
      expect(r.TIME_PERIOD).toBe(country.year);
      expect(Number(r.OBS_VALUE)).toBe(country.categories[i]);
      expect(r).toMatchObject({ UNIT_MEASURE: 'NUMBER', NATURE: 'C' });
    }
  });
});

interface Tally {
  meetsOrFullyMeets: { percent: number };
}
