import type { Principal } from '../auth/claims.ts';
import { AppError, message } from '../lib/errors.ts';
import { checkIfMatch } from '../lib/etag.ts';
import type { missingAnswers } from './answer.rules.ts';
import { historyEvent, nextChange } from './assessment.history.ts';
import type { AnswerRow, AssessmentRepository, AssessmentRow } from './assessment.repository.ts';
import { type Transition, WORKFLOW } from './assessment.workflow.ts';

/**
 * What other modules record when an assessment is validated (its report, its indicator rows):
 * called inside the validation's transaction, so all of it commits together or not at all.
 */
export type OnValidated = (row: AssessmentRow, answers: AnswerRow[], validatedBy: string) => void;

interface TransitionDeps {
  repository: AssessmentRepository;
  load: (principal: Principal, id: string) => AssessmentRow;
  /** The completeness check of a submit. */
  missing: (row: AssessmentRow, answers: AnswerRow[]) => ReturnType<typeof missingAnswers>;
  onValidated: OnValidated;
}

/** The state changes of the workflow table (WORKFLOW): submit, return, validate. */
export class AssessmentTransitions {
  constructor(private readonly deps: TransitionDeps) {}

  submit(principal: Principal, id: string, ifMatch: string | undefined): Promise<AssessmentRow> {
    return this.run('submit', principal, id, ifMatch, (row) => {
      const missing = this.deps.missing(row, this.deps.repository.answerRows(id));
      if (missing.length) {
        throw new AppError('incomplete', message('problem.incomplete', { count: missing.length }), {
          missing,
          errors: missing.map((m) => ({ path: m.question, message: m.reason })),
        });
      }
      return { submittedAt: new Date().toISOString() };
    });
  }

  returnForRevision(principal: Principal, id: string, reason: string, ifMatch: string | undefined) {
    return this.run('return', principal, id, ifMatch, () => ({ returnReason: reason }), { reason });
  }

  validate(principal: Principal, id: string, ifMatch: string | undefined): Promise<AssessmentRow> {
    return this.run(
      'validate',
      principal,
      id,
      ifMatch,
      () => ({ validatedAt: new Date().toISOString(), returnReason: null }),
      {
        after: (updated) =>
          this.deps.onValidated(updated, this.deps.repository.answerRows(id), principal.sub),
      },
    );
  }

  /**
   * One state change, in one transaction: in scope, If-Match current (and required), status
   * allowed by the table; `check` may refuse and gives the columns to set; `after` runs on the
   * updated row inside the same transaction.
   */
  private run(
    name: Transition,
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    check: (row: AssessmentRow) => Partial<AssessmentRow>,
    options: { reason?: string; after?: (updated: AssessmentRow) => void } = {},
  ): Promise<AssessmentRow> {
    const { from, to } = WORKFLOW[name];
    const { repository } = this.deps;
    return repository.transaction(() => {
      const row = this.deps.load(principal, id);
      checkIfMatch(ifMatch, row.revision, true);
      if (!(from as readonly string[]).includes(row.status)) {
        throw new AppError(
          'conflict',
          message('problem.wrongStatus', { from: from.join(' | '), to, status: row.status }),
        );
      }
      if (!repository.advance(row.id, row.revision, { ...check(row), status: to })) {
        throw new AppError('precondition_failed', message('problem.changedDuringRequest'));
      }
      const event = historyEvent(nextChange(row, principal.sub), to, {
        before: { status: row.status },
        after: { status: to },
        reason: options.reason ?? null,
      });
      repository.appendEvents([event]);
      const updated = repository.findById(row.id) as AssessmentRow;
      options.after?.(updated);
      return updated;
    });
  }
}
