import { createHash } from 'node:crypto';
import type { Principal } from '../auth/claims.ts';
import type { CountryService } from '../countries/country.service.ts';
import type { AssessmentStatus, EventType } from '../db/schema/index.ts';
import type { FrameworkService, PublishedFramework } from '../framework/framework.service.ts';
import { numberRangeProblem } from '../framework/number-range.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { AppError, type FieldError, message } from '../lib/errors.ts';
import { checkIfMatch } from '../lib/etag.ts';
import { uuidv7 } from '../lib/ids.ts';
import { hasVisibleText } from '../lib/text.ts';
import {
  type AnswerMap,
  type Coverage,
  progressOf as computeProgress,
  type ScoreResult,
  scoreAssessment,
} from '../scoring/scoring.engine.ts';
import { inScope, readScope } from './access.ts';
import {
  type AnswerRow,
  type AssessmentRepository,
  type AssessmentRow,
  historyBytesOf,
  type NewEvent,
} from './assessment.repository.ts';
import type {
  AnswerInputBody,
  CreateAssessment,
  Evidence,
  HistoryQuery,
  ListQuery,
} from './assessment.schemas.ts';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Most bytes of stored history one page carries (at least one event is always sent). With the
 * answer size limits one event is at most ~1 MB, so a page stays under a few MB.
 */
export const HISTORY_PAGE_BYTES = 2 * 1024 * 1024;

/** Statuses in which answers may change. */
const EDITABLE: readonly AssessmentStatus[] = ['draft', 'returned'];

/** What the report module computes at validation time, stored so it never changes. */
export interface ValidationSnapshot {
  arithmetic: string;
  geometric: string;
  result: ScoreResult;
}
export type SnapshotBuilder = (
  assessment: AssessmentRow,
  answers: AnswerRow[],
  validatedBy: string | null,
) => ValidationSnapshot;

/** The stored form of an answer, as it appears in history and in GET .../answers. */
export interface AnswerState {
  value: string | number | null;
  notApplicable: boolean;
  comment: string | null;
  evidence: Evidence[];
}

export interface Progress {
  answered: number;
  enabled: number;
  coverage: number;
  domains: { key: string; answered: number; enabled: number; coverage: number }[];
}

export function answerState(row: AnswerRow): AnswerState {
  return {
    value: row.value === null ? null : (JSON.parse(row.value) as string | number),
    notApplicable: row.notApplicable,
    comment: row.comment,
    evidence: JSON.parse(row.evidence) as Evidence[],
  };
}

export function toAnswerMap(rows: AnswerRow[]): AnswerMap {
  return new Map(
    rows.map((row) => [
      row.question,
      {
        value: row.value === null ? null : (JSON.parse(row.value) as string | number),
        notApplicable: row.notApplicable,
      },
    ]),
  );
}

/** The 10.7.2 categories to store at validation: one row per 10.7.2 domain, and 0 for overall. */
const sdg1072Rows = (assessmentId: string, result: ScoreResult) =>
  result.sdg1072
    ? [
        {
          assessmentId,
          domain: 0,
          score: result.sdg1072.overall.score,
          category: result.sdg1072.overall.category,
        },
        ...result.sdg1072.domains.map((d) => ({
          assessmentId,
          domain: d.number,
          score: d.score,
          category: d.category,
        })),
      ]
    : [];

/** Coverage ratios are reported to 4 decimals, in progress and in reports alike. */
export const roundCoverage = (c: { answered: number; enabled: number; coverage: number }) => ({
  answered: c.answered,
  enabled: c.enabled,
  coverage: Math.round(c.coverage * 10_000) / 10_000,
});

const progressOf = (result: {
  coverage: Coverage;
  domains: { key: string; coverage: Coverage }[];
}): Progress => ({
  ...roundCoverage(result.coverage),
  domains: result.domains.map((d) => ({ key: d.key, ...roundCoverage(d.coverage) })),
});

/**
 * An answer's AnswerState as JSON text for its history, built from the stored columns, which are
 * JSON text already: the same text as JSON.stringify(answerState(a)) without parsing anything.
 */
