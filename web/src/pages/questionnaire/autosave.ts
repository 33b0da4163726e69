import { type AnswerItem, ApiError, api, ok } from '../../api.ts';
import {
  blockers,
  cleanEvidence,
  type Draft,
  isAnswered,
  isEnabled,
  questionIndex,
} from '../../framework.ts';
import { t } from '../../i18n.ts';
import { blockerCount } from './mine.ts';
import { reconcile, revalidate, updateProgress } from './reconcile.ts';
import { persist, problemText, refresh, type State, session, setStatus } from './state.ts';

/* ---------- editing and autosave ---------- */

export function draftOf(s: State, key: string): Draft {
  const current = s.local.get(key);
  return current
    ? { ...current, evidence: current.evidence.map((e) => ({ ...e })) }
    : { comment: '', evidence: [] };
}

export function edit(s: State, key: string, change: (draft: Draft) => void, delay = 250): void {
  const draft = draftOf(s, key);
  change(draft);
  s.local.set(key, draft);
  s.dirty.add(key);
  persist(s);
  setStatus(s, s.conflicts.size ? 'conflict' : 'unsaved');
  refreshEnabled(s);
  refresh();
  schedule(s, delay);
}

/** Shows follow-ups that an answer switched on, hides those it switched off. */
function refreshEnabled(s: State): void {
  const index = questionIndex(s.framework);
  for (const element of document.querySelectorAll<HTMLElement>('.question')) {
    const key = element.id.slice(2);
    element.hidden = !isEnabled(s.framework, key, s.local, index);
  }
  const title = document.getElementById('blockers-title');
  if (title)
    title.textContent = t('q.blockersTitle', { count: blockerCount(s, blockers(s.framework, s.local)) });
}

export function schedule(s: State, delay: number): void {
  window.clearTimeout(s.timer);
  s.timer = window.setTimeout(() => void save(s), delay);
}

/** Saves now and waits until nothing is in flight. */
export async function flush(s: State): Promise<void> {
  window.clearTimeout(s.timer);
  await save(s);
  while (s.saving) await s.saving;
}

/** An item to send, or why it cannot be sent yet, or `null` when the answer was emptied. */
function toItem(s: State, key: string, draft: Draft): AnswerItem | string | null {
  const typo = s.typos.get(key);
  if (typo) return typo;
  const evidence = cleanEvidence(draft.evidence);
  if (evidence.some((e) => !e.title)) return t('q.ev.needTitle');
  for (const e of evidence) {
    if (e.url && !URL.canParse(e.url)) return t('q.ev.badUrl');
  }
  if (draft.value !== undefined && typeof draft.value === 'number' && !Number.isFinite(draft.value))
    return t('q.badNumber');
  // Emptied where the server holds an answer: the answer is cleared.
  if (!isAnswered(draft)) return s.base.get(key) ? null : t('q.chooseFirst');
  return {
    question: key,
    ...(draft.notApplicable ? { notApplicable: true } : { value: draft.value }),
    comment: draft.comment.trim() ? draft.comment : null,
    evidence,
  };
}

interface Batch {
  items: AnswerItem[];
  clears: string[];
  sent: Map<string, Draft>;
  invalid: boolean;
}

const showError = (key: string, text: string) => {
  const element = document.getElementById(`err-${key}`);
  if (element && element.textContent !== text) element.textContent = text;
};

/** The edits ready to send; those that cannot be sent yet show why beside their question. */
function collect(s: State): Batch {
  const batch: Batch = { items: [], clears: [], sent: new Map(), invalid: false };
  for (const key of s.dirty) {
    if (s.conflicts.has(key)) continue;
    const draft = s.local.get(key) ?? { comment: '', evidence: [] };
    const refused = s.refused.get(key);
    if (refused?.draft === draft) {
      // Refused by the server as it stands: its message stays until the person changes it.
      batch.invalid = true;
      continue;
    }
    s.refused.delete(key);
    const item = toItem(s, key, draft);
    if (typeof item === 'string') {
      batch.invalid = true;
      showError(key, item);
      continue;
    }
    showError(key, '');
    if (item) batch.items.push(item);
    else batch.clears.push(key);
    batch.sent.set(key, draft);
  }
  return batch;
}

/** What the page says when nothing is being sent: "saved" only when the server holds everything. */
function settle(s: State, invalid: boolean): void {
  if (s.conflicts.size) setStatus(s, 'conflict');
  else if (invalid || s.refused.size) setStatus(s, 'invalid');
  else if (s.dirty.size) setStatus(s, 'unsaved');
  else setStatus(s, 'saved');
}

