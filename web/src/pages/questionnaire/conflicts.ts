import type { Answer, Question } from '../../api.ts';
import { h } from '../../dom.ts';
import { type Draft, describeValue, fromAnswer, questionIndex } from '../../framework.ts';
import { formatDate, t } from '../../i18n.ts';
import { schedule } from './autosave.ts';
import { persist, refresh, type State, setStatus } from './state.ts';

/** One side of a conflict: what that version of the answer says. */
function version(heading: string, draft: Draft | null | undefined, q: Question | undefined) {
  return h(
    'div',
    { class: 'version' },
    h('h4', null, heading),
    h('p', null, h('strong', null, draft ? describeValue(q, draft, t('q.notApplicable')) : t('q.cleared'))),
    draft?.comment && h('p', null, t('q.commentShown', { comment: draft.comment })),
    draft?.evidence.length
      ? h(
          'ul',
          null,
          draft.evidence.map((e) => h('li', null, e.title || '—')),
        )
      : null,
  );
}

function conflict(s: State, key: string, theirs: Answer | null, q: Question | undefined) {
  const headingId = `conflict-${key}`;
  return h(
    'div',
    { class: 'conflict', role: 'group', 'aria-labelledby': headingId },
    h('h3', { id: headingId }, `${key} ${q?.text ?? ''}`),
    h(
      'div',
      { class: 'versions' },
      version(
        theirs
          ? t('q.theirs', { who: theirs.answeredBy, at: formatDate(theirs.answeredAt) })
          : t('q.theirsCleared'),
        fromAnswer(theirs ?? undefined),
        q,
      ),
      version(t('q.mine'), s.local.get(key), q),
    ),
    h(
      'div',
      { class: 'choices' },
      h(
        'button',
        { type: 'button', 'aria-describedby': headingId, onclick: () => resolve(s, key, 'theirs') },
        t('q.keepTheirs'),
      ),
      h(
        'button',
        { type: 'button', 'aria-describedby': headingId, onclick: () => resolve(s, key, 'mine') },
        t('q.keepMine'),
      ),
    ),
  );
}

export function conflictPanel(s: State) {
  if (!s.conflicts.size) return null;
  const index = questionIndex(s.framework);
  return h(
    'section',
    { class: 'conflicts', 'aria-labelledby': 'conflicts-title' },
    h('h2', { id: 'conflicts-title', tabindex: '-1' }, t('q.conflictsTitle', { count: s.conflicts.size })),
    h('p', null, t('q.conflictsIntro')),
    [...s.conflicts].map(([key, theirs]) => conflict(s, key, theirs, index.get(key))),
  );
}

function resolve(s: State, key: string, choice: 'mine' | 'theirs'): void {
  const theirs = s.conflicts.get(key);
  s.conflicts.delete(key);
  if (choice === 'theirs') {
    const draft = fromAnswer(theirs ?? undefined);
    if (draft) s.local.set(key, draft);
    else s.local.delete(key);
    s.dirty.delete(key);
    s.typed.delete(key);
    s.typos.delete(key);
  }
  persist(s);
  // The button pressed goes with the conflict: focus moves to what remains, or to the question.
  (document.activeElement as HTMLElement | null)?.blur();
  refresh([key]);
  const next = s.conflicts.size
    ? document.getElementById('conflicts-title')
    : document.querySelector<HTMLElement>(`[id="q-${key}"] :is(input, textarea):not([disabled])`);
  next?.focus();
  if (s.dirty.size > s.conflicts.size) schedule(s, 0);
  else if (!s.dirty.size) setStatus(s, 'saved');
  else setStatus(s, s.conflicts.size ? 'conflict' : 'unsaved');
}
