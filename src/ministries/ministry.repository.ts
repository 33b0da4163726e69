import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import { ministries, ministryAudit } from '../db/schema/index.ts';

export type MinistryRow = typeof ministries.$inferSelect;
export type MinistryAuditRow = typeof ministryAudit.$inferSelect;

/** Drizzle queries for the ministries module's tables: ministries and ministry_audit. */
export class MinistryRepository {
  constructor(
    private readonly db: Db,
    private readonly writes: GroupCommit,
  ) {}

  /** Runs `fn` atomically and resolves once it is durable (see GroupCommit). */
  transaction<T>(fn: () => T): Promise<T> {
    return this.writes.run(fn);
  }

  list(country: string): MinistryRow[] {
    return this.db
      .select()
      .from(ministries)
      .where(eq(ministries.country, country))
      .orderBy(asc(ministries.code))
      .all();
  }

  findById(id: string): MinistryRow | null {
    return this.db.select().from(ministries).where(eq(ministries.id, id)).get() ?? null;
  }

  findByCode(country: string, code: string): MinistryRow | null {
    return (
      this.db
        .select()
        .from(ministries)
        .where(and(eq(ministries.country, country), eq(ministries.code, code)))
        .get() ?? null
    );
  }

  insert(row: typeof ministries.$inferInsert): MinistryRow {
    return this.db.insert(ministries).values(row).returning().get();
  }

  update(id: string, patch: Partial<typeof ministries.$inferInsert>): MinistryRow {
    return this.db.update(ministries).set(patch).where(eq(ministries.id, id)).returning().get();
  }

  delete(id: string): void {
    this.db.delete(ministries).where(eq(ministries.id, id)).run();
  }

  appendAudit(row: typeof ministryAudit.$inferInsert): void {
    this.db.insert(ministryAudit).values(row).run();
  }

  audit(country: string): MinistryAuditRow[] {
    return this.db
      .select()
      .from(ministryAudit)
      .where(eq(ministryAudit.country, country))
      .orderBy(asc(ministryAudit.id))
      .all();
  }
}
