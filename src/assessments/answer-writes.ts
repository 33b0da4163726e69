import type { Principal } from '../auth/claims.ts';
import type { PublishedFramework } from '../framework/framework.service.ts';
import { AppError, type FieldError, fieldError, message } from '../lib/errors.ts';
import { answerState, stateJson } from './answer.codec.ts';
import { checkBatch, diffBatch, type UnitsOf } from './answer-batch.ts';
import type { ConsultationHooks } from './assessment.consultation.ts';
import type { DocumentHooks } from './assessment.documents.ts';
import { assertHistoryRoom, historyEvent, nextChange } from './assessment.history.ts';
import { type Conflict, type MergedOver, mergeBase } from './assessment.merge.ts';
import type { AnswerRow, AssessmentRepository, AssessmentRow } from './assessment.repository.ts';
import type { AnswerInputBody } from './assessment.schemas.ts';
import { isEditable } from './assessment.workflow.ts';
import type { HistoryQueries } from './history.repository.ts';

export interface AnswerWriteDeps {
  repository: AssessmentRepository;
  load: (principal: Principal, id: string) => AssessmentRow;
  frameworkOf: (row: AssessmentRow) => PublishedFramework;
  consultation: () => ConsultationHooks;
  documents: () => DocumentHooks;
  /** A question's unit in each language, for the batch check's messages. */
  unitsOf: (published: PublishedFramework, question: string) => ReturnType<UnitsOf>;
  queries: Pick<HistoryQueries, 'changesSince'>;
  historyLimit: number;
}

/** What an answer write leaves: the assessment, and the questions others changed that it merged over. */
export interface WriteResult {
  row: AssessmentRow;
  mergedOver: MergedOver[];
}

/** Evidence naming a document that is not one of the assessment's, as field errors. */
function unknownDocuments(
  documents: DocumentHooks,
  id: string,
  items: readonly AnswerInputBody[],
): FieldError[] {
  const named = items.flatMap((item, i) =>
    (item.evidence ?? []).flatMap((e, j) =>
      e.document ? [{ path: `body.answers[${i}].evidence[${j}].document`, document: e.document }] : [],
    ),
  );
  if (!named.length) return [];
  const unknown = new Set(documents.unknown(id, [...new Set(named.map((n) => n.document))]));
  return named
    .filter((n) => unknown.has(n.document))
    .map((n) => fieldError(n.path, 'field.unknownDocument', { document: n.document }));
}

/**
 * The answer writes (a batch, a clear), each in one transaction: in scope, editable, allowed for
 * the writer's ministry, merged over others' changes or refused (see assessment.merge.ts).
 */
export class AnswerWrites {
  constructor(private readonly deps: AnswerWriteDeps) {}

  /** Both versions of each conflicting question, for the 412 problem. */
  private conflictDetail(existing: ReadonlyMap<string, AnswerRow>, items: readonly AnswerInputBody[] | null) {
    return (conflicts: Conflict[]) => ({
      conflicts: conflicts.map((c) => {
        const stored = existing.get(c.question);
        return {
          ...c,
          current: stored ? answerState(stored) : null,
          yours: items ? (items.find((i) => i.question === c.question) ?? null) : null,
        };
      }),
    });
  }

  /**
   * The preconditions shared by both writes, inside their transaction: the row (editable), the
   * framework, the writer's ministry, the stored answers at this revision, and what a stale
   * If-Match was merged over (412 when it cannot be).
   */
  private begin(
    principal: Principal,
    id: string,
    questions: readonly string[],
    ifMatch: string | undefined,
    items: AnswerInputBody[] | null,
  ) {
    const row = this.deps.load(principal, id);
    if (!isEditable(row.status)) {
      throw new AppError('conflict', message('problem.readOnly', { status: row.status }));
    }
    const framework = this.deps.frameworkOf(row);
    // Unknown questions are the batch check's to name; the rest must be the writer's to write.
    const known = questions.filter((q) => framework.questions.has(q));
    const ministry = this.deps.consultation().authorizeAnswers(principal, row, known);
    const existing = this.deps.repository.answersByQuestion(id, row.revision);
    const mergedOver = mergeBase(
      this.deps.queries,
      framework,
      row,
      ifMatch,
      questions,
      this.conflictDetail(existing, items),
    );
    return { row, ministry, existing, mergedOver };
  }

  async put(principal: Principal, id: string, items: AnswerInputBody[], ifMatch: string | undefined) {
    const { repository } = this.deps;
    const published = this.deps.frameworkOf(this.deps.load(principal, id));
    const errors = checkBatch(published, items, (question) => this.deps.unitsOf(published, question));
    return repository.transaction((): WriteResult => {
      const questions = items.map((i) => i.question);
      const { row, ministry, existing, mergedOver } = this.begin(principal, id, questions, ifMatch, items);
      // Inside the transaction, so a document cannot be deleted between this check and the write.
      errors.push(...unknownDocuments(this.deps.documents(), id, items));
      if (errors.length) {
        throw new AppError('validation', message('problem.batchInvalid', { count: errors.length }), {
          errors,
        });
      }
      const change = nextChange(row, principal.sub, ministry);
      const { writes, history } = diffBatch(change, existing, items);
      if (!writes.length) {
        repository.rememberAnswers(id, row.revision, existing);
        return { row, mergedOver };
      }
      history.push(
        ...this.deps.consultation().answersChanged(
          row,
          change,
          writes.map((w) => w.question),
        ),
      );
      assertHistoryRoom(row.historyBytes, history, this.deps.historyLimit);
      if (!repository.advance(id, row.revision)) {
        throw new AppError('precondition_failed', message('problem.changedDuringWrite'));
      }
      repository.upsertAnswers(writes);
      repository.appendEvents(history);
      for (const write of writes) existing.set(write.question, write);
      // What was just written is kept, once committed, for the next batch and for the progress.
      repository.rememberAnswers(id, change.revision, existing);
      return { row: repository.findById(id) as AssessmentRow, mergedOver };
    });
  }

  async clear(principal: Principal, id: string, question: string, ifMatch: string | undefined) {
    const { repository } = this.deps;
    return repository.transaction((): WriteResult => {
      const { row, ministry, existing, mergedOver } = this.begin(principal, id, [question], ifMatch, null);
      const previous = existing.get(question);
      if (!previous) throw new AppError('not_found', message('problem.answerNotFound', { id, question }));
      const change = nextChange(row, principal.sub, ministry);
      const events = [
        historyEvent(change, 'answer_cleared', { question, before: stateJson(previous) }),
        ...this.deps.consultation().answersChanged(row, change, [question]),
      ];
      assertHistoryRoom(row.historyBytes, events, this.deps.historyLimit);
      repository.advance(id, row.revision);
      repository.deleteAnswer(id, question);
      repository.appendEvents(events);
      return { row: repository.findById(id) as AssessmentRow, mergedOver };
    });
  }
}
