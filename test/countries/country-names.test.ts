import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helper.ts';

/**
 * Country names as the UN writes them in each language: M49 in English, the UN official short
 * names in French and Spanish, seeded with their source; never an informal name, and never a bare
 * code where a person reads a name (report, chart, profile, scores CSV).
 */

type Names = { en: string; fr: string; es: string };
let ctx: TestContext;
let admin: { authorization: string };
let byIso3: Map<string, { name: string; names: Names }>;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await ctx.auth({ role: 'admin' });
  const res = await ctx.app.inject({ method: 'GET', url: '/v1/countries', headers: admin });
  expect(res.statusCode, res.body).toBe(200);
  byIso3 = new Map((res.json() as { iso3: string; name: string; names: Names }[]).map((c) => [c.iso3, c]));
});

describe('GET /v1/countries', () => {
  it.each([
    ['KEN', { en: 'Kenya', fr: 'Kenya', es: 'Kenya' }],
    ['CIV', { en: 'Côte d’Ivoire', fr: 'Côte d’Ivoire', es: 'Côte d’Ivoire' }],
    [
      'COD',
      {
        en: 'Democratic Republic of the Congo',
        fr: 'République démocratique du Congo',
        es: 'República Democrática del Congo',
      },
    ],
    [
      'BOL',
      {
        en: 'Bolivia (Plurinational State of)',
        fr: 'Bolivie (État plurinational de)',
        es: 'Bolivia (Estado Plurinacional de)',
      },
    ],
    [
      'TZA',
      {
        en: 'United Republic of Tanzania',
        fr: 'République-Unie de Tanzanie',
        es: 'República Unida de Tanzanía',
      },
    ],
    // Observer states and territories: as the UN Statistics Division's M49 table names them.
    ['PSE', { en: 'State of Palestine', fr: 'État de Palestine', es: 'Estado de Palestina' }],
    ['VAT', { en: 'Holy See', fr: 'Saint-Siège', es: 'Santa Sede' }],
    [
      'HKG',
      {
        en: 'China, Hong Kong Special Administrative Region',
        fr: 'Chine, région administrative spéciale de Hong Kong',
        es: 'China, región administrativa especial de Hong Kong',
      },
    ],
    [
      'FLK',
      { en: 'Falkland Islands (Malvinas)', fr: 'Îles Falkland (Malvinas)', es: 'Islas Malvinas (Falkland)' },
    ],
  ])('names %s as the UN does in each language', (iso3, names) => {
    expect(byIso3.get(iso3)?.names).toEqual(names);
    expect(byIso3.get(iso3)?.name).toBe(names.en);
  });

  it('has no informal name in any language', () => {
    const all = [...byIso3.values()].flatMap((c) => Object.values(c.names));
    for (const informal of [
      'Kinshasa',
      'Brazzaville',
      'Palestinian Territories',
      'Ivory Coast',
      'Costa de Marfil',
    ]) {
      expect(
        all.filter((n) => n.includes(informal)),
        informal,
      ).toEqual([]);
    }
  });
});

describe('seeds/country-names.json', () => {
  const seed = JSON.parse(
    readFileSync(new URL('../../seeds/country-names.json', import.meta.url), 'utf8'),
  ) as {
    source: { mirror: { repository: string; commit: string; path: string } };
    m49Source: {
      pages: string[];
      mirror: { repository: string; commit: string; paths: string[] };
      countries: string[];
    };
    names: Record<string, { fr: string; es: string }>;
  };
  const countries = JSON.parse(
    readFileSync(new URL('../../seeds/countries.json', import.meta.url), 'utf8'),
  ) as {
    countries: { iso3: string }[];
  };

  it('keeps its sources: repository, commit and path of each', () => {
    expect(seed.source.mirror.repository).toMatch(/^https:\/\/github\.com\//);
    expect(seed.source.mirror.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(seed.source.mirror.path).toMatch(/\.csv$/);
    expect(seed.m49Source.pages).toContain('https://unstats.un.org/unsd/methodology/m49/overview/');
    expect(seed.m49Source.mirror.repository).toMatch(/^https:\/\/github\.com\//);
    expect(seed.m49Source.mirror.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(seed.m49Source.mirror.paths).toEqual(['tmp/UNSD-fr.csv', 'tmp/UNSD-es.csv']);
  });

  it('names every country and area of the list, and only those: 193 member states, the rest from M49', () => {
    const known = new Set(countries.countries.map((c) => c.iso3));
    expect(Object.keys(seed.names).filter((iso3) => !known.has(iso3))).toEqual([]);
    expect(Object.keys(seed.names).sort()).toEqual([...known].sort());
    expect(seed.m49Source.countries).toHaveLength(known.size - 193);
    expect(seed.m49Source.countries).toEqual(expect.arrayContaining(['PSE', 'VAT']));
    for (const [iso3, names] of Object.entries(seed.names)) {
      expect(names.fr.trim(), iso3).not.toBe('');
      expect(names.es.trim(), iso3).not.toBe('');
    }
  });
});

describe('the report, chart and scores CSV', () => {
  let id: string;
  beforeAll(async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: admin,
      payload: { country: 'COD', period: '2026' },
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
  });

  it.each([
    ['en', 'Democratic Republic of the Congo'],
    ['fr', 'République démocratique du Congo'],
    ['es', 'República Democrática del Congo'],
  ])('name the country in %s', async (lang, name) => {
    const headers = { ...admin, 'accept-language': lang };
    const report = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/report`, headers });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().countryName).toBe(name);
    const chart = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/report.svg`, headers });
    expect(chart.statusCode, chart.body).toBe(200);
    expect(chart.body).toContain(name);
    const scores = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/scores.csv`, headers });
    expect(scores.statusCode, scores.body).toBe(200);
    expect(scores.body.split('\n')[1]).toContain(name);
  });
});