async function save(s: State): Promise<void> {
  if (s.saving) {
    s.again = true;
    return;
  }
  const batch = collect(s);
  if (!batch.sent.size) {
    settle(s, batch.invalid);
    return;
  }
  setStatus(s, 'saving');
  s.saving = send(s, batch);
  await s.saving;
  s.saving = null;
  if (s.again) {
    s.again = false;
    await save(s);
  }
}

const path = (s: State) => ({ params: { path: { id: s.id }, header: { 'if-match': s.etag } } });

async function send(s: State, batch: Batch): Promise<void> {
  try {
    // Whether a write was merged over others' changes (mergedOver): then their answers are read again.
    let merged = false;
    if (batch.items.length) {
      const result = await ok(
        api.PUT('/v1/assessments/{id}/answers', { ...path(s), body: { answers: batch.items } }),
      );
      s.etag = result.etag || `"r${result.data.revision}"`;
      s.assessment = result.data;
      merged ||= result.data.mergedOver.length > 0;
    }
    for (const question of batch.clears) {
      const { params } = path(s);
      const result = await ok(
        api.DELETE('/v1/assessments/{id}/answers/{question}', {
          params: { ...params, path: { id: s.id, question } },
        }),
      );
      s.etag = result.etag || `"r${result.data.revision}"`;
      s.assessment = result.data;
      merged ||= result.data.mergedOver.length > 0;
    }
    s.retries = 0;
    for (const [key, draft] of batch.sent) {
      s.base.set(key, isAnswered(draft) ? draft : null);
      if (!isAnswered(draft)) s.meta.delete(key);
      // Typed again while the request was in flight: still to be saved.
      if (s.local.get(key) === draft) s.dirty.delete(key);
    }
    persist(s);
    updateProgress(s);
    settle(s, batch.invalid);
    // Others saved other questions since this page last read: the save was merged over them, so
    // their answers are read again and taken in, as after a 412.
    if (merged) await reconcile(s);
  } catch (error) {
    await failed(s, error, batch);
  }
}

/** The question a field error's path (`body.answers[3].value`) points at, in the batch sent. */
const questionOf = (path: string, items: AnswerItem[]) =>
  items[Number(/answers\[(\d+)\]/.exec(path)?.[1] ?? Number.NaN)]?.question;

async function failed(s: State, error: unknown, batch: Batch): Promise<void> {
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 412) {
    await reconcile(s);
    if (s.dirty.size > s.conflicts.size) schedule(s, 0);
    else settle(s, false);
  } else if (status === 401) {
    setStatus(s, 'unsaved');
  } else if (status === 400 && refuse(s, error as ApiError, batch)) {
    // The API takes a batch whole or not at all: the rest is sent again without what it refused.
    settle(s, true);
    schedule(s, 0);
  } else if (status === 0 || status === 408 || status === 429 || status >= 500) {
    s.retries += 1;
    const seconds = Math.min(30, 2 ** (s.retries - 1));
    setStatus(s, 'retrying', String(seconds));
    schedule(s, seconds * 1000);
  } else {
    setStatus(s, 'error', problemText(error));
    // Refused for a reason the page may not know yet (a colleague submitted): read it again.
    if (await revalidate(s)) schedule(s, 0);
  }
}

/** Keeps each refused answer with the server's message (in the person's language) beside it. */
function refuse(s: State, error: ApiError, batch: Batch): boolean {
  let found = false;
  for (const e of error.problem?.errors ?? []) {
    const key = questionOf(e.path, batch.items);
    const draft = key && batch.sent.get(key);
    if (!key || !draft) continue;
    const before = s.refused.get(key);
    s.refused.set(key, {
      draft,
      message: before?.draft === draft ? `${before.message} ${e.message}` : e.message,
    });
    showError(key, s.refused.get(key)?.message ?? '');
    found = true;
  }
  return found;
}

/** Keeps the page from being left while answers are not saved (closing, reloading, another site). */
window.addEventListener('beforeunload', (event) => {
  const s = session.state;
  if (!s?.dirty.size) return;
  event.preventDefault();
  // Older browsers ask for returnValue to show the prompt.
  event.returnValue = '';
});

/** Back to the tab: what changed meanwhile is read again (one conditional GET, no polling). */
window.addEventListener('focus', async () => {
  const s = session.state;
  if (!s || s.saving || !session.view?.root.isConnected) return;
  if (await revalidate(s)) schedule(s, 0);
});
