import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import { documents } from '../db/schema/index.ts';

export type DocumentRow = typeof documents.$inferSelect;

/** Drizzle queries for the documents table: only this module touches it. */
export class DocumentRepository {
  constructor(
    private readonly db: Db,
    private readonly writes: GroupCommit,
  ) {}

  transaction<T>(fn: () => T): Promise<T> {
    return this.writes.run(fn);
  }

  insert(row: DocumentRow): void {
    this.db.insert(documents).values(row).run();
  }

  find(assessmentId: string, id: string): DocumentRow | null {
    return (
      this.db
        .select()
        .from(documents)
        .where(and(eq(documents.assessmentId, assessmentId), eq(documents.id, id)))
        .get() ?? null
    );
  }

  list(assessmentId: string): DocumentRow[] {
    return this.db
      .select()
      .from(documents)
      .where(eq(documents.assessmentId, assessmentId))
      .orderBy(asc(documents.id))
      .all();
  }

  usedBytes(assessmentId: string): number {
    const row = this.db
      .select({ used: sql<number>`coalesce(sum(${documents.size}), 0)` })
      .from(documents)
      .where(eq(documents.assessmentId, assessmentId))
      .get();
    return Number(row?.used ?? 0);
  }

  /** The ids among `ids` that are documents of the assessment. */
  existing(assessmentId: string, ids: readonly string[]): Set<string> {
    if (!ids.length) return new Set();
    const rows = this.db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.assessmentId, assessmentId), sql`${documents.id} IN ${ids}`))
      .all();
    return new Set(rows.map((r) => r.id));
  }

  delete(id: string): void {
    this.db.delete(documents).where(eq(documents.id, id)).run();
  }

  isNamed(sha256: string): boolean {
    return (
      this.db
        .select({ id: documents.id })
        .from(documents)
        .where(eq(documents.sha256, sha256))
        .limit(1)
        .get() !== undefined
    );
  }

  /** Every sha256 a row names: what the start-up sweep keeps. */
  allHashes(): Set<string> {
    return new Set(
      this.db
        .selectDistinct({ sha256: documents.sha256 })
        .from(documents)
        .all()
        .map((r) => r.sha256),
    );
  }
}
