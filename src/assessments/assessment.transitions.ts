import type { Principal } from '../auth/claims.ts';
import { AppError, message } from '../lib/errors.ts';
import { checkIfMatch } from '../lib/etag.ts';
import type { missingAnswers } from './answer.rules.ts';
import type { ConsultationHooks, Remark } from './assessment.consultation.ts';
import { type Change, historyEvent, nextChange } from './assessment.history.ts';
import type { AnswerRow, AssessmentRepository, AssessmentRow, NewEvent } from './assessment.repository.ts';
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
  consultation: () => ConsultationHooks;
}

/** The state changes of the workflow table (WORKFLOW): submit, return, validate. */
export class AssessmentTransitions {
  constructor(private readonly deps: TransitionDeps) {}

  /**
   * Refused (409) with everything that blocks it: missing answers and evidence, ministries not
   * ready (unless `reason` says why the focal point submits anyway; it stays in the history), and
   * review remarks left open.
   */
  submit(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    reason?: string,
  ): Promise<AssessmentRow> {
    return this.run(
      'submit',
      principal,
      id,
      ifMatch,
      (row) => {
        const missing = this.deps.missing(row, this.deps.repository.answerRows(id));
        const { notReady, openRemarks } = this.deps.consultation().submitBlockers(row, reason);
        const count = missing.length + notReady.length + openRemarks.length;
        if (count) {
          throw new AppError('incomplete', message('problem.incomplete', { count }), {
            missing,
            notReady,
            openRemarks,
            errors: [
              ...missing.map((m) => ({ path: m.question, message: m.reason })),
              ...notReady.map((m) => ({ path: `ministries.${m.code}`, message: 'not_ready' })),
              ...openRemarks.map((r) => ({ path: r.question, message: 'open_remark' })),
            ],
          });
        }
        return { submittedAt: new Date().toISOString() };
      },
      { reason: reason ?? null },
    );
  }

  /** Returns with a reason; each remark opens a thread on its question that must be resolved. */
  returnForRevision(
    principal: Principal,
    id: string,
    body: { reason: string; remarks?: readonly Remark[] },
    ifMatch: string | undefined,
  ) {
    return this.run('return', principal, id, ifMatch, () => ({ returnReason: body.reason }), {
      reason: body.reason,
      extraEvents: (row, change) => this.deps.consultation().returned(row, change, body.remarks ?? []),
    });
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
    options: {
      reason?: string | null;
      after?: (updated: AssessmentRow) => void;
      extraEvents?: (row: AssessmentRow, change: Change) => NewEvent[];
    } = {},
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
      const change = nextChange(row, principal.sub);
      const event = historyEvent(change, to, {
        before: { status: row.status },
        after: { status: to },
        reason: options.reason ?? null,
      });
      repository.appendEvents([event, ...(options.extraEvents?.(row, change) ?? [])]);
      const updated = repository.findById(row.id) as AssessmentRow;
      options.after?.(updated);
      return updated;
    });
  }
}
