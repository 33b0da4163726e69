import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { validatedDomainResults, validatedResults, validatedSdg1072Results } from '../db/schema/index.ts';

export interface BandCount {
  domain: string | null;
  region: string | null;
  band: string | null;
  count: number;
}

export interface Sdg1072Count {
  domain: number;
  region: string | null;
  category: string | null;
  count: number;
}

export interface TrendRow {
  assessmentId: string;
  period: string;
  composite: number | null;
  band: string | null;
  validatedAt: string;
  domain: string;
  domainScore: number | null;
  domainBand: string | null;
}

/**
 * The indicators module's tables: validated_results, validated_domain_results and
 * validated_sdg1072_results, written once at validation time and read by the aggregates; a
 * report is never recomputed for them. The latest validated assessment per country and period counts.
 */
export class IndicatorRepository {
  constructor(private readonly db: Db) {}

  /** The latest validated assessment of each country in the period (and region). */
  private latest(period: string, region: string | undefined) {
    const regionFilter = region === undefined ? sql`` : sql` AND region = ${region}`;
    return sql`
      latest AS (
        SELECT assessment_id, region, band FROM (
          SELECT assessment_id, region, band,
                 ROW_NUMBER() OVER (PARTITION BY country ORDER BY validated_at DESC, assessment_id DESC) AS rn
          FROM validated_results
          WHERE period = ${period}${regionFilter}
        ) WHERE rn = 1
      )`;
  }

  /** Composite bands (domain null) and domain bands per region, for one period. */
  bandCounts(period: string, region: string | undefined): BandCount[] {
    return this.db.all<BandCount>(sql`
      WITH ${this.latest(period, region)}
      SELECT NULL AS domain, region, band, COUNT(*) AS count FROM latest GROUP BY region, band
      UNION ALL
      SELECT d.domain, l.region, d.band, COUNT(*) AS count
      FROM latest l JOIN validated_domain_results d ON d.assessment_id = l.assessment_id
      GROUP BY d.domain, l.region, d.band`);
  }

  /** 10.7.2 categories per 10.7.2 domain (0 = overall) and region, for one period. */
  sdg1072Counts(period: string, region: string | undefined): Sdg1072Count[] {
    return this.db.all<Sdg1072Count>(sql`
      WITH ${this.latest(period, region)}
      SELECT s.domain, l.region, s.category, COUNT(*) AS count
      FROM latest l JOIN validated_sdg1072_results s ON s.assessment_id = l.assessment_id
      GROUP BY s.domain, l.region, s.category`);
  }

  /** Call inside the validation's transaction. */
  insertValidated(
    row: typeof validatedResults.$inferInsert,
    domains: (typeof validatedDomainResults.$inferInsert)[],
    sdg1072: (typeof validatedSdg1072Results.$inferInsert)[],
  ): void {
    this.db.insert(validatedResults).values(row).run();
    if (domains.length) this.db.insert(validatedDomainResults).values(domains).run();
    if (sdg1072.length) this.db.insert(validatedSdg1072Results).values(sdg1072).run();
  }

  trend(country: string): TrendRow[] {
    return this.db.all<TrendRow>(sql`
      SELECT r.assessment_id AS assessmentId, r.period, r.composite, r.band, r.validated_at AS validatedAt,
             d.domain, d.score AS domainScore, d.band AS domainBand
      FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY period ORDER BY validated_at DESC, assessment_id DESC) AS rn
        FROM validated_results WHERE country = ${country}
      ) r
      JOIN validated_domain_results d ON d.assessment_id = r.assessment_id
      WHERE r.rn = 1
      ORDER BY r.period, d.domain`);
  }
}