const stateJson = (a: Pick<AnswerRow, 'value' | 'notApplicable' | 'comment' | 'evidence'>) =>
  `{"value":${a.value ?? 'null'},"notApplicable":${a.notApplicable},"comment":${
    a.comment === null ? 'null' : JSON.stringify(a.comment)
  },"evidence":${a.evidence}}`;

export class AssessmentService {
  constructor(
    private readonly repository: AssessmentRepository,
    private readonly frameworks: FrameworkService,
    private readonly countries: CountryService,
    private readonly buildSnapshot: SnapshotBuilder,
    /** What one assessment may keep: its history is refused past `historyBytes`. */
    private readonly limits: { historyBytes: number } = { historyBytes: Number.POSITIVE_INFINITY },
  ) {}

  /** The assessment if the caller may see it; 404 otherwise, whether it exists or not. */
  load(principal: Principal, id: string): AssessmentRow {
    const row = this.repository.findById(id);
    if (!row || !inScope(readScope(principal), row))
      throw new AppError('not_found', message('problem.assessmentNotFound', { id }));
    return row;
  }

  frameworkOf(row: AssessmentRow): PublishedFramework {
    return this.frameworks.getById(row.frameworkId);
  }

  async create(
    principal: Principal,
    body: CreateAssessment,
    idempotencyKey: string | undefined,
  ): Promise<{ row: AssessmentRow; replayed: boolean }> {
    if (principal.role === 'focal_point' && body.country !== principal.country) {
      throw new AppError('forbidden', message('problem.focalPointCountry', { country: principal.country }));
    }
    const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    // Not while other writes wait for their COMMIT: the key found could be theirs and still fail.
    // The check inside the transaction below then decides, and answers only once it committed.
    if (idempotencyKey && !this.repository.inTransaction) {
      const replay = this.replay(principal, idempotencyKey, requestHash);
      if (replay) return { row: replay, replayed: true };
    }
    if (!this.countries.find(body.country)) {
      throw new AppError('validation', message('problem.unknownCountry', { country: body.country }), {
        errors: [{ path: 'body.country', message: 'is not an ISO 3166-1 alpha-3 code of a known country' }],
      });
    }
    const framework = body.framework
      ? this.frameworks.get(body.framework.key, body.framework.version)
      : this.frameworks.defaultFramework();

    return this.repository.transaction(() => {
      if (idempotencyKey) {
        // Checked again inside the transaction: a concurrent retry may have won the race.
        const replay = this.replay(principal, idempotencyKey, requestHash);
        if (replay) return { row: replay, replayed: true };
      }
      const open = this.repository.findOpen(body.country, body.period, framework.id);
      if (open && inScope(readScope(principal), open)) {
        throw new AppError(
          'conflict',
          message('problem.openDuplicate', {
            country: body.country,
            period: body.period,
            framework: framework.key,
            version: framework.version,
          }),
          { assessmentId: open.id },
        );
      }
      if (open)
        throw new AppError(
          'conflict',
          message('problem.openDuplicateElsewhere', { country: body.country, period: body.period }),
        );

      const copied = body.copyFrom ? this.copySource(principal, body.copyFrom, body.country, framework) : [];
      const id = uuidv7();
      const now = new Date().toISOString();
      const row = this.repository.insert({
        id,
        country: body.country,
        period: body.period,
        frameworkId: framework.id,
        status: 'draft',
        revision: 1,
        copiedFrom: body.copyFrom ?? null,
        createdBy: principal.sub,
        createdAt: now,
        updatedAt: now,
      });
      this.repository.upsertAnswers(
        copied.map((a) => ({ ...a, assessmentId: id, answeredBy: principal.sub, answeredAt: now })),
      );
      this.repository.appendEvents([
        {
          assessmentId: id,
          revision: 1,
          type: 'created',
          actor: principal.sub,
          at: now,
          after: JSON.stringify({
            country: body.country,
            period: body.period,
            framework: { key: framework.key, version: framework.version },
            copiedFrom: body.copyFrom ?? null,
            answersCopied: copied.length,
          }),
        },
      ]);
      if (idempotencyKey) {
        this.repository.insertIdempotencyKey({
          actor: principal.sub,
          key: idempotencyKey,
          requestHash,
          assessmentId: id,
        });
      }
      return { row, replayed: false };
    });
  }

