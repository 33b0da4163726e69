import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { validatedSdg1072Official, validatedSdg1072OfficialResponses } from '../db/schema/index.ts';

export interface OfficialAreaCount {
  area: string;
  domain: number;
  category: number;
  count: number;
}

export interface OfficialCountryRow {
  country: string;
  period: string;
  domain: number;
  value: number;
  category: number;
}

export interface Exclusions {
  /** Validated assessments up to the year on a framework without the official instrument. */
  withoutInstrument: number;
  /** Official records up to the year replaced by a later one of the same country. */
  superseded: number;
}

/** Rows of validated_sdg1072_official_responses in an M49 or SDG area (all when none is given). */
const inArea = (area: string | undefined) =>
  area === undefined
    ? sql``
    : sql` AND ${area} IN (region_code, subregion_code, intermediate_region_code, sdg_region_code)`;

/**
 * The official 10.7.2 tables (validated_sdg1072_official_responses and validated_sdg1072_official).
 * Every query starts from each country's latest official record up to the year: the latest period
 * not after it and, within that period, the last validated. `MAX()` with bare columns makes SQLite
 * take the other columns from that row, one pass over the (country, period, validated_at) index.
 */
export class Sdg1072Repository {
  constructor(private readonly db: Db) {}

  /**
   * Materialized once per query: the aggregate reads it in several arms. Only the assessment id
   * comes out of the (country, period, validated_at, assessment_id) index, which covers it; an
   * area filter applies after, to the rows picked (a country's areas are the same in all its records).
   */
  private latest(year: string) {
    return sql`
      latest AS MATERIALIZED (
        SELECT assessment_id, MAX(period || validated_at || assessment_id) AS rank_key
        FROM validated_sdg1072_official_responses
        WHERE period <= ${year}
        GROUP BY country
      )`;
  }

  /**
   * Countries per area, domain (0 = overall) and category: the world ('001') and every M49 and SDG
   * area code. `UNION` (not `UNION ALL`): an SDG grouping equal to an M49 sub-region shares its code
   * (202, 419, 053) and gives the same rows, which must come out once.
   */
  areaCounts(year: string, area: string | undefined): OfficialAreaCount[] {
    return this.db.all<OfficialAreaCount>(sql`
      WITH ${this.latest(year)},
      counted AS MATERIALIZED (
        SELECT r.region_code, r.subregion_code, r.intermediate_region_code, r.sdg_region_code, o.domain, o.category
        FROM latest l
        JOIN validated_sdg1072_official_responses r ON r.assessment_id = l.assessment_id
        JOIN validated_sdg1072_official o ON o.assessment_id = l.assessment_id
        WHERE TRUE${inArea(area)}
      )
      SELECT '001' AS area, domain, category, COUNT(*) AS count FROM counted GROUP BY domain, category
      UNION SELECT region_code, domain, category, COUNT(*) FROM counted
        WHERE region_code IS NOT NULL GROUP BY region_code, domain, category
      UNION SELECT subregion_code, domain, category, COUNT(*) FROM counted
        WHERE subregion_code IS NOT NULL GROUP BY subregion_code, domain, category
      UNION SELECT intermediate_region_code, domain, category, COUNT(*) FROM counted
        WHERE intermediate_region_code IS NOT NULL GROUP BY intermediate_region_code, domain, category
      UNION SELECT sdg_region_code, domain, category, COUNT(*) FROM counted
        WHERE sdg_region_code IS NOT NULL GROUP BY sdg_region_code, domain, category`);
  }

  /** Each country's latest official values up to the year, with the period they were answered for. */
  countryValues(year: string): OfficialCountryRow[] {
    return this.db.all<OfficialCountryRow>(sql`
      WITH ${this.latest(year)}
      SELECT r.country, r.period, o.domain, o.value, o.category
      FROM latest l
      JOIN validated_sdg1072_official_responses r ON r.assessment_id = l.assessment_id
      JOIN validated_sdg1072_official o ON o.assessment_id = l.assessment_id
      ORDER BY r.country, o.domain`);
  }

  /**
   * What the aggregate leaves out. The framework filter reads validated_results (every validated
   * assessment, by M49 region name); `regionName` narrows it like the area filter narrows the rest.
   */
  exclusions(year: string, area: string | undefined, regionName: string | undefined): Exclusions {
    const regionFilter = regionName === undefined ? sql`` : sql` AND v.region = ${regionName}`;
    const areaFilter = inArea(area);
    // Every official record has its validated_results row, so a difference of two index counts
    // gives those without one, with no per-row lookup.
    const [row] = this.db.all<Exclusions>(sql`
      WITH official AS (
        SELECT COUNT(*) AS records, COUNT(DISTINCT country) AS countries
        FROM validated_sdg1072_official_responses WHERE period <= ${year}${areaFilter}
      )
      SELECT
        (SELECT COUNT(*) FROM validated_results v WHERE v.period <= ${year}${regionFilter}) - official.records
          AS withoutInstrument,
        official.records - official.countries AS superseded
      FROM official`);
    return row ?? { withoutInstrument: 0, superseded: 0 };
  }

  /** Call inside the validation's transaction, after the validated_results row. */
  insert(
    response: typeof validatedSdg1072OfficialResponses.$inferInsert,
    values: (typeof validatedSdg1072Official.$inferInsert)[],
  ): void {
    this.db.insert(validatedSdg1072OfficialResponses).values(response).run();
    this.db.insert(validatedSdg1072Official).values(values).run();
  }
}
