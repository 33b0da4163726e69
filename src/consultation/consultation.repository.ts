import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { assignments, comments, signoffs } from '../db/schema/index.ts';

export type AssignmentRow = typeof assignments.$inferSelect;
export type SignoffRow = typeof signoffs.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;

/**
 * Drizzle queries for the consultation module's tables: assignments, signoffs and comments.
 * Writes run inside the assessment's transaction (AssessmentService.recordChange and the hooks).
 */
export class ConsultationRepository {
  /** Prepared once: every write check and every report built reads an assessment's assignments and sign-offs. */
  private readonly assignmentsOf;
  private readonly signoffsOf;

  constructor(private readonly db: Db) {
    this.assignmentsOf = db
      .select()
      .from(assignments)
      .where(eq(assignments.assessmentId, sql.placeholder('id')))
      .orderBy(asc(assignments.scope))
      .prepare();
    this.signoffsOf = db
      .select()
      .from(signoffs)
      .where(eq(signoffs.assessmentId, sql.placeholder('id')))
      .prepare();
  }

  assignments(assessmentId: string): AssignmentRow[] {
    return this.assignmentsOf.all({ id: assessmentId });
  }

  replaceAssignments(assessmentId: string, rows: AssignmentRow[]): void {
    this.db.delete(assignments).where(eq(assignments.assessmentId, assessmentId)).run();
    if (rows.length) this.db.insert(assignments).values(rows).run();
  }

  signoffs(assessmentId: string): SignoffRow[] {
    return this.signoffsOf.all({ id: assessmentId });
  }

  putSignoff(row: SignoffRow): void {
    this.db
      .insert(signoffs)
      .values(row)
      .onConflictDoUpdate({
        target: [signoffs.assessmentId, signoffs.ministryId],
        set: { readyBy: row.readyBy, readyAt: row.readyAt, revision: row.revision },
      })
      .run();
  }

  deleteSignoff(assessmentId: string, ministryId: string): void {
    this.db
      .delete(signoffs)
      .where(and(eq(signoffs.assessmentId, assessmentId), eq(signoffs.ministryId, ministryId)))
      .run();
  }

  comments(assessmentId: string, question?: string): CommentRow[] {
    return this.db
      .select()
      .from(comments)
      .where(
        and(
          eq(comments.assessmentId, assessmentId),
          question === undefined ? undefined : eq(comments.question, question),
        ),
      )
      .orderBy(asc(comments.at), asc(comments.id))
      .all();
  }

  comment(id: string): CommentRow | null {
    return this.db.select().from(comments).where(eq(comments.id, id)).get() ?? null;
  }

  insertComment(row: typeof comments.$inferInsert): void {
    this.db.insert(comments).values(row).run();
  }

  setResolved(id: string, resolvedAt: string | null, resolvedBy: string | null): void {
    this.db.update(comments).set({ resolvedAt, resolvedBy }).where(eq(comments.id, id)).run();
  }

  /** Thread openers still unresolved, of one assessment. */
  openThreads(assessmentId: string): CommentRow[] {
    return this.db
      .select()
      .from(comments)
      .where(
        and(eq(comments.assessmentId, assessmentId), isNull(comments.threadId), isNull(comments.resolvedAt)),
      )
      .all();
  }

  /** Whether an assignment, sign-off or comment names the ministry. */
  ministryHasRecord(ministryId: string): boolean {
    const found = this.db.$client
      .prepare(
        `SELECT 1 FROM assignments WHERE lead = @id OR contributors LIKE '%"' || @id || '"%'
         UNION ALL SELECT 1 FROM signoffs WHERE ministry_id = @id
         UNION ALL SELECT 1 FROM comments WHERE ministry = @id LIMIT 1`,
      )
      .get({ id: ministryId });
    return found !== undefined;
  }
}