  private replay(principal: Principal, key: string, requestHash: string): AssessmentRow | null {
    const previous = this.repository.findIdempotencyKey(principal.sub, key);
    if (!previous) return null;
    if (previous.requestHash !== requestHash) {
      throw new AppError('unprocessable', message('problem.idempotencyReused'));
    }
    return this.repository.findById(previous.assessmentId);
  }

  /** Answers of a validated assessment of the same country, kept where they fit the new framework. */
  private copySource(principal: Principal, sourceId: string, country: string, framework: PublishedFramework) {
    const source = this.repository.findById(sourceId);
    if (!source || !inScope(readScope(principal), source)) {
      throw new AppError('not_found', message('problem.copyFromNotFound', { id: sourceId }));
    }
    if (source.country !== country || source.status !== 'validated') {
      throw new AppError('conflict', message('problem.copyFromNotValidated'));
    }
    return this.repository.answers(sourceId).flatMap((row) => {
      const question = framework.questions.get(row.question);
      if (!question) return [];
      const state = answerState(row);
      if (
        answerProblems(question, { value: state.value ?? undefined, notApplicable: state.notApplicable })
          .length
      ) {
        return [];
      }
      return [
        {
          question: row.question,
          value: row.value,
          notApplicable: row.notApplicable,
          comment: row.comment,
          evidence: row.evidence,
        },
      ];
    });
  }

  list(principal: Principal, query: ListQuery): { items: AssessmentRow[]; nextCursor: string | null } {
    let afterId: string | undefined;
    if (query.cursor) {
      afterId = Buffer.from(query.cursor, 'base64url').toString('utf8');
      if (!/^[0-9a-f-]{36}$/.test(afterId)) {
        throw new AppError('validation', message('problem.badCursor'), {
          errors: [{ path: 'querystring.cursor', message: 'is invalid' }],
        });
      }
    }
    const rows = this.repository.list({
      ...readScope(principal),
      filterCountry: query.country,
      period: query.period,
      status: query.status,
      afterId,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: rows.length > query.limit && last ? Buffer.from(last.id).toString('base64url') : null,
    };
  }

  answersOf(row: AssessmentRow): AnswerRow[] {
    return this.repository.answers(row.id);
  }

  /** Scores the current answers without uncertainty: enough for progress and completeness. */
  private quickScore(row: AssessmentRow, answers: AnswerRow[]): ScoreResult {
    return scoreAssessment(this.frameworkOf(row).compiled, toAnswerMap(answers), { seed: row.id, draws: 1 });
  }

  /**
   * Progress at a committed revision never changes, so it is kept for the revisions seen last
   * (not while a write is open: its revision may still roll back and be reused).
   */
  private readonly progressCache = new BoundedMap<string, Progress>(2000);

  /** `committed`: the answers at this revision, from a caller that knows them committed. */
  progress(row: AssessmentRow, committed?: AnswerRow[]): Progress {
    const key = `${row.id}:${row.revision}`;
    const cached = this.progressCache.get(key);
    if (cached) return cached;
    const answers = toAnswerMap(committed ?? this.repository.answers(row.id));
    const progress = progressOf(computeProgress(this.frameworkOf(row).compiled, answers));
    if (committed || !this.repository.inTransaction) this.progressCache.set(key, progress);
    return progress;
  }

  answers(principal: Principal, id: string) {
    const row = this.load(principal, id);
    const rows = this.repository.answers(id);
    const result = this.quickScore(row, rows);
    const enabled = new Map(result.questions.map((q) => [q.key, q.enabled]));
    const order = new Map(result.questions.map((q, i) => [q.key, i]));
    return {
      row,
      answers: rows
        .map((a) => ({
          question: a.question,
          ...answerState(a),
          answeredBy: a.answeredBy,
          answeredAt: a.answeredAt,
          enabled: enabled.get(a.question) ?? false,
        }))
        .sort((a, b) => (order.get(a.question) ?? 0) - (order.get(b.question) ?? 0)),
      progress: progressOf(result),
    };
  }

  /** Applies a batch of answers: every item is checked first, and all are written or none. */
  async putAnswers(
    principal: Principal,
    id: string,
    items: AnswerInputBody[],
    ifMatch: string | undefined,
  ): Promise<AssessmentRow> {
    const initial = this.load(principal, id);
    const framework = this.frameworkOf(initial);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const question = framework.questions.get(item.question);
      if (!question) {
        errors.push({ path: `body.answers[${i}].question`, message: `unknown question ${item.question}` });
        return;
      }
      if (seen.has(item.question)) {
        errors.push({
          path: `body.answers[${i}].question`,
          message: `${item.question} appears twice in the batch`,
        });
      }
      seen.add(item.question);
      for (const problem of answerProblems(question, item)) {
        errors.push({ path: `body.answers[${i}].${problem.field}`, message: problem.message });
      }
    });

