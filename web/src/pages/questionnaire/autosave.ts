import { type AnswerItem, ApiError, api, ok } from '../../api.ts';
import {
  blockers,
  cleanEvidence,
  type Draft,
  fromAnswer,
  isAnswered,
  isEnabled,
  questionIndex,
  sameDraft,
} from '../../framework.ts';
import { formatPercent, t } from '../../i18n.ts';
import { persist, problemText, render, type State, session, setStatus } from './state.ts';

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
  setStatus(s, 'unsaved');
  refreshEnabled(s);
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
  if (title) title.textContent = t('q.blockersTitle', { count: blockers(s.framework, s.local).length });
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

function toItem(key: string, draft: Draft): AnswerItem | string {
  const evidence = cleanEvidence(draft.evidence);
  if (evidence.some((e) => !e.title)) return t('q.ev.needTitle');
  for (const e of evidence) {
    if (e.url && !URL.canParse(e.url)) return t('q.ev.badUrl');
  }
  if (draft.value !== undefined && typeof draft.value === 'number' && !Number.isFinite(draft.value))
    return t('q.badNumber');
  if (!isAnswered(draft)) return t('q.chooseFirst');
  return {
    question: key,
    ...(draft.notApplicable ? { notApplicable: true } : { value: draft.value }),
    comment: draft.comment.trim() ? draft.comment : null,
    evidence,
  };
}

interface Batch {
  items: AnswerItem[];
  sent: Map<string, Draft>;
  invalid: boolean;
}

/** The edits ready to send; those that cannot be sent yet show why beside their question. */
function collect(s: State): Batch {
  const batch: Batch = { items: [], sent: new Map(), invalid: false };
  for (const key of s.dirty) {
    if (s.conflicts.has(key)) continue;
    const draft = s.local.get(key) as Draft;
    const item = toItem(key, draft);
    const error = document.getElementById(`err-${key}`);
    if (typeof item === 'string') {
      batch.invalid = true;
      if (error && error.textContent !== item) error.textContent = item;
      continue;
    }
    if (error?.textContent) error.textContent = '';
    batch.items.push(item);
    batch.sent.set(key, draft);
  }
  return batch;
}

async function save(s: State): Promise<void> {
  if (s.saving) {
    s.again = true;
    return;
  }
  const batch = collect(s);
  if (!batch.items.length) {
    if (batch.invalid) setStatus(s, 'invalid');
    else if (!s.dirty.size) setStatus(s, 'saved');
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

async function send(s: State, { items, sent, invalid }: Batch): Promise<void> {
  try {
    const result = await ok(
      api.PUT('/v1/assessments/{id}/answers', {
        params: { path: { id: s.id }, header: { 'if-match': s.etag } },
        body: { answers: items },
      }),
    );
    s.etag = result.etag || `"r${result.data.revision}"`;
    s.assessment = result.data;
    for (const [key, draft] of sent) {
      s.base.set(key, draft);
      // Typed again while the request was in flight: still to be saved.
      if (s.local.get(key) === draft) s.dirty.delete(key);
    }
    persist(s);
    updateProgress(s);
    setStatus(s, s.dirty.size ? (invalid ? 'invalid' : 'unsaved') : 'saved');
  } catch (error) {
    await failed(s, error, items);
  }
}

async function failed(s: State, error: unknown, items: AnswerItem[]): Promise<void> {
  if (error instanceof ApiError && error.status === 412) {
    await reconcile(s);
  } else if (error instanceof ApiError && error.status === 401) {
    setStatus(s, 'unsaved');
  } else if (error instanceof ApiError && error.status === 400 && error.problem?.errors) {
    for (const e of error.problem.errors) {
      const key = items[Number(/answers\.(\d+)/.exec(e.path)?.[1])]?.question;
      const element = key && document.getElementById(`err-${key}`);
      if (element) element.textContent = e.message;
    }
    setStatus(s, 'error', problemText(error));
  } else {
    setStatus(s, 'error', problemText(error));
  }
}

function updateProgress(s: State): void {
  if (!session.view) return;
  const progress = new Map(s.assessment.progress.domains.map((p) => [p.key, p]));
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.domains a')) {
    const key = link.querySelector('.dkey')?.textContent ?? '';
    const p = progress.get(key);
    const target = link.querySelector('.dprogress');
    if (p && target) target.textContent = t('q.domainProgress', { answered: p.answered, enabled: p.enabled });
  }
  const overall = document.querySelector('.side .overall');
  if (overall)
    overall.textContent = t('q.overall', {
      answered: s.assessment.progress.answered,
      enabled: s.assessment.progress.enabled,
      coverage: formatPercent(s.assessment.progress.coverage),
    });
}

/**
 * Someone saved first (412). Their answers are read again; where they changed a question this
 * person has also changed, both versions are shown and the person chooses. Their other changes
 * are taken in, and this person's other edits are saved on top of the new revision.
 */
async function reconcile(s: State): Promise<void> {
  const [answers, assessment] = await Promise.all([
    ok(api.GET('/v1/assessments/{id}/answers', { params: { path: { id: s.id } } })),
    ok(api.GET('/v1/assessments/{id}', { params: { path: { id: s.id } } })),
  ]);
  s.etag = assessment.etag || `"r${assessment.data.revision}"`;
  s.assessment = assessment.data;
  const server = new Map(answers.data.answers.map((a) => [a.question, a]));
  const keys = new Set([...server.keys(), ...s.base.keys()]);
  for (const key of keys) {
    const theirs = fromAnswer(server.get(key));
    const answer = server.get(key);
    if (answer) s.meta.set(key, answer);
    if (s.dirty.has(key)) {
      if (!sameDraft(theirs, s.base.get(key) ?? null) && !sameDraft(theirs, s.local.get(key))) {
        s.conflicts.set(key, answer ?? null);
      }
      s.base.set(key, theirs);
    } else if (!sameDraft(theirs, s.base.get(key) ?? null)) {
      if (theirs) s.local.set(key, theirs);
      else s.local.delete(key);
      s.base.set(key, theirs);
    }
  }
  for (const key of [...s.dirty]) {
    if (sameDraft(s.local.get(key), s.base.get(key) ?? null)) s.dirty.delete(key);
  }
  persist(s);
  render();
  if (s.conflicts.size) {
    setStatus(s, 'unsaved');
    document.getElementById('conflicts-title')?.focus();
  }
  if (s.dirty.size > s.conflicts.size) schedule(s, 0);
}
