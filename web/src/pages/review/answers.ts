import type { Answer, Framework, Question } from '../../api.ts';
import { type Doc, evidenceView, packButton } from '../../documents.ts';
import { h } from '../../dom.ts';
import { describeValue, fromAnswer } from '../../framework.ts';
import { t } from '../../i18n.ts';

/** Beside a question: its threads and change log (the reviewer reads, replies and reopens there). */
export type Discuss = (q: Question) => HTMLElement;

/** The assessment's files: its id, country and period (the pack's name) and its documents by id. */
export interface Files {
  id: string;
  country: string;
  period: string;
  docs: Map<string, Doc>;
}

/** One question and its answer as the reviewer reads it: value, comment and evidence with its files. */
function answerItem(
  q: Question,
  answer: Answer | undefined,
  files: Files,
  message: HTMLElement,
  discuss?: Discuss,
) {
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
                evidenceView(e, files.id, e.document ? files.docs.get(e.document) : undefined, message),
              ),
            ),
          )
        : null,
      discuss?.(q),
    ),
  );
}

/**
 * The answers, one collapsible block per domain (the first open); switched-off follow-ups left
 * out. Their files open in a new tab; the evidence pack takes them all at once.
 */
export function answersPane(framework: Framework, answers: Answer[], files: Files, discuss?: Discuss) {
  const byQuestion = new Map(answers.map((x) => [x.question, x]));
  const message = h('p', { class: 'error', role: 'alert' });
  return h(
    'section',
    { class: 'pane answers', 'aria-labelledby': 'pane-answers' },
    h('h2', { id: 'pane-answers' }, t('rv.answers')),
    packButton(files.id, files),
    message,
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
              .map((q) => answerItem(q, byQuestion.get(q.key), files, message, discuss)),
          ),
        ),
      ),
    ),
  );
}
