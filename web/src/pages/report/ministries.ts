import type { Report } from '../../api.ts';
import { h } from '../../dom.ts';
import { t } from '../../i18n.ts';
import type { Heading } from './parts.ts';

/* The ministries consulted on the assessment, and the questions whose current answer each gave. */

export function ministriesSection(report: Report, hx: Heading): HTMLElement | null {
  const ministries = report.ministries ?? [];
  if (!ministries.length) return null;
  return h(
    'section',
    { class: 'ministries' },
    hx(t('r.ministries')),
    h(
      'ul',
      null,
      ministries.map((m) =>
        h(
          'li',
          null,
          h('strong', null, `${m.code} · ${m.name}`),
          ' ',
          t('r.ministryAnswered', { count: m.answers, questions: m.questions.join(', ') }),
        ),
      ),
    ),
  );
}

/** Each consulted ministry's code by id: the history names the ministry of a contributor's change. */
export const ministryCodes = (report: Report): ReadonlyMap<string, string> =>
  new Map((report.ministries ?? []).map((m) => [m.ministryId, m.code]));
