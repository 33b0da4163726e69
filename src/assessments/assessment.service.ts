import type { Principal } from '../auth/claims.ts';
import type { CountryService } from '../countries/country.service.ts';
import type { FrameworkService, PublishedFramework } from '../framework/framework.service.ts';
import { LOCALES, type Locale } from '../i18n/locale.ts';
import { AppError, message } from '../lib/errors.ts';
import { checkIfMatch } from '../lib/etag.ts';
import { type ScoreResult, scoreAssessment } from '../scoring/scoring.engine.ts';
import { inScope, readScope } from './access.ts';
import { answerState, toAnswerMap } from './answer.codec.ts';
import { type Missing, missingAnswers } from './answer.rules.ts';
import { AnswerWrites } from './answer-writes.ts';
import { type ConsultationHooks, NO_CONSULTATION, type Remark } from './assessment.consultation.ts';
import { AssessmentCreation } from './assessment.create.ts';
import { assessmentCursor, historyCursor } from './assessment.cursors.ts';
import { type DocumentHooks, NO_DOCUMENTS } from './assessment.documents.ts';
import { assertHistoryRoom, type Change, historyPage, nextChange } from './assessment.history.ts';
import { type Progress, ProgressTracker, roundedProgress } from './assessment.progress.ts';
import type { AnswerRow, AssessmentRepository, AssessmentRow, NewEvent } from './assessment.repository.ts';
import type { AnswerInputBody, CreateAssessment, ListQuery } from './assessment.schemas.ts';
import { AssessmentTransitions, type OnValidated } from './assessment.transitions.ts';
import { HistoryQueries } from './history.repository.ts';
import type { HistoryQuery } from './history.schemas.ts';

export interface AssessmentDeps {
  repository: AssessmentRepository;
  frameworks: FrameworkService;
  countries: Pick<CountryService, 'find'>;
  onValidated: OnValidated;
  /** What one assessment's history may hold, in bytes (HISTORY_LIMIT_BYTES). */
  historyBytes?: number;
}

/**
 * The assessments' use cases, each in one transaction: the routes call only this. The rules live
 * beside it: the workflow table, the answer batch, the history builder, idempotency, progress.
 */
export class AssessmentService {
  private readonly repository: AssessmentRepository;
  private readonly progressTracker: ProgressTracker;
  private readonly historyLimit: number;
  private readonly creation: AssessmentCreation;
  private readonly transitions: AssessmentTransitions;
  private readonly answerWrites: AnswerWrites;
  private consultation: ConsultationHooks = NO_CONSULTATION;
  private documents: DocumentHooks = NO_DOCUMENTS;
  private readonly queries: HistoryQueries;

  constructor(private readonly deps: AssessmentDeps) {
    this.repository = deps.repository;
    this.historyLimit = deps.historyBytes ?? Number.POSITIVE_INFINITY;
    this.queries = new HistoryQueries(deps.repository.db);
    this.creation = new AssessmentCreation(
      deps.repository,
      deps.frameworks,
      deps.countries,
      () => this.documents,
    );
    this.transitions = new AssessmentTransitions({
      repository: deps.repository,
      load: (principal, id) => this.load(principal, id),
      missing: (row, answers) =>
        missingAnswers(this.frameworkOf(row), this.quickScore(row, answers).questions, answers),
      onValidated: deps.onValidated,
      consultation: () => this.consultation,
    });
    this.answerWrites = new AnswerWrites({
      repository: deps.repository,
      load: (principal, id) => this.load(principal, id),
      frameworkOf: (row) => this.frameworkOf(row),
      consultation: () => this.consultation,
      documents: () => this.documents,
      unitsOf: (published, question) => this.unitsOf(published, question),
      queries: this.queries,
      historyLimit: this.historyLimit,
    });
    this.progressTracker = new ProgressTracker(
      this.repository,
      (row) => this.frameworkOf(row).compiled,
      (row) => [...this.repository.answersByQuestion(row.id, row.revision).values()],
    );
  }

