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

/**
 * The official 10.7.2 tables (validated_sdg1072_official_responses and validated_sdg1072_official).
 * Every query starts from each country's latest official record up to the year: the latest period
 * not after it and, within that period, the last validated. `MAX()` with bare columns makes SQLite
 * take the other columns from that row, one pass over the (country, period, validated_at) index.
 */
export class Sdg1072Repository {
  constructor(private readonly db: Db) {}

  private latest(year: string, area: string | undefined) {
    const areaFilter =
      area === undefined
        ? sql``
        : sql` AND ${area} IN (region_code, subregion_code, intermediate_region_code, sdg_region_code)`;
    return sql`
      latest AS (
        SELECT assessment_id, region_code, subregion_code, intermediate_region_code, sdg_region_code,
               country, period, MAX(period || validated_at || assessment_id) AS rank_key
        FROM validated_sdg1072_official_responses
        WHERE period <= ${year}${areaFilter}
        GROUP BY country
      )`;
  }

  /**
   * Countries per area, domain (0 = overall) and category. An area is the world ('001') or any
   * M49 or SDG area code; `UNION` (not `UNION ALL`) because an SDG grouping can share its code with
   * the M49 sub-region it equals (202, 419, 053), and a country counts once in an area.
   */
  areaCounts(year: string, area: string | undefined): OfficialAreaCount[] {
    return this.db.all<OfficialAreaCount>(sql`
      WITH ${this.latest(year, area)},
      areas AS (
        SELECT assessment_id, '001' AS area FROM latest
        UNION SELECT assessment_id, region_code FROM latest WHERE region_code IS NOT NULL
        UNION SELECT assessment_id, subregion_code FROM latest WHERE subregion_code IS NOT NULL
        UNION SELECT assessment_id, intermediate_region_code FROM latest WHERE intermediate_region_code IS NOT NULL
        UNION SELECT assessment_id, sdg_region_code FROM latest WHERE sdg_region_code IS NOT NULL
      )
      SELECT a.area, o.domain, o.category, COUNT(*) AS count
      FROM areas a JOIN validated_sdg1072_official o ON o.assessment_id = a.assessment_id
      GROUP BY a.area, o.domain, o.category`);
  }

  /** Each country's latest official values up to the year, with the period they were answered for. */
  countryValues(year: string): OfficialCountryRow[] {
    return this.db.all<OfficialCountryRow>(sql`
      WITH ${this.latest(year, undefined)}
      SELECT l.country, l.period, o.domain, o.value, o.category
      FROM latest l JOIN validated_sdg1072_official o ON o.assessment_id = l.assessment_id
      ORDER BY l.country, o.domain`);
  }

  /**
   * What the aggregate leaves out. The framework filter reads validated_results (every validated
   * assessment, by M49 region name); `regionName` narrows it like the area filter narrows the rest.
   */
  exclusions(year: string, area: string | undefined, regionName: string | undefined): Exclusions {
    const regionFilter = regionName === undefined ? sql`` : sql` AND v.region = ${regionName}`;
    const areaFilter =
      area === undefined
        ? sql``
        : sql` AND ${area} IN (region_code, subregion_code, intermediate_region_code, sdg_region_code)`;
    const [row] = this.db.all<Exclusions>(sql`
      SELECT
        (SELECT COUNT(*) FROM validated_results v
          WHERE v.period <= ${year}${regionFilter}
            AND NOT EXISTS (SELECT 1 FROM validated_sdg1072_official_responses r
                            WHERE r.assessment_id = v.assessment_id)) AS withoutInstrument,
        (SELECT COUNT(*) - COUNT(DISTINCT country) FROM validated_sdg1072_official_responses
          WHERE period <= ${year}${areaFilter}) AS superseded`);
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
