import type { Principal } from '../auth/claims.ts';
import type { Change } from './assessment.history.ts';
import type { AssessmentRow, NewEvent } from './assessment.repository.ts';

/**
 * What the assessments module asks of the consultation (assignments, sign-offs, threads) inside
 * its own transactions. The consultation module implements it; the services plugin plugs it in,
 * so the two depend on each other one way only at run time. Without it, nothing is refused.
 */
export interface ConsultationHooks {
  /**
   * The ministry (id) a write is recorded with, or null (focal point, admin); refuses (403) a
   * contributor's write to questions not assigned to their ministry.
   */
  authorizeAnswers(principal: Principal, row: AssessmentRow, questions: readonly string[]): string | null;
  /** After answers changed, in the same transaction: the events of what follows (withdrawn sign-offs). */
  answersChanged(row: AssessmentRow, change: Change, questions: readonly string[]): NewEvent[];
  /** What else blocks a submission: ministries not ready (unless a reason is given), open remarks. */
  submitBlockers(row: AssessmentRow, reason: string | undefined): SubmitBlockers;
  /** When an assessment is returned, in the same transaction: the remark threads it opens, as events. */
  returned(row: AssessmentRow, change: Change, remarks: readonly Remark[]): NewEvent[];
}

export interface Remark {
  question: string;
  text: string;
}

export interface SubmitBlockers {
  notReady: { ministryId: string; code: string }[];
  openRemarks: { question: string; commentId: string }[];
}

export const NO_CONSULTATION: ConsultationHooks = {
  authorizeAnswers: () => null,
  answersChanged: () => [],
  submitBlockers: () => ({ notReady: [], openRemarks: [] }),
  returned: () => [],
};
