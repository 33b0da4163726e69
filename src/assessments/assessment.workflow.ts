import type { Role } from '../auth/claims.ts';
import type { AssessmentStatus } from '../db/schema/index.ts';

/** Statuses in which answers may change. */
const EDITABLE = ['draft', 'returned'] as const;

/**
 * The operations on assessments: the roles that may attempt each at all (other roles get 403;
 * the routes declare them from here) and, for the state changes, the statuses each leaves and the
 * one it reaches (its history event has that name too). Which assessments a role sees is access.ts.
 */
export const WORKFLOW = {
  create: { roles: ['admin', 'focal_point'] },
  read: { roles: ['admin', 'focal_point', 'contributor', 'reviewer', 'viewer'] },
  /** Contributors write only the questions assigned to their ministry (see consultation/). */
  answer: { roles: ['admin', 'focal_point', 'contributor'], from: EDITABLE },
  submit: { roles: ['admin', 'focal_point'], from: EDITABLE, to: 'submitted' },
  return: { roles: ['admin', 'reviewer'], from: ['submitted'], to: 'returned' },
  validate: { roles: ['admin', 'reviewer'], from: ['submitted'], to: 'validated' },
} as const satisfies Record<
  string,
  { roles: readonly Role[]; from?: readonly AssessmentStatus[]; to?: AssessmentStatus }
>;

export type Operation = keyof typeof WORKFLOW;
export type Transition = 'submit' | 'return' | 'validate';

export const isEditable = (status: AssessmentStatus): boolean =>
  (WORKFLOW.answer.from as readonly AssessmentStatus[]).includes(status);
