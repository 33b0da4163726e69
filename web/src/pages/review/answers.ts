import type { Answer, Framework, Question } from '../../api.ts';
import { h } from '../../dom.ts';
import { describeValue, fromAnswer } from '../../framework.ts';
import { t } from '../../i18n.ts';

/** Beside a question: its threads and change log (the reviewer reads, replies and reopens there). */
export type Discuss = (q: Question) => HTMLElement;

/** One question and its answer as the reviewer reads it: value, comment and evidence. */
function answerItem(q: Question, answer: Answer | undefined, discuss?: Discuss) {
  const draft = fromAnswer(answer);
  return h(
    'div',
    { class: 'qa' },
    h('dt', null, `${q.key} ${q.text}`),
    h(
      'dd',
      null,
      h('strong', null, describeValue(q, draft, t('q.notApplicable'))),
      draft?.comment && h('span', { class: 'comment' }, ` — ${draft.comment}`),
      draft?.evidence.length
        ? h(
            'ul',
            null,
            draft.evidence.map((e) =>
              h(
                'li',
                null,
                e.url
                  ? h('a', { href: e.url, rel: 'noopener noreferrer', target: '_blank' }, e.title)
                  : e.title,
                e.citation ? ` (${e.citation})` : '',
              ),
            ),
          )
        : null,
      discuss?.(q),
    ),
  );
}

/** The answers, one collapsible block per domain (the first open); switched-off follow-ups left out. */
export function answersPane(framework: Framework, answers: Answer[], discuss?: Discuss) {
  const byQuestion = new Map(answers.map((x) => [x.question, x]));
  return h(
    'section',
    { class: 'pane answers', 'aria-labelledby': 'pane-answers' },
    h('h2', { id: 'pane-answers' }, t('rv.answers')),
    framework.domains.map((d) =>
      h(
        'details',
        { open: d === framework.domains[0] },
        h('summary', null, `${d.key} ${d.title}`),
        h(
          'dl',
          null,
          d.subdomains.flatMap((sd) =>
            sd.questions
              .filter((q) => byQuestion.get(q.key)?.enabled !== false)
              .map((q) => answerItem(q, byQuestion.get(q.key), discuss)),
          ),
        ),
      ),
    ),
  );
}
