import type { Report } from '../api.ts';
import { h, scrollBox } from '../dom.ts';
import { formatNumber, labelled, t } from '../i18n.ts';

/**
 * The report's official 10.7.2 section (framework 2.1.0 on): per domain the official value and
 * category from the government's direct answers, each item's answer beside what the MiGOF answers
 * suggest, and every disagreement called out. The section warns; it changes no answer.
 */

type Official = Extract<NonNullable<Report['sdg1072']>, { official: true }>;

export const isOfficial = (view: Report['sdg1072']): view is Official =>
  view !== null && view !== undefined && 'official' in view;

const categoryChip = (c: Official['overall']['category']) =>
  h('span', { class: `band sdg-category-${c.code}` }, c.label);

function domainTable(domain: Official['domains'][number]): HTMLElement {
  return scrollBox(
    `${domain.number}. ${domain.title}`,
    h(
      'table',
      { class: 'sdg1072-items fits' },
      h(
        'caption',
        null,
        `${labelled(`${domain.number}. ${domain.title}`, formatNumber(domain.value))} `,
        categoryChip(domain.category),
      ),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, t('r.sdgItem')),
          h('th', { scope: 'col' }, t('r.sdgAnswer')),
          h('th', { scope: 'col' }, t('r.sdgSuggestion')),
        ),
      ),
      h(
        'tbody',
        null,
        domain.items.map((item) =>
          h(
            'tr',
            item.disagrees ? { class: 'disagrees' } : null,
            h('th', { scope: 'row' }, `${item.key.slice(6)}. ${item.text}`),
            h('td', null, item.answerLabel),
            h(
              'td',
              null,
              item.suggestionLabel,
              item.disagrees
                ? h(
                    'strong',
                    { class: 'warning' },
                    ` ${t('r.sdgDisagrees', {
                      questions: item.questions
                        .filter((q) => q.suggests !== null)
                        .map((q) => q.question)
                        .join(', '),
                    })}`,
                  )
                : null,
            ),
          ),
        ),
      ),
    ),
  );
}

export function officialSdg1072Section(view: Official, heading: (text: string) => HTMLElement): HTMLElement {
  return h(
    'section',
    { class: 'sdg1072' },
    heading(t('r.sdg1072Official')),
    h(
      'p',
      null,
      t('r.sdg1072OfficialOverall', {
        value: formatNumber(view.overall.value),
        category: view.overall.category.label,
        answered: view.answered,
      }),
    ),
    h(
      'p',
      { class: 'hint' },
      view.disagreements.length === 0
        ? t('r.sdgNoDisagreement')
        : t('r.sdgDisagreements', { count: view.disagreements.length }),
    ),
    ...view.domains.map(domainTable),
    h('p', { class: 'meta' }, view.source),
  );
}
