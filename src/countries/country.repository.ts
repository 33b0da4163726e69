import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { countries } from '../db/schema/index.ts';

export type Country = typeof countries.$inferSelect;

export class CountryRepository {
  constructor(private readonly db: Db) {}

  all(): Country[] {
    return this.db.select().from(countries).orderBy(countries.iso3).all();
  }

  /** Inserts or refreshes the list; idempotent. */
  upsertAll(rows: Country[]): void {
    this.db.transaction((tx) => {
      for (const row of rows) {
        tx.insert(countries)
          .values(row)
          .onConflictDoUpdate({
            target: countries.iso3,
            set: {
              name: sql`excluded.name`,
              m49: sql`excluded.m49`,
              region: sql`excluded.region`,
              regionCode: sql`excluded.region_code`,
              subregion: sql`excluded.subregion`,
              subregionCode: sql`excluded.subregion_code`,
              intermediateRegion: sql`excluded.intermediate_region`,
              intermediateRegionCode: sql`excluded.intermediate_region_code`,
            },
          })
          .run();
      }
    });
  }
}