  /** Plugs in the documents module: which document ids evidence may name. */
  useDocuments(hooks: DocumentHooks): void {
    this.documents = hooks;
  }

  /** Plugs in the consultation's rules (assignments, sign-offs, remarks); see assessment.consultation.ts. */
  useConsultation(hooks: ConsultationHooks): void {
    this.consultation = hooks;
  }

  /**
   * Tells `listener` of every batch of history events, with the assessment they belong to, inside
   * the write's transaction (the outbox turns them into webhook and mail events).
   */
  onHistory(listener: (rows: readonly NewEvent[], row: AssessmentRow) => void): void {
    this.repository.onAppend = (rows) => {
      for (const id of new Set(rows.map((e) => e.assessmentId))) {
        const row = this.repository.findById(id);
        if (row) listener(rows.length === 1 ? rows : rows.filter((e) => e.assessmentId === id), row);
      }
    };
  }

  /** An assessment by id, for other modules acting on no caller's behalf (notifications). */
  findById(id: string): AssessmentRow | null {
    return this.repository.findById(id);
  }

  /** The assessment if the caller may see it; 404 otherwise, whether it exists or not. */
  load(principal: Principal, id: string): AssessmentRow {
    const row = this.repository.findById(id);
    if (!row || !inScope(readScope(principal), row))
      throw new AppError('not_found', message('problem.assessmentNotFound', { id }));
    return row;
  }

  frameworkOf(row: AssessmentRow): PublishedFramework {
    return this.deps.frameworks.getById(row.frameworkId);
  }

  /** A question's unit in each language its framework is translated into. */
  private unitsOf(published: PublishedFramework, question: string): Partial<Record<Locale, string>> {
    const units: Partial<Record<Locale, string>> = {};
    for (const locale of LOCALES) {
      const localized = this.deps.frameworks.localized(published, locale);
      const unit = localized.locale === locale ? localized.questions.get(question)?.number?.unit : undefined;
      if (unit !== undefined) units[locale] = unit;
    }
    return units;
  }

  answersOf(row: AssessmentRow): AnswerRow[] {
    return this.repository.answerRows(row.id);
  }

  /** The same country's latest validated assessment of an earlier period. */
  previousValidated(row: AssessmentRow): AssessmentRow | null {
    return this.repository.previousValidated(row.country, row.period);
  }

  /** Whether any answer or history event names the ministry (it is then retired, never deleted). */
  ministryHasRecord(ministryId: string): boolean {
    return this.queries.ministryHasRecord(ministryId);
  }

  progress(row: AssessmentRow): Progress {
    return this.progressTracker.of(row);
  }

