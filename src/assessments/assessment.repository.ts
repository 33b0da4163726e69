import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  answers,
  assessments,
  events,
  idempotencyKeys,
  reportSnapshots,
  validatedDomainResults,
  validatedResults,
} from '../db/schema/index.ts';
import type { ReadScope } from './access.ts';

export type AssessmentRow = typeof assessments.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type SnapshotRow = typeof reportSnapshots.$inferSelect;

export interface ListFilter extends ReadScope {
  filterCountry?: string;
  period?: string;
  status?: AssessmentRow['status'];
  afterId?: string;
  limit: number;
}

/** Drizzle queries for assessments and what hangs off them. Returns rows or null; no rules here. */
export class AssessmentRepository {
  private readonly byId;
  private readonly answersOf;

  constructor(readonly db: Db) {
    // The two reads every request makes, prepared once.
    this.byId = db
      .select()
      .from(assessments)
      .where(eq(assessments.id, sql.placeholder('id')))
      .prepare();
    this.answersOf = db
      .select()
      .from(answers)
      .where(eq(answers.assessmentId, sql.placeholder('id')))
      .prepare();
  }

  /** Runs `fn` in one IMMEDIATE transaction: all or nothing, and no other writer in between. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn(), { behavior: 'immediate' });
  }

  findById(id: string): AssessmentRow | null {
    return this.byId.get({ id }) ?? null;
  }

  findOpen(country: string, period: string, frameworkId: number): AssessmentRow | null {
    return (
      this.db
        .select()
        .from(assessments)
        .where(
          and(
            eq(assessments.country, country),
            eq(assessments.period, period),
            eq(assessments.frameworkId, frameworkId),
            sql`${assessments.status} <> 'validated'`,
          ),
        )
        .get() ?? null
    );
  }

  list(filter: ListFilter): AssessmentRow[] {
    const conditions = [
      filter.country !== undefined ? eq(assessments.country, filter.country) : undefined,
      filter.statuses ? inArray(assessments.status, [...filter.statuses]) : undefined,
      filter.filterCountry !== undefined ? eq(assessments.country, filter.filterCountry) : undefined,
      filter.period !== undefined ? eq(assessments.period, filter.period) : undefined,
      filter.status !== undefined ? eq(assessments.status, filter.status) : undefined,
      filter.afterId !== undefined ? gt(assessments.id, filter.afterId) : undefined,
    ];
    return this.db
      .select()
      .from(assessments)
      .where(and(...conditions))
      .orderBy(asc(assessments.id))
      .limit(filter.limit)
      .all();
  }

  insert(row: typeof assessments.$inferInsert): AssessmentRow {
    return this.db.insert(assessments).values(row).returning().get();
  }

  /** Moves to the next revision only if nobody else did first; false when the revision moved. */
  advance(id: string, fromRevision: number, patch: Partial<typeof assessments.$inferInsert> = {}): boolean {
    const result = this.db
      .update(assessments)
      .set({ ...patch, revision: fromRevision + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(assessments.id, id), eq(assessments.revision, fromRevision)))
      .run();
    return result.changes === 1;
  }

  answers(id: string): AnswerRow[] {
    return this.answersOf.all({ id });
  }

  upsertAnswers(rows: (typeof answers.$inferInsert)[]): void {
    if (!rows.length) return;
    this.db
      .insert(answers)
      .values(rows)
      .onConflictDoUpdate({
        target: [answers.assessmentId, answers.question],
        set: {
          value: sql`excluded.value`,
          notApplicable: sql`excluded.not_applicable`,
          comment: sql`excluded.comment`,
          evidence: sql`excluded.evidence`,
          answeredBy: sql`excluded.answered_by`,
          answeredAt: sql`excluded.answered_at`,
        },
      })
      .run();
  }

  deleteAnswer(id: string, question: string): void {
    this.db
      .delete(answers)
      .where(and(eq(answers.assessmentId, id), eq(answers.question, question)))
      .run();
  }

  appendEvents(rows: NewEvent[]): void {
    if (rows.length) this.db.insert(events).values(rows).run();
  }

  events(id: string): EventRow[] {
    return this.db.select().from(events).where(eq(events.assessmentId, id)).orderBy(asc(events.id)).all();
  }

  /** The same country's latest validated assessment of an earlier period. */
  previousValidated(country: string, period: string): AssessmentRow | null {
    return (
      this.db
        .select()
        .from(assessments)
        .where(
          and(
            eq(assessments.country, country),
            eq(assessments.status, 'validated'),
            lt(assessments.period, period),
          ),
        )
        .orderBy(desc(assessments.period), desc(assessments.validatedAt))
        .limit(1)
        .get() ?? null
    );
  }

  findIdempotencyKey(actor: string, key: string) {
    return (
      this.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.actor, actor), eq(idempotencyKeys.key, key)))
        .get() ?? null
    );
  }

  insertIdempotencyKey(row: typeof idempotencyKeys.$inferInsert): void {
    this.db.insert(idempotencyKeys).values(row).run();
  }

  snapshot(id: string): SnapshotRow | null {
    return this.db.select().from(reportSnapshots).where(eq(reportSnapshots.assessmentId, id)).get() ?? null;
  }

  insertSnapshot(row: typeof reportSnapshots.$inferInsert): void {
    this.db.insert(reportSnapshots).values(row).run();
  }

  insertValidatedResult(
    row: typeof validatedResults.$inferInsert,
    domains: (typeof validatedDomainResults.$inferInsert)[],
  ): void {
    this.db.insert(validatedResults).values(row).run();
    if (domains.length) this.db.insert(validatedDomainResults).values(domains).run();
  }
}
