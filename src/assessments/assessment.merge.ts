import type { PublishedFramework } from '../framework/framework.service.ts';
import { AppError, message } from '../lib/errors.ts';
import { checkIfMatch, etagFor } from '../lib/etag.ts';
import type { HistoryQueries } from './history.repository.ts';

/**
 * Merging answer writes made against an older revision. Contributors of several ministries edit
 * one assessment at once; a write whose If-Match names an older revision is applied when none
 * of the questions it touches changed since that revision (nor a question one of them follows
 * up, nor a follow-up of one of them), and its answer names what others changed meanwhile
 * (`mergedOver`) so the client refreshes those. Otherwise 412, with both versions.
 */

/** A question another write changed since the writer's revision, and the revision it reached. */
export interface MergedOver {
  question: string;
  revision: number;
}

/** Events that change an answer; any other kind of event between leaves the merge to them. */
const ANSWER_EVENTS = new Set(['answer_set', 'answer_cleared']);
/** A state change since the writer's revision is never merged over: their view of the workflow is stale. */
const STATE_EVENTS = new Set(['created', 'submitted', 'returned', 'validated']);

/** The revision an If-Match names (`"r12"`), or null when it names none this service issued. */
function namedRevision(header: string): number | null {
  const revisions = header
    .split(',')
    .map((t) => /^"r(\d{1,15})"$/.exec(t.trim())?.[1])
    .filter((r): r is string => r !== undefined)
    .map(Number);
  return revisions.length ? Math.max(...revisions) : null;
}

export interface Conflict {
  question: string;
  /** The revision at which another write last changed it (or what it depends on). */
  revision: number;
  /** Why: the same question, or a question it follows up or that follows it up (enableWhen). */
  reason: 'same_question' | 'follow_up';
}

/** The questions linked to `key` by enableWhen, in either direction. */
function followUps(framework: PublishedFramework, key: string): string[] {
  const linked: string[] = [];
  const parent = framework.questions.get(key)?.enableWhen?.question;
  if (parent) linked.push(parent);
  for (const q of framework.questions.values()) if (q.enableWhen?.question === key) linked.push(q.key);
  return linked;
}

/**
 * Checks an answer write's If-Match against the current revision. Current (or absent, or `*`):
 * nothing merged. Older: the questions changed since, or 412 (`stale`) when a touched question
 * conflicts, when the assessment changed state since, or when the tag names no revision of ours.
 */
export function mergeBase(
  repository: Pick<HistoryQueries, 'changesSince'>,
  framework: PublishedFramework,
  row: { id: string; revision: number },
  ifMatch: string | undefined,
  touched: readonly string[],
  conflictDetail: (conflicts: Conflict[]) => Record<string, unknown>,
): MergedOver[] {
  if (ifMatch === undefined || ifMatch.trim() === '') return [];
  const base = namedRevision(ifMatch);
  if (base === null || base >= row.revision || ifMatch.split(',').some((t) => t.trim() === '*')) {
    checkIfMatch(ifMatch, row.revision, false);
    return [];
  }
  const changed = new Map<string, number>();
  for (const e of repository.changesSince(row.id, base)) {
    if (STATE_EVENTS.has(e.type)) checkIfMatch(ifMatch, row.revision, false);
    if (ANSWER_EVENTS.has(e.type) && e.question && !changed.has(e.question))
      changed.set(e.question, e.revision);
  }
  const conflicts: Conflict[] = [];
  for (const question of touched) {
    const same = changed.get(question);
    if (same !== undefined) {
      conflicts.push({ question, revision: same, reason: 'same_question' });
      continue;
    }
    const linked = followUps(framework, question).find((q) => changed.has(q));
    if (linked) conflicts.push({ question, revision: changed.get(linked) as number, reason: 'follow_up' });
  }
  if (conflicts.length) {
    const current = etagFor(row.revision);
    throw new AppError(
      'precondition_failed',
      message('consultation.staleConflict', {
        current,
        questions: conflicts.map((c) => c.question).join(', '),
      }),
      { currentEtag: current, ...conflictDetail(conflicts) },
    );
  }
  return [...changed].map(([question, revision]) => ({ question, revision })).reverse();
}
