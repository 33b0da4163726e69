import { and, asc, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { CommittedCache } from '../db/committed-cache.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import { answers, assessments, events, idempotencyKeys } from '../db/schema/index.ts';
import type { ReadScope } from './access.ts';
import { historyBytesOf } from './assessment.history.ts';
import type { EventRow, NewEvent } from './assessment.rows.ts';
import { INSERT_EVENT } from './assessment.sql.ts';

const ROW_CACHE_SIZE = 10_000;
const ANSWER_CACHE_SIZE = 256;

export type { EventRow, NewEvent };
export type AssessmentRow = typeof assessments.$inferSelect;
export type AnswerRow = typeof answers.$inferSelect;
type RawAnswer = Omit<AnswerRow, 'notApplicable'> & { notApplicable: number };

export interface ListFilter extends ReadScope {
  filterCountry?: string;
  period?: string;
  status?: AssessmentRow['status'];
  afterId?: string;
  limit: number;
}

/** A page of one assessment's history, oldest first after an event, or newest first before one. */
function historyStatements(db: Db) {
  const p = sql.placeholder;
  const page = (from: ReturnType<typeof gt>, order: ReturnType<typeof asc>) =>
    db
      .select()
      .from(events)
      .where(and(eq(events.assessmentId, p('id')), from))
      .orderBy(order)
      .limit(p('limit'))
      .prepare();
  return {
    after: page(gt(events.id, p('after')), asc(events.id)),
    before: page(lt(events.id, p('before')), desc(events.id)),
  };
}

/**
 * Drizzle queries for the tables of the assessments module: assessments, answers, events and
 * idempotency_keys. Returns rows or null; no rules here.
 */
export class AssessmentRepository {
  // The statements of the hot paths (every read, every answer write) are prepared once:
  // building a drizzle query costs more than running it.
  private readonly byId;
  private readonly selectAnswers;
  private readonly upsertAnswer;
  private readonly insertEvent;
  private readonly addHistoryBytes;
  private readonly history;
  private readonly bumpRevision;
  private readonly previousOf;
  /**
   * Committed assessment rows, by id. Every read of a report or an assessment starts with this
   * lookup, and in WAL mode each SQLite read takes shared-memory locks that cost more than the
   * rest of a cached report. This process is the database's only writer (one service per DATA_DIR),
   * so the cache stays true if every write drops the entry it changes (advance, appendEvents).
   */
  private readonly rows: CommittedCache<string, AssessmentRow>;
  /**
   * The answers of the assessments written last, each as of the revision it was committed at.
   * A full-questionnaire PUT compares every item with what is stored, and reading ~100 rows back
   * cost as much as writing them. Every change to the answers moves the revision.
   */
  private readonly answerCache: CommittedCache<
    string,
    { revision: number; byQuestion: ReadonlyMap<string, AnswerRow> }
  >;
  /** Told of every batch of history events inside its transaction: the outbox's feed (events plugin). */
  onAppend: ((rows: readonly NewEvent[]) => void) | null = null;

  constructor(
    readonly db: Db,
    private readonly writes: GroupCommit,
  ) {
    this.rows = new CommittedCache(writes, ROW_CACHE_SIZE);
    this.answerCache = new CommittedCache(writes, ANSWER_CACHE_SIZE);
    const p = sql.placeholder;
    this.byId = db
      .select()
      .from(assessments)
      .where(eq(assessments.id, p('id')))
      .prepare();
    // The statements a full-questionnaire PUT runs a hundred times each are plain better-sqlite3 ones:
    // drizzle's per-call mapping costs more than SQLite's work. Columns as in src/db/schema.
    const sqlite = db.$client;
    this.selectAnswers = sqlite.prepare<[string], RawAnswer>(
      `SELECT assessment_id AS assessmentId, question, value, not_applicable AS notApplicable, comment,
              evidence, answered_by AS answeredBy, answered_at AS answeredAt, ministry
       FROM answers WHERE assessment_id = ?`,
    );
    this.upsertAnswer = sqlite.prepare(
      `INSERT INTO answers (assessment_id, question, value, not_applicable, comment, evidence, answered_by,
         answered_at, ministry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (assessment_id, question) DO UPDATE SET
         value = excluded.value, not_applicable = excluded.not_applicable, comment = excluded.comment,
         evidence = excluded.evidence, answered_by = excluded.answered_by,
         answered_at = excluded.answered_at, ministry = excluded.ministry`,
    );
    this.insertEvent = sqlite.prepare(INSERT_EVENT);
    this.addHistoryBytes = sqlite.prepare(
      'UPDATE assessments SET history_bytes = history_bytes + ? WHERE id = ?',
    );
    this.history = historyStatements(db);
    this.bumpRevision = db
      .update(assessments)
      .set({ revision: sql`${assessments.revision} + 1`, updatedAt: sql`${p('at')}` })
      .where(and(eq(assessments.id, p('id')), eq(assessments.revision, p('revision'))))
      .prepare();
    this.previousOf = db
      .select()
      .from(assessments)
      .where(
        and(
          eq(assessments.country, p('country')),
          eq(assessments.status, 'validated'),
          lt(assessments.period, p('period')),
        ),
      )
      .orderBy(desc(assessments.period), desc(assessments.validatedAt))
      .limit(1)
      .prepare();
  }

  /**
   * Runs `fn` atomically (all or nothing) and resolves once it is durable on disk; writes of
   * concurrent requests share one commit (see GroupCommit).
   */
  transaction<T>(fn: () => T): Promise<T> {
    return this.writes.run(fn);
  }

  /** Runs `hook` once what the database shows now is committed (see GroupCommit.afterCommit). */
  afterCommit(hook: () => void): void {
    this.writes.afterCommit(hook);
  }

  findById(id: string): AssessmentRow | null {
    const cached = this.rows.get(id);
    if (cached) return cached;
    const row = this.byId.get({ id }) ?? null;
    if (row) this.rows.set(id, row);
    return row;
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
    this.rows.delete(id);
    if (Object.keys(patch).length === 0) {
      return (
        this.bumpRevision.run({ id, revision: fromRevision, at: new Date().toISOString() }).changes === 1
      );
    }
    const result = this.db
      .update(assessments)
      .set({ ...patch, revision: fromRevision + 1, updatedAt: new Date().toISOString() })
      .where(and(eq(assessments.id, id), eq(assessments.revision, fromRevision)))
      .run();
    return result.changes === 1;
  }

  answerRows(id: string): AnswerRow[] {
    return this.selectAnswers.all(id).map((row) => ({ ...row, notApplicable: row.notApplicable === 1 }));
  }

  /** The answers stored at `revision` (the assessment's current one), by question; the caller's to change. */
  answersByQuestion(id: string, revision: number): Map<string, AnswerRow> {
    const cached = this.answerCache.get(id);
    if (cached?.revision === revision) return new Map(cached.byQuestion);
    return new Map(this.answerRows(id).map((a) => [a.question, a]));
  }

  /**
   * Keeps the answers a write leaves at `revision`, once it has committed, for the next write and
   * for progress; `byQuestion` must not change afterwards.
   */
  rememberAnswers(id: string, revision: number, byQuestion: ReadonlyMap<string, AnswerRow>): void {
    this.answerCache.set(id, { revision, byQuestion });
  }

  /** Call inside `transaction`: the rows are written one prepared statement at a time. */
  upsertAnswers(rows: AnswerRow[]): void {
    for (const r of rows) {
      this.upsertAnswer.run(
        r.assessmentId,
        r.question,
        r.value,
        r.notApplicable ? 1 : 0,
        r.comment,
        r.evidence,
        r.answeredBy,
        r.answeredAt,
        r.ministry ?? null,
      );
    }
  }

  deleteAnswer(id: string, question: string): void {
    this.db
      .delete(answers)
      .where(and(eq(answers.assessmentId, id), eq(answers.question, question)))
      .run();
  }

  /** Appends to the history and counts what it keeps against each assessment's budget. */
  appendEvents(rows: NewEvent[]): void {
    const bytes = new Map<string, number>();
    for (const e of rows) {
      bytes.set(e.assessmentId, (bytes.get(e.assessmentId) ?? 0) + historyBytesOf(e));
      this.insertEvent.run(
        e.assessmentId,
        e.revision,
        e.type,
        e.actor,
        e.at ?? new Date().toISOString(),
        e.question ?? null,
        e.before ?? null,
        e.after ?? null,
        e.reason ?? null,
        e.ministry ?? null,
      );
    }
    for (const [id, n] of bytes) {
      this.rows.delete(id);
      this.addHistoryBytes.run(n, id);
    }
    this.onAppend?.(rows);
  }

  /** Up to `limit` events of an assessment in `order`, past event `from` (none: from the first or last). */
  events(id: string, order: 'asc' | 'desc', from?: number, limit = -1): EventRow[] {
    return order === 'asc'
      ? this.history.after.all({ id, after: from ?? 0, limit })
      : this.history.before.all({ id, before: from ?? Number.MAX_SAFE_INTEGER, limit });
  }

  /** The same country's latest validated assessment of an earlier period. */
  previousValidated(country: string, period: string): AssessmentRow | null {
    return this.previousOf.get({ country, period }) ?? null;
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
}