  list(principal: Principal, query: ListQuery): { items: AssessmentRow[]; nextCursor: string | null } {
    const rows = this.repository.list({
      ...readScope(principal),
      filterCountry: query.country,
      period: query.period,
      status: query.status,
      afterId: query.cursor ? assessmentCursor.decode(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page,
      nextCursor: rows.length > query.limit && last ? assessmentCursor.encode(last.id) : null,
    };
  }

  /** Scores the current answers without uncertainty: enough for progress and completeness. */
  private quickScore(row: AssessmentRow, answers: AnswerRow[]): ScoreResult {
    return scoreAssessment(this.frameworkOf(row).compiled, toAnswerMap(answers), { seed: row.id, draws: 1 });
  }

  /** Every stored answer in questionnaire order, whether its question is enabled, and the progress. */
  listAnswers(principal: Principal, id: string) {
    const row = this.load(principal, id);
    const rows = this.repository.answerRows(id);
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
      progress: roundedProgress(result),
    };
  }

  /**
   * One page of the history in `page.order` (newest first unless asked otherwise): at most
   * `limit` events and about HISTORY_PAGE_BYTES. The cursor is the last event sent; the next
   * page continues past it in the same order.
   */
  history(principal: Principal, id: string, page: HistoryQuery) {
    this.load(principal, id);
    const from = page.cursor ? historyCursor.decode(page.cursor) : undefined;
    const rows = this.repository.events(id, page.order, from, page.limit + 1);
    const { events, more } = historyPage(rows, page.limit);
    const last = events.at(-1);
    return { events, nextCursor: more && last ? historyCursor.encode(last.id) : null };
  }

  create(principal: Principal, body: CreateAssessment, idempotencyKey: string | undefined) {
    return this.creation.create(principal, body, idempotencyKey);
  }

  /** Applies a batch of answers: every item is checked first, and all are written or none. */
  putAnswers(principal: Principal, id: string, items: AnswerInputBody[], ifMatch: string | undefined) {
    return this.answerWrites.put(principal, id, items, ifMatch);
  }

  clearAnswer(principal: Principal, id: string, question: string, ifMatch: string | undefined) {
    return this.answerWrites.clear(principal, id, question, ifMatch);
  }

  submit(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    reason?: string,
  ): Promise<AssessmentRow> {
    return this.transitions.submit(principal, id, ifMatch, reason);
  }

  returnForRevision(
    principal: Principal,
    id: string,
    body: { reason: string; remarks?: Remark[] },
    ifMatch: string | undefined,
  ) {
    return this.transitions.returnForRevision(principal, id, body, ifMatch);
  }

  validate(principal: Principal, id: string, ifMatch: string | undefined): Promise<AssessmentRow> {
    return this.transitions.validate(principal, id, ifMatch);
  }

  /** Enabled questions, and the enabled ones unanswered or lacking required evidence. */
  completeness(row: AssessmentRow): { enabled: Set<string>; answered: Set<string>; missing: Missing[] } {
    const answers = this.repository.answerRows(row.id);
    const scored = this.quickScore(row, answers).questions;
    return {
      enabled: new Set(scored.filter((q) => q.enabled).map((q) => q.key)),
      answered: new Set(scored.filter((q) => q.enabled && q.answered).map((q) => q.key)),
      missing: missingAnswers(this.frameworkOf(row), scored, answers),
    };
  }

  /**
   * A write of another module that changes the assessment (assignments, a sign-off, a comment):
   * in one transaction, in scope, `allowed` by status, If-Match honoured when sent; `fn` gives the
   * history events of the change (none: nothing changes, the revision stays).
   */
  recordChange(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    options: { allowed: (status: AssessmentRow['status']) => boolean; ministry?: string | null },
    fn: (row: AssessmentRow, change: Change) => NewEvent[],
  ): Promise<AssessmentRow> {
    return this.repository.transaction(() => {
      const row = this.load(principal, id);
      if (!options.allowed(row.status)) {
        throw new AppError('conflict', message('problem.readOnly', { status: row.status }));
      }
      checkIfMatch(ifMatch, row.revision, false);
      const change = nextChange(row, principal.sub, options.ministry ?? null);
      const events = fn(row, change);
      if (!events.length) return row;
      assertHistoryRoom(row.historyBytes, events, this.historyLimit);
      if (!this.repository.advance(id, row.revision)) {
        throw new AppError('precondition_failed', message('problem.changedDuringWrite'));
      }
      this.repository.appendEvents(events);
      return this.repository.findById(id) as AssessmentRow;
    });
  }

  /** The history events of one question (answers, comments, threads), oldest first. */
  questionEvents(row: AssessmentRow, question: string) {
    return historyPage(this.queries.questionEvents(row.id, question), Number.MAX_SAFE_INTEGER).events;
  }

  /** The latest change per question after `revision` (answers only), newest first. */
  changedSince(row: AssessmentRow, revision: number) {
    return this.queries.changesSince(row.id, revision);
  }

  /** The revision the assessment was last returned at (the last review), or null. */
  lastReturnRevision(row: AssessmentRow): number | null {
    return this.queries.lastEventRevision(row.id, 'returned');
  }
}
