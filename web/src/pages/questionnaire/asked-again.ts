import { h } from '../../dom.ts';
import { t } from '../../i18n.ts';
import type { State } from './state.ts';

/**
 * For an assessment opened from the previous validated round (copyFrom): the answers that were not
 * carried over because their question changed, each with the reason and a link to its domain, so
 * the person knows what to answer again. Nothing when everything was copied.
 */
export function askedAgainNotice(s: State): HTMLElement | null {
  const list = s.assessment.askedAgain ?? [];
  if (list.length === 0) return null;
  return h(
    'details',
    { class: 'notice asked-again' },
    h('summary', null, t('q.askedAgain', { count: list.length })),
    h(
      'ul',
      null,
      list.map(({ question, reason }) => {
        const domain = question.startsWith('S1072') ? 'S1072' : question.split('.')[0];
        return h(
          'li',
          null,
          h('a', { href: `#/a/${s.id}/d/${domain}` }, question),
          ` ${t(`q.askedAgainReason.${reason}`)}`,
        );
      }),
    ),
  );
}