    const { row, answers } = await this.repository.transaction(() => {
      const row = this.load(principal, id);
      this.assertWritable(row);
      checkIfMatch(ifMatch, row.revision, false);
      if (errors.length) {
        throw new AppError('validation', message('problem.batchInvalid', { count: errors.length }), {
          errors,
        });
      }
      const existing = this.repository.answersByQuestion(id, row.revision);
      const now = new Date().toISOString();
      const revision = row.revision + 1;
      const writes: Parameters<AssessmentRepository['upsertAnswers']>[0] = [];
      const history: NewEvent[] = [];
      // Built from the columns' own JSON text: a full questionnaire is ~100 answers, and parsing
      // and re-serialising each stored answer twice was a third of the request.
      for (const item of items) {
        const previous = existing.get(item.question);
        const notApplicable = item.notApplicable === true;
        const value = notApplicable || item.value === undefined ? null : JSON.stringify(item.value);
        const comment = item.comment === undefined ? (previous?.comment ?? null) : item.comment;
        const evidence =
          item.evidence === undefined ? (previous?.evidence ?? '[]') : JSON.stringify(item.evidence);
        if (
          previous &&
          previous.value === value &&
          previous.notApplicable === notApplicable &&
          previous.comment === comment &&
          previous.evidence === evidence
        ) {
          continue;
        }
        writes.push({
          assessmentId: id,
          question: item.question,
          value,
          notApplicable,
          comment,
          evidence,
          answeredBy: principal.sub,
          answeredAt: now,
        });
        history.push({
          assessmentId: id,
          revision,
          type: 'answer_set',
          actor: principal.sub,
          at: now,
          question: item.question,
          before: previous ? stateJson(previous) : null,
          after: stateJson({ value, notApplicable, comment, evidence }),
        });
      }
      if (!writes.length) return { row, answers: existing };
      this.assertHistoryRoom(row, history);
      if (!this.repository.advance(id, row.revision)) {
        throw new AppError('precondition_failed', message('problem.changedDuringWrite'));
      }
      this.repository.upsertAnswers(writes);
      this.repository.appendEvents(history);
      for (const write of writes) existing.set(write.question, write);
      return { row: this.repository.findById(id) as AssessmentRow, answers: existing };
    });
    // Committed: what was just written is kept for the next batch and for the response.
    this.repository.rememberAnswers(id, row.revision, answers);
    this.progress(row, [...answers.values()]);
    return row;
  }

  async clearAnswer(
    principal: Principal,
    id: string,
    question: string,
    ifMatch: string | undefined,
  ): Promise<AssessmentRow> {
    return this.repository.transaction(() => {
      const row = this.load(principal, id);
      this.assertWritable(row);
      checkIfMatch(ifMatch, row.revision, false);
      const previous = this.repository.answersByQuestion(id, row.revision).get(question);
      if (!previous) throw new AppError('not_found', message('problem.answerNotFound', { id, question }));
      this.assertHistoryRoom(row, [{ before: stateJson(previous) }]);
      this.repository.advance(id, row.revision);
      this.repository.deleteAnswer(id, question);
      this.repository.appendEvents([
        {
          assessmentId: id,
          revision: row.revision + 1,
          type: 'answer_cleared',
          actor: principal.sub,
          at: new Date().toISOString(),
          question,
          before: stateJson(previous),
          after: null,
        },
      ]);
      return this.repository.findById(id) as AssessmentRow;
    });
  }

  async submit(principal: Principal, id: string, ifMatch: string | undefined): Promise<AssessmentRow> {
    return this.repository.transaction(() => {
      const row = this.loadForTransition(principal, id, ifMatch, EDITABLE, 'submitted');
      const answers = this.repository.answers(id);
      const missing = this.missing(row, answers);
      if (missing.length) {
        throw new AppError('incomplete', message('problem.incomplete', { count: missing.length }), {
          missing,
          errors: missing.map((m) => ({ path: m.question, message: m.reason })),
        });
      }
      return this.transition(principal, row, 'submitted', 'submitted', {
        submittedAt: new Date().toISOString(),
      });
    });
  }

  async returnForRevision(
    principal: Principal,
    id: string,
    reason: string,
    ifMatch: string | undefined,
  ): Promise<AssessmentRow> {
    return this.repository.transaction(() => {
      const row = this.loadForTransition(principal, id, ifMatch, ['submitted'], 'returned');
      return this.transition(principal, row, 'returned', 'returned', { returnReason: reason }, reason);
    });
  }

  async validate(principal: Principal, id: string, ifMatch: string | undefined): Promise<AssessmentRow> {
    return this.repository.transaction(() => {
      const row = this.loadForTransition(principal, id, ifMatch, ['submitted'], 'validated');
      const validatedAt = new Date().toISOString();
      const updated = this.transition(principal, row, 'validated', 'validated', {
        validatedAt,
        returnReason: null,
      });
      const snapshot = this.buildSnapshot(updated, this.repository.answers(id), principal.sub);
      this.repository.insertSnapshot({
        assessmentId: id,
        arithmetic: snapshot.arithmetic,
        geometric: snapshot.geometric,
      });
      const country = this.countries.find(row.country);
      this.repository.insertValidatedResult(
        {
          assessmentId: id,
          country: row.country,
          period: row.period,
          region: country?.region ?? null,
          subregion: country?.subregion ?? null,
          composite: snapshot.result.composite.score,
          band: snapshot.result.composite.band,
          validatedAt,
        },
        snapshot.result.domains.map((d) => ({
          assessmentId: id,
          domain: d.key,
          score: d.score,
          band: d.band,
        })),
        sdg1072Rows(id, snapshot.result),
      );
      return updated;
    });
  }

  /** One page of the history, oldest first: at most `limit` events and about HISTORY_PAGE_BYTES. */
  history(principal: Principal, id: string, page: HistoryQuery) {
    this.load(principal, id);
    let afterId = 0;
    if (page.cursor) {
      const decoded = Buffer.from(page.cursor, 'base64url').toString('utf8');
      if (!/^[1-9]\d{0,15}$/.test(decoded)) {
        throw new AppError('validation', message('problem.badCursor'), {
          errors: [{ path: 'querystring.cursor', message: 'is invalid' }],
        });
      }
      afterId = Number(decoded);
    }
    const rows = this.repository.events(id, afterId, page.limit + 1);
    const events = [];
    let bytes = 0;
    for (const e of rows.slice(0, page.limit)) {
      bytes += historyBytesOf(e);
      if (events.length && bytes > HISTORY_PAGE_BYTES) break;
      events.push({
        ...e,
        before: e.before === null ? null : (JSON.parse(e.before) as Record<string, JsonValue>),
        after: e.after === null ? null : (JSON.parse(e.after) as Record<string, JsonValue>),
      });
    }
    const last = events.at(-1);
    return {
      events,
      nextCursor:
        events.length < rows.length && last ? Buffer.from(String(last.id)).toString('base64url') : null,
    };
  }

  /** Refuses a write whose history would take the assessment past its budget. */
  private assertHistoryRoom(row: AssessmentRow, events: Pick<NewEvent, 'before' | 'after' | 'reason'>[]) {
    const adding = events.reduce((sum, e) => sum + historyBytesOf(e), 0);
    const limit = this.limits.historyBytes;
    if (row.historyBytes + adding > limit) {
      throw new AppError(
        'history_limit',
        message('problem.historyLimit', {
          limit: String(limit),
          used: String(row.historyBytes),
          adding: String(adding),
        }),
        { limit, used: row.historyBytes },
      );
    }
  }

  /** Enabled questions without an answer, and positive answers lacking required evidence. */
  missing(row: AssessmentRow, answers: AnswerRow[]) {
    const framework = this.frameworkOf(row);
    const result = this.quickScore(row, answers);
    const byQuestion = new Map(answers.map((a) => [a.question, a]));
    const missing: { question: string; reason: 'unanswered' | 'evidence_required' }[] = [];
    for (const q of result.questions) {
      if (!q.enabled) continue;
      if (!q.answered) {
        missing.push({ question: q.key, reason: 'unanswered' });
        continue;
      }
      const evidenceRequired = framework.questions.get(q.key)?.evidenceRequired;
      const evidence = byQuestion.get(q.key)?.evidence ?? '[]';
      if (evidenceRequired && q.score !== null && q.score > 0 && !hasVisibleEvidence(evidence)) {
        missing.push({ question: q.key, reason: 'evidence_required' });
      }
    }
    return missing;
  }

  /** The preconditions every state change shares: in scope, If-Match current, status allowed. */
  private loadForTransition(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    from: readonly AssessmentStatus[],
    to: string,
  ): AssessmentRow {
    const row = this.load(principal, id);
    checkIfMatch(ifMatch, row.revision, true);
    if (!from.includes(row.status)) {
      throw new AppError(
        'conflict',
        message('problem.wrongStatus', { from: from.join(' | '), to, status: row.status }),
      );
    }
    return row;
  }

  private transition(
    principal: Principal,
    row: AssessmentRow,
    status: AssessmentStatus,
    type: EventType,
    patch: Partial<AssessmentRow>,
    reason?: string,
  ): AssessmentRow {
    const now = new Date().toISOString();
    if (!this.repository.advance(row.id, row.revision, { ...patch, status })) {
      throw new AppError('precondition_failed', message('problem.changedDuringRequest'));
    }
    this.repository.appendEvents([
      {
        ...this.event(row.id, row.revision + 1, type, principal, now, {
          question: null,
          before: { status: row.status },
          after: { status },
        }),
        reason: reason ?? null,
      },
    ]);
    return this.repository.findById(row.id) as AssessmentRow;
  }

  private event(
    assessmentId: string,
    revision: number,
    type: EventType,
    principal: Principal,
    at: string,
    change: { question: string | null; before: unknown; after: unknown },
  ): NewEvent {
    return {
      assessmentId,
      revision,
      type,
      actor: principal.sub,
      at,
      question: change.question,
      before: change.before === null ? null : JSON.stringify(change.before),
      after: change.after === null ? null : JSON.stringify(change.after),
    };
  }

  private assertWritable(row: AssessmentRow) {
    if (!EDITABLE.includes(row.status)) {
      throw new AppError('conflict', message('problem.readOnly', { status: row.status }));
    }
  }
}

