import type { Band } from '../framework/framework.schema.ts';
import { DOMAIN_KEYS, SDG1072_CATEGORY_KEYS } from '../framework/framework.schema.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { type Cell, toCsv } from '../lib/csv.ts';
import { roundScore, type ScoreResult } from '../scoring/scoring.engine.ts';
import type { BandCount, IndicatorRepository, Sdg1072Count } from './indicator.repository.ts';
import type { CountryAreas } from './sdg1072.areas.ts';
import type { OfficialAggregate, OfficialGroupBy, Sdg1072Service } from './sdg1072.service.ts';

export interface BandTally {
  total: number;
  bands: { key: string; label: string; count: number }[];
  meetsOrFullyMeets: { count: number; proportion: number | null };
}

export interface Sdg1072 {
  indicator: 'SDG 10.7.2';
  period: string;
  region: string | null;
  total: number;
  overall: BandTally;
  domains: (BandTally & { key: string })[];
  regions: (BandTally & { region: string; domains: (BandTally & { key: string })[] })[] | null;
  /** The same countries by the 10.7.2 category of their answers (frameworks with the crosswalk). */
  sdg1072Categories: { overall: BandTally; domains: (BandTally & { number: number })[] };
  /** The official rule (methodology 3): latest official answers of each country up to the year. */
  official: OfficialAggregate;
}

/** Counts per key (band or category), the total and the share in meets or fully meets. */
function tallyOf(
  keys: readonly { key: string; label: string }[],
  counts: { key: string | null; count: number }[],
): BandTally {
  const bands = keys.map((b) => ({
    key: b.key,
    label: b.label,
    count: counts.filter((r) => r.key === b.key).reduce((sum, r) => sum + r.count, 0),
  }));
  const total = counts.reduce((sum, r) => sum + r.count, 0);
  // The two highest bands: `meets` and `fully_meets` (1.0.0, 2.0.0, the 10.7.2 categories of the
  // 2.0.0 view) or `established` and `advanced` (2.1.0), which have the same cut-offs.
  const meets = bands.slice(-2).reduce((sum, b) => sum + b.count, 0);
  return {
    total,
    bands,
    meetsOrFullyMeets: { count: meets, proportion: total ? roundScore(meets / total) : null },
  };
}

/** Counts countries per band across validated assessments (SDG indicator 10.7.2 style). */
export class IndicatorService {
  /**
   * @param bands the band tables of the published versions, oldest first: the latest names the
   * bands counted, and a band of an older version counts as the latest's band at the same
   * position (every version so far has the cut-offs 0 / 40 / 60 / 80; 2.1.0 only renamed them).
   */
  constructor(
    private readonly repository: IndicatorRepository,
    private readonly bands: () => Band[][],
    readonly official: Sdg1072Service,
  ) {}

  private tally(rows: BandCount[]): BandTally {
    const tables = this.bands();
    const current = tables.at(-1) ?? [];
    const alias = new Map<string, string>();
    for (const table of tables)
      table.forEach((band, i) => {
        if (current[i]) alias.set(band.key, current[i]!.key);
      });
    return tallyOf(
      current,
      rows.map((r) => ({ key: r.band === null ? null : (alias.get(r.band) ?? r.band), count: r.count })),
    );
  }

  private sdg1072Categories(rows: Sdg1072Count[]): Sdg1072['sdg1072Categories'] {
    const keys = SDG1072_CATEGORY_KEYS.map((key) => ({ key, label: t('en', `band.${key}`) }));
    const tally = (domain: number) =>
      tallyOf(
        keys,
        rows.filter((r) => r.domain === domain).map((r) => ({ key: r.category, count: r.count })),
      );
    return { overall: tally(0), domains: [1, 2, 3, 4, 5, 6].map((number) => ({ number, ...tally(number) })) };
  }

  private byDomain(rows: BandCount[]) {
    return DOMAIN_KEYS.map((key) => ({ key, ...this.tally(rows.filter((r) => r.domain === key)) }));
  }

