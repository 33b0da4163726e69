import { api, ok } from '../../api.ts';
import { fromAnswer, sameDraft } from '../../framework.ts';
import { formatPercent, t } from '../../i18n.ts';
import { persist, refresh, render, type State, session, setStatus } from './state.ts';

/**
 * Someone saved first (412). Their answers are read again; where they changed a question this
 * person has also changed, both versions are shown and the person chooses. Their other changes
 * are taken in. Only what others changed is redrawn: the field the person is typing in, and
 * their focus, stay as they are, and nothing says "saved" until the server holds it.
 */
export async function reconcile(s: State): Promise<void> {
  const [answers, assessment] = await Promise.all([
    ok(api.GET('/v1/assessments/{id}/answers', { params: { path: { id: s.id } } })),
    ok(api.GET('/v1/assessments/{id}', { params: { path: { id: s.id } } })),
  ]);
  s.etag = assessment.etag || `"r${assessment.data.revision}"`;
  s.assessment = assessment.data;
  const server = new Map(answers.data.answers.map((a) => [a.question, a]));
  const taken: string[] = [];
  for (const key of new Set([...server.keys(), ...s.base.keys()])) {
    const answer = server.get(key);
    const theirs = fromAnswer(answer);
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
      s.typed.delete(key);
      taken.push(key);
    }
  }
  for (const key of [...s.dirty]) {
    if (sameDraft(s.local.get(key), s.base.get(key) ?? null)) s.dirty.delete(key);
  }
  persist(s);
  refresh(taken);
  updateProgress(s);
  if (s.conflicts.size) setStatus(s, 'conflict');
}

/**
 * Keeps the page true to the server when the person comes back to it (window focus) or a save is
 * refused: one conditional GET (If-None-Match). A colleague's submission turns the page read-only;
 * others' answers are taken in as after a 412. True when there is something left to save.
 */
export async function revalidate(s: State): Promise<boolean> {
  const { data, response } = await api.GET('/v1/assessments/{id}', {
    params: { path: { id: s.id } },
    headers: { 'if-none-match': s.etag },
  });
  if (response.status === 304 || !data || session.state !== s) return false;
  const etag = response.headers.get('etag') || `"r${data.revision}"`;
  if (etag === s.etag && data.status === s.assessment.status) return false;
  if (data.status !== s.assessment.status) {
    s.assessment = data;
    s.etag = etag;
    render();
    return false;
  }
  await reconcile(s);
  return s.dirty.size > s.conflicts.size;
}

export function updateProgress(s: State): void {
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