/**
 * Whether stored evidence names something a reader can see. Titles of only invisible characters
 * are refused on the way in; this also keeps such titles stored before that from counting.
 */
const hasVisibleEvidence = (evidence: string): boolean =>
  evidence !== '[]' && (JSON.parse(evidence) as Evidence[]).some((e) => hasVisibleText(e.title));

/** Checks one answer against its question; returns the problems by field. */
export function answerProblems(
  question: PublishedFramework['framework']['domains'][number]['subdomains'][number]['questions'][number],
  item: Pick<AnswerInputBody, 'value' | 'notApplicable'>,
): { field: string; message: string }[] {
  if (item.notApplicable === true) {
    if (item.value !== undefined && item.value !== null) {
      return [{ field: 'value', message: 'give either a value or notApplicable: true, not both' }];
    }
    return question.allowNotApplicable
      ? []
      : [{ field: 'notApplicable', message: `${question.key} cannot be answered "not applicable"` }];
  }
  if (item.value === undefined || item.value === null) {
    return [{ field: 'value', message: 'a value is required (or notApplicable: true where allowed)' }];
  }
  if (question.type === 'number') {
    if (typeof item.value !== 'number' || !Number.isFinite(item.value)) {
      return [{ field: 'value', message: `${question.key} takes a number (${question.number?.unit ?? ''})` }];
    }
    const outOfRange = numberRangeProblem(question, item.value);
    return outOfRange ? [{ field: 'value', message: outOfRange }] : [];
  }
  const values = question.options?.map((o) => o.value) ?? [];
  if (typeof item.value !== 'string' || !values.includes(item.value)) {
    return [{ field: 'value', message: `${question.key} takes one of: ${values.join(', ')}` }];
  }
  return [];
}
