import { h, scrollBox } from '../../dom.ts';
import { t } from '../../i18n.ts';
import type { Board } from './board.ts';

/* The questions under discussion: threads, open ones and what the person has not read yet, each a link. */

function placeOf(b: Board, key: string): { domain: string; text: string } {
  for (const d of b.framework.domains)
    for (const s of d.subdomains) {
      const q = s.questions.find((x) => x.key === key);
      if (q) return { domain: d.key, text: q.text };
    }
  return { domain: '', text: '' };
}

export function discussionsSection(b: Board): HTMLElement | null {
  const summary = b.threads;
  if (!summary) return null;
  const head = [t('cons.question'), t('cons.openThreads'), t('cons.comments'), t('cons.unread')];
  const table = h(
    'table',
    null,
    h('caption', { class: 'sr-only' }, t('cons.discussions')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        head.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      summary.questions.map((q) => {
        const place = placeOf(b, q.question);
        return h(
          'tr',
          { class: q.unread ? 'unread' : null },
          h(
            'th',
            { scope: 'row' },
            h('a', { href: `#/a/${b.id}/d/${place.domain}/q/${q.question}` }, `${q.question} ${place.text}`),
          ),
          h('td', null, t('cons.openOf', { open: q.open, threads: q.threads })),
          h('td', null, String(q.comments)),
          h('td', null, q.unread ? h('strong', null, String(q.unread)) : '0'),
        );
      }),
    ),
  );
  return h(
    'section',
    { id: 'discussions' },
    h('h2', { id: 'discussions-h', tabindex: -1 }, t('cons.discussions')),
    h('p', null, t('cons.unreadTotal', { count: summary.unread })),
    summary.questions.length
      ? scrollBox(t('cons.discussions'), table)
      : h('p', null, t('cons.noDiscussions')),
  );
}
