import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { roundRatio } from '../scoring/scoring.engine.ts';
import { type CountryAreas, distinctAreas, SDG_REGIONS, sdgRegionOf, WORLD } from './sdg1072.areas.ts';
import { sdg1072PlainCsv, sdg1072SdmxCsv } from './sdg1072.csv.ts';
import { meetsOrFullyMeets, OFFICIAL_CATEGORIES, officialRows } from './sdg1072.official.ts';
import type { OfficialAreaCount, Sdg1072Repository } from './sdg1072.repository.ts';
import type { AreaInfo, AreaKind, OfficialAggregate, OfficialArea, OfficialTally } from './sdg1072.types.ts';

export type { OfficialAggregate } from './sdg1072.types.ts';

export type OfficialGroupBy = 'region' | 'sdgRegion';

/** A country as the countries module lists it: its M49 areas with their names. */
export interface AreaCountry extends CountryAreas {
  iso3: string;
  m49: string;
  region: string | null;
  subregion: string | null;
  intermediateRegion?: string | null;
}

/** The headline percentage as the SDG database publishes it: five decimals (62.31884). */
export const roundPercent = (x: number): number => Math.round(x * 100_000) / 100_000;

/** Every area some listed country belongs to, in the order the aggregate lists them. */
export function areasOf(countries: readonly AreaCountry[]): AreaInfo[] {
  const m49 = new Map<string, AreaInfo>();
  const add = (code: string | null | undefined, kind: AreaKind, name: string | null | undefined) => {
    if (code && name && !m49.has(`${kind}:${code}`))
      m49.set(`${kind}:${code}`, { code, kind, name: () => name });
  };
  for (const c of countries) {
    add(c.regionCode, 'region', c.region);
    add(c.subregionCode, 'subregion', c.subregion);
    add(c.intermediateRegionCode, 'intermediateRegion', c.intermediateRegion);
  }
  const byCode = (a: AreaInfo, b: AreaInfo) => a.code.localeCompare(b.code);
  return [
    { code: WORLD, kind: 'world', name: (locale) => t(locale, 'indicator.sdg1072.area.world') },
    ...[...m49.values()].sort(byCode),
    ...SDG_REGIONS.map(
      (g): AreaInfo => ({
        code: g.code,
        kind: 'sdgRegion',
        name: (locale) => t(locale, `indicator.sdg1072.area.${g.key}`),
      }),
    ),
  ];
}

function tally(rows: OfficialAreaCount[], locale: Locale): OfficialTally {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const share = (count: number) => (total ? roundRatio(count / total) : null);
  const meets = rows.filter((r) => meetsOrFullyMeets(r.category)).reduce((sum, r) => sum + r.count, 0);
  return {
    total,
    categories: OFFICIAL_CATEGORIES.map(({ code, key }) => {
      const count = rows.filter((r) => r.category === code).reduce((sum, r) => sum + r.count, 0);
      return {
        code,
        key,
        label: t(locale, `report.sdg1072.category.${key}`),
        count,
        proportion: share(count),
      };
    }),
    meetsOrFullyMeets: {
      count: meets,
      proportion: share(meets),
      percent: total ? roundPercent((100 * meets) / total) : null,
    },
  };
}

/**
 * SDG indicator 10.7.2 by the official rule (docs/sdg-10-7-2.md): for a year, each country's
 * latest official answers up to it, counted per category 1-4 for the world, M49 areas and SDG
 * groupings. The counting is SQL's (sdg1072.repository.ts); this puts names and shares on it.
 */
export class Sdg1072Service {
  constructor(
    private readonly repository: Sdg1072Repository,
    private readonly countries: () => readonly AreaCountry[],
  ) {}

  areas(): AreaInfo[] {
    return areasOf(this.countries());
  }

  /** Counts per area code (areas sharing a code, such as sub-region 202 and SDG region 202, are the same countries). */
  counts(year: string, area: string | undefined): Map<string, OfficialAreaCount[]> {
    const byArea = new Map<string, OfficialAreaCount[]>();
    for (const row of this.repository.areaCounts(year, area)) {
      const list = byArea.get(row.area) ?? [];
      list.push(row);
      byArea.set(row.area, list);
    }
    return byArea;
  }

  describe(info: AreaInfo, rows: OfficialAreaCount[], locale: Locale): OfficialArea {
    const overall = tally(
      rows.filter((r) => r.domain === 0),
      locale,
    );
    return {
      area: { code: info.code, kind: info.kind, name: info.name(locale) },
      total: overall.total,
      overall,
      domains: [1, 2, 3, 4, 5, 6].map((number) => ({
        number,
        ...tally(
          rows.filter((r) => r.domain === number),
          locale,
        ),
      })),
    };
  }

  aggregate(
    year: string,
    region: { code: string; name: string } | undefined,
    groupBy: OfficialGroupBy | undefined,
    locale: Locale,
  ): OfficialAggregate {
    const counts = this.counts(year, region?.code);
    const areas = this.areas();
    const scope = region
      ? (areas.find((a) => a.kind === 'region' && a.code === region.code) ?? areas[0]!)
      : areas[0]!;
    const groups = groupBy
      ? areas
          .filter((a) => a.kind === groupBy && counts.has(a.code))
          .map((a) => this.describe(a, counts.get(a.code) ?? [], locale))
      : null;
    const excluded = this.repository.exclusions(year, region?.code, region?.name);
    return {
      year,
      ...this.describe(scope, counts.get(scope.code) ?? [], locale),
      groups,
      excluded: [
        { reason: 'framework_without_official_instrument', count: excluded.withoutInstrument },
        { reason: 'superseded_by_later_answers', count: excluded.superseded },
      ],
    };
  }

  /** Every area with at least one country counted, once per code, in the reader's language. */
  allAreas(year: string, locale: Locale): OfficialArea[] {
    const counts = this.counts(year, undefined);
    return distinctAreas(this.areas())
      .filter((a) => counts.has(a.code))
      .map((a) => this.describe(a, counts.get(a.code) ?? [], locale));
  }

  sdmxCsv(year: string): string {
    const m49 = new Map(this.countries().map((c) => [c.iso3, c.m49]));
    const countries = this.repository
      .countryValues(year)
      .map((row) => ({ ...row, country: m49.get(row.country) ?? row.country }));
    return sdg1072SdmxCsv(year, countries, this.allAreas(year, 'en'));
  }

  plainCsv(year: string, locale: Locale): string {
    return sdg1072PlainCsv(year, this.allAreas(year, locale), locale);
  }

  /**
   * Records the official values of a validated assessment whose report has them (framework
   * 2.1.0 on); nothing otherwise. Call inside the validation's transaction, after validated_results.
   */
  recordValidation(
    assessment: { id: string; country: string; period: string; validatedAt: string },
    sdg1072: unknown,
    country: CountryAreas | undefined,
  ): void {
    const rows = officialRows(sdg1072);
    if (rows.length === 0) return;
    this.repository.insert(
      {
        assessmentId: assessment.id,
        country: assessment.country,
        period: assessment.period,
        validatedAt: assessment.validatedAt,
        regionCode: country?.regionCode ?? null,
        subregionCode: country?.subregionCode ?? null,
        intermediateRegionCode: country?.intermediateRegionCode ?? null,
        sdgRegionCode: country ? sdgRegionOf(country) : null,
      },
      rows.map((r) => ({ assessmentId: assessment.id, ...r })),
    );
  }
}
