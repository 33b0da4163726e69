import { api, type Framework, ok } from '../../api.ts';
import type { Context } from '../../context.ts';
import { h } from '../../dom.ts';
import type { Blocker } from '../../framework.ts';
import { t } from '../../i18n.ts';
import { editable, render, type State } from './state.ts';

/* A contributor's view: the questions assigned to their ministry are theirs to answer, the rest read-only. */

type Assignment = { scope: string; lead: string; contributors: string[] };

/** The questions of the framework assigned to a ministry: a question's own assignment wins over its sub-domain's. */
export function assignedTo(framework: Framework, assignments: Assignment[], ministryId: string): Set<string> {
  const byScope = new Map(assignments.map((a) => [a.scope, a]));
  const mine = new Set<string>();
  for (const d of framework.domains)
    for (const sub of d.subdomains)
      for (const q of sub.questions) {
        const a = byScope.get(q.key) ?? byScope.get(sub.key);
        if (a && (a.lead === ministryId || a.contributors.includes(ministryId))) mine.add(q.key);
      }
  return mine;
}

/**
 * The request for an assessment's assignments, for the roles that use them (started with the
 * page's other requests, not after them: one round trip less on a slow line); null for the others.
 */
export function assignmentsRequest(context: Context, id: string) {
  const role = context.me.role;
  if (role !== 'contributor' && role !== 'focal_point' && role !== 'admin') return null;
  return api.GET('/v1/assessments/{id}/assignments', { params: { path: { id } } });
}

/**
 * One more call, the assessment's assignments: for a contributor, which questions are theirs; for
 * the focal point, which ministries have a part and whether each has signed it off.
 */
export async function loadMine(
  context: Context,
  s: State,
  request: ReturnType<typeof assignmentsRequest> = assignmentsRequest(context, s.id),
): Promise<void> {
  const manages =
    (context.me.role === 'focal_point' || context.me.role === 'admin') && editable(context, s.assessment);
  const contributor = context.me.role === 'contributor';
  if (!request || (!contributor && !manages)) return;
  const { data } = await ok(request);
  if (!contributor) {
    s.signoffs = data.ministries
      .filter((p) => p.assigned > 0)
      .map((p) => ({
        code: p.code,
        name: p.name,
        questions: assignedTo(s.framework, data.assignments, p.ministryId),
        ready: p.ready,
      }));
    return;
  }
  s.mine = assignedTo(s.framework, data.assignments, context.me.ministryId ?? '');
  s.onlyMine ??= true;
}

/**
 * The ministries whose part is not ready: never marked, or one of its questions changed since (the
 * server withdraws the sign-off then), so the list of what blocks submission names them too.
 */
export function ministriesNotReady(s: State): { code: string; name: string }[] {
  const changedSince = (key: string, at: string) => {
    const answer = s.meta.get(key);
    return s.dirty.has(key) || (answer !== undefined && answer.answeredAt > at);
  };
  return (s.signoffs ?? []).filter(
    (m) => !m.ready || [...m.questions].some((key) => changedSince(key, (m.ready as { at: string }).at)),
  );
}

/** Whether this question may be changed here (a contributor: only their ministry's). */
export const mayEdit = (s: State, canEdit: boolean, key: string) => canEdit && (!s.mine || s.mine.has(key));

/** Whether the question is shown (a contributor may keep to their own questions). */
export const shown = (s: State, key: string) => !s.mine || !s.onlyMine || s.mine.has(key);

/** The contributor's bar: how many questions are theirs, where they are, and the "my questions" filter. */
export function mineBar(context: Context, s: State): HTMLElement | null {
  const mine = s.mine;
  if (!mine) return null;
  const places = s.framework.domains.flatMap((d) =>
    d.subdomains
      .filter((sub) => sub.questions.some((q) => mine.has(q.key)))
      .map((sub) => h('li', null, h('a', { href: `#/a/${s.id}/d/${d.key}` }, `${sub.key} ${sub.title}`))),
  );
  const toggle = h('input', {
    type: 'checkbox',
    id: 'only-mine',
    checked: Boolean(s.onlyMine),
    onchange: (event: Event) => {
      s.onlyMine = (event.target as HTMLInputElement).checked;
      render();
      document.getElementById('only-mine')?.focus();
    },
  });
  return h(
    'div',
    { class: 'notice mine' },
    h('p', null, t('q.myQuestions', { ministry: context.me.ministry ?? '', count: mine.size })),
    places.length > 0 && h('ul', null, places),
    h('p', { class: 'check' }, toggle, h('label', { for: 'only-mine' }, t('q.onlyMine'))),
  );
}

/** How many things block submission: questions, and ministries whose part is not ready. */
export const blockerCount = (s: State, list: Blocker[]) => list.length + ministriesNotReady(s).length;
