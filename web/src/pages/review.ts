import { ApiError, api, ok } from '../api.ts';
import type { Context } from '../context.ts';
import { clear, h } from '../dom.ts';
import { describeValue, fromAnswer, loadFramework } from '../framework.ts';
import { t } from '../i18n.ts';
import { statusLabel } from './home.ts';
import { forgetQuestionnaire } from './questionnaire.ts';
import { reportSections } from './report/sections.ts';
import { loadReport } from './report.ts';

/** The reviewer's desk: the report beside the answers, then return with a reason or validate. */
export async function reviewPage(context: Context, id: string): Promise<void> {
  const assessment = await ok(api.GET('/v1/assessments/{id}', { params: { path: { id } } }));
  const [framework, answers, { report, chart }] = await Promise.all([
    loadFramework(assessment.data.framework.key, assessment.data.framework.version),
    ok(api.GET('/v1/assessments/{id}/answers', { params: { path: { id } } })),
    loadReport(id),
  ]);
  if (!context.current()) return;
  const a = assessment.data;
  const byQuestion = new Map(answers.data.answers.map((x) => [x.question, x]));
  const message = h('div', { role: 'alert', id: 'review-message' });
  // Not `required`: the browser's own bubble would stop the form before our message, in our language.
  const reason = h('textarea', { id: 'return-reason', rows: 3, 'aria-required': 'true', maxlength: 4000 });
  const canDecide =
    a.status === 'submitted' && (context.me.role === 'reviewer' || context.me.role === 'admin');

  const act = async (action: 'return' | 'validate') => {
    message.replaceChildren();
    try {
      const options = { params: { path: { id }, header: { 'if-match': assessment.etag } } };
      if (action === 'return') {
        if (!reason.value.trim()) {
          message.append(h('p', { class: 'error' }, t('rv.reasonRequired')));
          reason.focus();
          return;
        }
        await ok(
          api.POST('/v1/assessments/{id}/return', { ...options, body: { reason: reason.value.trim() } }),
        );
      } else {
        await ok(api.POST('/v1/assessments/{id}/validate', { ...options, body: {} }));
      }
      forgetQuestionnaire();
      sessionStorage.setItem(
        'migov.flash',
        t(action === 'return' ? 'rv.returnedDone' : 'rv.validatedDone', {
          country: a.country,
          period: a.period,
        }),
      );
      location.hash = action === 'return' ? '#/' : `#/a/${id}/report`;
    } catch (error) {
      message.append(
        h(
          'p',
          { class: 'error' },
          error instanceof ApiError && error.problem
            ? `${error.problem.title}: ${error.problem.detail}`
            : (error as Error).message,
        ),
      );
    }
  };

  clear(
    context.main,
    context.title(t('rv.title', { country: report.countryName ?? a.country, period: a.period })),
    h('p', { class: 'meta' }, statusLabel(a.status)),
    canDecide &&
      h(
        'section',
        { class: 'card decide', 'aria-labelledby': 'decide-title' },
        h('h2', { id: 'decide-title' }, t('rv.decide')),
        h(
          'form',
          {
            onsubmit: (event: Event) => {
              event.preventDefault();
              void act('return');
            },
          },
          h('label', { for: 'return-reason' }, t('rv.reason')),
          reason,
          h(
            'div',
            { class: 'choices' },
            h('button', { type: 'submit', class: 'secondary', id: 'return' }, t('rv.return')),
            h(
              'button',
              { type: 'button', id: 'validate', onclick: () => void act('validate') },
              t('rv.validate'),
            ),
          ),
        ),
        message,
      ),
    h(
      'div',
      { class: 'side-by-side' },
      h(
        'section',
        { class: 'pane', 'aria-labelledby': 'pane-report' },
        h('h2', { id: 'pane-report' }, t('rv.report')),
        ...reportSections(report, chart, 3),
      ),
      h(
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
                  .map((q) => {
                    const answer = byQuestion.get(q.key);
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
                                    ? h(
                                        'a',
                                        { href: e.url, rel: 'noopener noreferrer', target: '_blank' },
                                        e.title,
                                      )
                                    : e.title,
                                  e.citation ? ` (${e.citation})` : '',
                                ),
                              ),
                            )
                          : null,
                      ),
                    );
                  }),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
