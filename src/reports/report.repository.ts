import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { reportSnapshots } from '../db/schema/index.ts';

/** The stored report of a validated assessment, in both aggregations: it never changes. */
export type SnapshotRow = typeof reportSnapshots.$inferSelect;

/** Drizzle queries for the reports module's table, report_snapshots. */
export class ReportRepository {
  private readonly byAssessment;

  constructor(private readonly db: Db) {
    this.byAssessment = db
      .select()
      .from(reportSnapshots)
      .where(eq(reportSnapshots.assessmentId, sql.placeholder('id')))
      .prepare();
  }

  snapshot(assessmentId: string): SnapshotRow | null {
    return this.byAssessment.get({ id: assessmentId }) ?? null;
  }

  /** Call inside the validation's transaction. */
  insertSnapshot(row: typeof reportSnapshots.$inferInsert): void {
    this.db.insert(reportSnapshots).values(row).run();
  }
}
