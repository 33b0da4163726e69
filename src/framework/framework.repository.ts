import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { frameworks } from '../db/schema/index.ts';

export type FrameworkRow = typeof frameworks.$inferSelect;

export class FrameworkRepository {
  constructor(private readonly db: Db) {}

  list(): FrameworkRow[] {
    return this.db.select().from(frameworks).orderBy(frameworks.key, frameworks.id).all();
  }

  findByKeyVersion(key: string, version: string): FrameworkRow | null {
    return (
      this.db
        .select()
        .from(frameworks)
        .where(and(eq(frameworks.key, key), eq(frameworks.version, version)))
        .get() ?? null
    );
  }

  findById(id: number): FrameworkRow | null {
    return this.db.select().from(frameworks).where(eq(frameworks.id, id)).get() ?? null;
  }

  insert(row: typeof frameworks.$inferInsert): FrameworkRow {
    return this.db.insert(frameworks).values(row).returning().get();
  }
}
