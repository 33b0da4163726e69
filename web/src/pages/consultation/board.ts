import { ApiError, type Assessment, type Framework, type Schemas } from '../../api.ts';
import type { Context } from '../../context.ts';
import { h } from '../../dom.ts';
import { labelled } from '../../i18n.ts';

/* What the consultation board's parts share: the loaded data and how a refusal is shown. */

export type Ministry = Schemas['Ministry'];
export type Assignments = Schemas['Assignments'];
export type ThreadSummary = Schemas['ThreadSummary'];
export type MinistryAudit = Schemas['MinistryAudit'];

export interface Board {
  context: Context;
  id: string;
  assessment: Assessment;
  framework: Framework;
  ministries: Ministry[];
  assignments: Assignments;
  etag: string;
  /** The threads per question with the person's unread counts; null when they could not be read. */
  threads: ThreadSummary | null;
  /** The audit log of the country's ministries (focal points and admins only), else null. */
  audit: MinistryAudit | null;
  /** Loads everything again and draws the board (after a change). */
  reload: (focus?: string) => Promise<void>;
}

export const canManage = (b: Board) =>
  (b.context.me.role === 'focal_point' || b.context.me.role === 'admin') &&
  b.assessment.status !== 'validated';

/** The message of a refused call, as the API worded it. */
export const problemText = (error: unknown) =>
  error instanceof ApiError && error.problem
    ? labelled(error.problem.title, error.problem.detail ?? '')
    : (error as Error).message;

export const errorLine = (box: HTMLElement, error: unknown) =>
  box.replaceChildren(h('p', { class: 'error', role: 'alert' }, problemText(error)));

export const ministryLabel = (m: Pick<Ministry, 'code' | 'name'>) => `${m.code} · ${m.name}`;
