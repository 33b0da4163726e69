import { api, ok } from '../../api.ts';
import type { Context } from '../../context.ts';
import { type Draft, fromAnswer, loadFramework, sameDraft } from '../../framework.ts';
import { schedule } from './autosave.ts';
import { assignmentsRequest, loadMine } from './mine.ts';
import { editable, type State, session, storageKey } from './state.ts';
import { loadThreadCounts, threadCountsRequest } from './threads.ts';
import { loadFiles } from './uploads.ts';

/* Loading the questionnaire's state: the requests of the page, and work kept from before a sign-in. */

/**
 * The page's requests: everything that needs only the id goes at once, the questionnaire's tree
 * as soon as the assessment names it (two round trips on a slow line, not four).
 */
async function fetchState(context: Context, id: string) {
  const answersRequest = ok(api.GET('/v1/assessments/{id}/answers', { params: { path: { id } } }));
  const threads = threadCountsRequest(id);
  const assignments = assignmentsRequest(context, id);
  const files = loadFiles(id);
  // Read after the tree arrives; a failure here must not surface before (or instead of) that.
  answersRequest.catch(() => undefined);
  const assessment = await ok(api.GET('/v1/assessments/{id}', { params: { path: { id } } }));
  const [framework, answers, docs] = await Promise.all([
    loadFramework(assessment.data.framework.key, assessment.data.framework.version),
    answersRequest,
    files,
  ]);
  const s: State = {
    id,
    assessment: assessment.data,
    etag: answers.etag || `"r${answers.data.revision}"`,
    framework,
    local: new Map(),
    base: new Map(),
    meta: new Map(),
    dirty: new Set(),
    conflicts: new Map(),
    saving: null,
    again: false,
    timer: undefined,
    status: 'saved',
    error: '',
    missing: null,
    refused: new Map(),
    typos: new Map(),
    typed: new Map(),
    retries: 0,
    ...docs,
  };
  for (const answer of answers.data.answers) {
    const draft = fromAnswer(answer) as Draft;
    s.local.set(answer.question, draft);
    s.base.set(answer.question, draft);
    s.meta.set(answer.question, answer);
  }
  return { s, threads, assignments };
}

/** Work typed before a sign-in: restored, and checked against what others saved meanwhile. */
function restoreUnsaved(s: State, stored: string): void {
  const saved = JSON.parse(stored) as { items: Record<string, Draft>; base: Record<string, Draft | null> };
  for (const [key, draft] of Object.entries(saved.items)) {
    const server = s.base.get(key) ?? null;
    s.local.set(key, draft);
    s.dirty.add(key);
    if (!sameDraft(server, saved.base[key] ?? null)) s.conflicts.set(key, s.meta.get(key) ?? null);
  }
  s.status = 'unsaved';
}

/** The page's state for an assessment: kept from before (same id), or read from the server. */
export async function load(context: Context, id: string): Promise<State> {
  const state = session.state;
  if (state?.id === id) {
    // The language may have changed: the tree is fetched again in it (cached per language).
    state.framework = await loadFramework(state.assessment.framework.key, state.assessment.framework.version);
    // Back after signing in again: what could not be saved then is saved now.
    if (state.dirty.size > state.conflicts.size) schedule(state, 0);
    return state;
  }
  const { s, threads, assignments } = await fetchState(context, id);
  await Promise.all([loadMine(context, s, assignments), loadThreadCounts(s, threads)]);
  const stored = sessionStorage.getItem(storageKey(id));
  if (stored && editable(context, s.assessment)) restoreUnsaved(s, stored);
  session.state = s;
  if (s.dirty.size > s.conflicts.size) schedule(s, 0);
  return s;
}
