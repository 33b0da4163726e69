import { type Answer, ApiError, type Assessment, type Framework, type Problem } from '../../api.ts';
import type { Context } from '../../context.ts';
import type { Doc } from '../../documents.ts';
import type { Draft } from '../../framework.ts';
import { labelled, t } from '../../i18n.ts';
import type { ThreadCount } from './threads.ts';

/** Everything the page knows about one assessment; kept while the person moves between domains. */
export interface State {
  id: string;
  assessment: Assessment;
  etag: string;
  framework: Framework;
  /** The answers as the person sees them, saved or not. */
  local: Map<string, Draft>;
  /** The server's version of each question as last seen: the base for spotting others' edits. */
  base: Map<string, Draft | null>;
  /** Who last saved each question, as last seen. */
  meta: Map<string, Answer>;
  dirty: Set<string>;
  conflicts: Map<string, Answer | null>;
  saving: Promise<void> | null;
  again: boolean;
  timer: number | undefined;
  /** Answers the server refused, with its message, until the person changes them. */
  refused: Map<string, { draft: Draft; message: string }>;
  /** Numbers typed in a form this language cannot read for sure, with the message shown. */
  typos: Map<string, string>;
  /** Numbers as typed (what the field shows when it is drawn again). */
  typed: Map<string, string>;
  /** The assessment's documents by id, and the per-file limit (null until read). */
  docs: Map<string, Doc>;
  fileLimit: number | null;
  /** Failed saves in a row (network, 5xx): the next try waits longer. */
  retries: number;
  status: 'saved' | 'saving' | 'unsaved' | 'error' | 'invalid' | 'conflict' | 'retrying';
  error: string;
  missing: Problem['missing'] | null;
  /** The assigned ministries not ready when the server refused the submission. */
  notReady?: { code: string }[] | null;
  /** For a contributor: the questions assigned to their ministry (the only ones they may change). */
  mine?: Set<string>;
  /** For a contributor: whether only their questions are shown. */
  onlyMine?: boolean;
  /** For the focal point: each ministry with a part, its questions and its sign-off as loaded. */
  signoffs?: Signoff[];
  /** Per question with comments: threads, open ones, and the comments the person has not read. */
  threadCounts?: Map<string, ThreadCount>;
}

export interface Signoff {
  code: string;
  name: string;
  questions: Set<string>;
  ready: { at: string } | null;
}

/** The page's one assessment and the view it is drawn in, shared by the page's parts. */
export const session: {
  state: State | null;
  view: { context: Context; domain: string; root: HTMLElement } | null;
} = { state: null, view: null };

/**
 * Saving, conflicts and submission redraw the page, and the page draws their controls: the page
 * shell registers its render here so that those parts need not import it back.
 */
let redraw: () => void = () => {};
let redrawParts: (keys: Iterable<string>) => void = () => {};
export const setRender = (render: () => void, refresh: (keys: Iterable<string>) => void) => {
  redraw = render;
  redrawParts = refresh;
};
export const render = (): void => redraw();
/**
 * Redraws in place what others' changes touched (those questions, the conflict panel, the
 * blockers) and nothing the person is typing in: their focus and keystrokes stay where they are.
 */
export const refresh = (keys: Iterable<string> = []): void => redrawParts(keys);

export const storageKey = (id: string) => `migov.unsaved.${id}`;
export const editable = (context: Context, assessment: Assessment) =>
  (context.me.role === 'focal_point' || context.me.role === 'admin' || context.me.role === 'contributor') &&
  (assessment.status === 'draft' || assessment.status === 'returned');

/** Keeps typed but unsaved answers in this tab, so a sign-in in between loses nothing. */
export function persist(s: State): void {
  if (!s.dirty.size) {
    sessionStorage.removeItem(storageKey(s.id));
    return;
  }
  const items: Record<string, Draft> = {};
  const base: Record<string, Draft | null> = {};
  for (const key of s.dirty) {
    items[key] = s.local.get(key) as Draft;
    base[key] = s.base.get(key) ?? null;
  }
  sessionStorage.setItem(storageKey(s.id), JSON.stringify({ items, base }));
}

export function saveText(s: State): string {
  if (s.status === 'saving') return t('q.saving');
  if (s.status === 'unsaved') return t('q.unsaved');
  if (s.status === 'invalid') return t('q.invalid');
  if (s.status === 'error') return t('q.saveError', { error: s.error });
  if (s.status === 'conflict') return t('q.statusConflict');
  if (s.status === 'retrying') return t('q.retrying', { seconds: s.error });
  return t('q.saved');
}

export function setStatus(s: State, status: State['status'], error = ''): void {
  s.status = status;
  s.error = error;
  const element = document.getElementById('save-status');
  if (element) {
    element.textContent = saveText(s);
    element.className = `save save-${status}`;
  }
}

export const problemText = (error: unknown) =>
  error instanceof ApiError && error.problem
    ? labelled(error.problem.title, error.problem.detail ?? '')
    : String((error as Error).message ?? error);