  sdg1072(
    period: string,
    region: { code: string; name: string } | undefined,
    groupBy: OfficialGroupBy | undefined,
    locale: Locale,
  ): Sdg1072 {
    const groupByRegion = groupBy === 'region';
    const rows = this.repository.bandCounts(period, region?.name);
    const composite = rows.filter((r) => r.domain === null);
    const overall = this.tally(composite);
    const regions = groupByRegion
      ? [...new Set(rows.map((r) => r.region ?? 'Unassigned'))].sort().map((name) => {
          const inRegion = rows.filter((r) => (r.region ?? 'Unassigned') === name);
          return {
            region: name,
            ...this.tally(inRegion.filter((r) => r.domain === null)),
            domains: this.byDomain(inRegion),
          };
        })
      : null;
    return {
      indicator: 'SDG 10.7.2',
      period,
      region: region?.name ?? null,
      total: overall.total,
      overall,
      domains: this.byDomain(rows),
      regions,
      sdg1072Categories: this.sdg1072Categories(this.repository.sdg1072Counts(period, region?.name)),
      official: this.official.aggregate(period, region, groupBy, locale),
    };
  }

  /** One row per scope (overall, each domain, each region) with a count per band. */
  sdg1072Csv(result: Sdg1072): string {
    const bandKeys = (this.bands().at(-1) ?? []).map((b) => b.key);
    const header = ['period', 'region', 'scope', 'total', ...bandKeys, 'meets_or_fully_meets', 'proportion'];
    const row = (region: string | null, scope: string, t: BandTally): Cell[] => [
      result.period,
      region ?? 'All',
      scope,
      t.total,
      ...t.bands.map((b) => b.count),
      t.meetsOrFullyMeets.count,
      t.meetsOrFullyMeets.proportion,
    ];
    const rows: Cell[][] = [
      row(result.region, 'composite', result.overall),
      ...result.domains.map((d) => row(result.region, d.key, d)),
      ...(result.regions ?? []).flatMap((r) => [
        row(r.region, 'composite', r),
        ...r.domains.map((d) => row(r.region, d.key, d)),
      ]),
      row(result.region, 'sdg1072', result.sdg1072Categories.overall),
      ...result.sdg1072Categories.domains.map((d) => row(result.region, `sdg1072.${d.number}`, d)),
    ];
    return toCsv(header, rows);
  }

  /**
   * Records what the aggregates count of a validated assessment: its composite and domain bands;
   * on a framework with the 10.7.2 crosswalk view (2.0.0), its crosswalk categories (domain 0 is
   * overall); with the official instrument (methodology 3, 2.1.0 on), its official 10.7.2 values. Call inside the validation's transaction.
   */
  recordValidation(
    assessment: { id: string; country: string; period: string; validatedAt: string | null },
    result: ScoreResult,
    region: ({ region: string | null; subregion: string | null } & CountryAreas) | undefined,
  ): void {
    const assessmentId = assessment.id;
    const validatedAt = assessment.validatedAt ?? new Date().toISOString();
    const sdg1072 = result.sdg1072
      ? [{ number: 0, ...result.sdg1072.overall }, ...result.sdg1072.domains]
      : [];
    this.repository.insertValidated(
      {
        assessmentId,
        country: assessment.country,
        period: assessment.period,
        region: region?.region ?? null,
        subregion: region?.subregion ?? null,
        composite: result.composite.score,
        band: result.composite.band,
        validatedAt,
      },
      result.domains.map((d) => ({ assessmentId, domain: d.key, score: d.score, band: d.band })),
      sdg1072.map((d) => ({ assessmentId, domain: d.number, score: d.score, category: d.category })),
    );
    this.official.recordValidation({ ...assessment, validatedAt }, result.sdg1072Official, region);
  }

  trend(country: string) {
    const rows = this.repository.trend(country);
    const periods = [...new Set(rows.map((r) => r.period))];
    return periods.map((period) => {
      const inPeriod = rows.filter((r) => r.period === period);
      const first = inPeriod[0];
      return {
        period,
        assessmentId: first?.assessmentId ?? '',
        validatedAt: first?.validatedAt ?? '',
        composite:
          first?.composite === null || first?.composite === undefined ? null : roundScore(first.composite),
        band: first?.band ?? null,
        domains: inPeriod.map((r) => ({
          key: r.domain,
          score: r.domainScore === null ? null : roundScore(r.domainScore),
          band: r.domainBand,
        })),
      };
    });
  }
}
