import type { Question, Schemas } from '../../api.ts';
import { h } from '../../dom.ts';
import { type Draft, describeValue } from '../../framework.ts';
import { formatDate, t } from '../../i18n.ts';

/* A question's change log: who changed what, when, and from what to what. */

type Change = Schemas['HistoryEvent'];

function state(q: Question, value: Change['before'] | Change['after']): string {
  if (!value || !('notApplicable' in value)) return '—';
  const draft: Draft = {
    ...(value.value === null ? {} : { value: value.value }),
    notApplicable: value.notApplicable,
    comment: value.comment ?? '',
    evidence: value.evidence,
  };
  return describeValue(q, draft, t('q.notApplicable'));
}

function what(q: Question, change: Change): string {
  switch (change.type) {
    case 'answer_set':
      return t('ch.set', { before: state(q, change.before), after: state(q, change.after) });
    case 'answer_cleared':
      return t('ch.cleared', { before: state(q, change.before) });
    case 'comment_added':
      return t('ch.comment');
    case 'thread_resolved':
      return t('ch.resolved');
    case 'thread_reopened':
      return t('ch.reopened');
    default:
      return change.type;
  }
}

export function changesList(q: Question, changes: Change[], level: 'h3' | 'h4' = 'h4'): HTMLElement {
  return h(
    'div',
    null,
    h(level, { tabindex: -1 }, t('ch.title', { question: q.key })),
    changes.length
      ? h(
          'ol',
          { class: 'changes' },
          changes.map((c) => h('li', null, `${formatDate(c.at)} · ${c.actor} · ${what(q, c)}`)),
        )
      : h('p', null, t('ch.none')),
  );
}
