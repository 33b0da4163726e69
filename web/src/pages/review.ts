import { ApiError, type Assessment, api, ok } from '../api.ts';
import type { Context } from '../context.ts';
import { countryName } from '../countries.ts';
import { listDocuments } from '../documents.ts';
import { clear, h } from '../dom.ts';
import { loadFramework } from '../framework.ts';
import { labelled, t } from '../i18n.ts';
import { statusLabel } from './home.ts';
import { discussionTools, type Host, loadThreadCounts } from './questionnaire/threads.ts';
import { forgetQuestionnaire } from './questionnaire.ts';
import { reportSections } from './report/sections.ts';
import { loadReport } from './report.ts';
import { answersPane } from './review/answers.ts';
import { type Remarks, remarksField } from './review/remarks.ts';

interface Desk {
  id: string;
  etag: string;
  assessment: Assessment;
  reason: HTMLTextAreaElement;
  remarks: Remarks;
  message: HTMLElement;
}

/** Returns (with the reason typed) or validates the assessment, then leaves the page. */
async function act(desk: Desk, action: 'return' | 'validate'): Promise<void> {
  const { id, reason, message, assessment: a } = desk;
  const remarks = desk.remarks.values();
  message.replaceChildren();
  try {
    const options = { params: { path: { id }, header: { 'if-match': desk.etag } } };
    if (action === 'return') {
      if (!reason.value.trim()) {
        message.append(h('p', { class: 'error' }, t('rv.reasonRequired')));
        reason.focus();
        return;
      }
      await ok(
        api.POST('/v1/assessments/{id}/return', {
          ...options,
          body: { reason: reason.value.trim(), ...(remarks.length ? { remarks } : {}) },
        }),
      );
    } else {
      await ok(api.POST('/v1/assessments/{id}/validate', { ...options, body: {} }));
    }
    forgetQuestionnaire();
    sessionStorage.setItem(
      'migov.flash',
      t(action === 'return' ? 'rv.returnedDone' : 'rv.validatedDone', {
        country: countryName(a.country),
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
          ? labelled(error.problem.title, error.problem.detail ?? '')
          : (error as Error).message,
      ),
    );
  }
}

function decideSection(desk: Desk) {
  return h(
    'section',
    { class: 'card decide', 'aria-labelledby': 'decide-title' },
    h('h2', { id: 'decide-title' }, t('rv.decide')),
    h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          void act(desk, 'return');
        },
      },
      h('label', { for: 'return-reason' }, t('rv.reason')),
      desk.reason,
      desk.remarks.element,
      h(
        'div',
        { class: 'choices' },
        h('button', { type: 'submit', class: 'secondary', id: 'return' }, t('rv.return')),
        h(
          'button',
          { type: 'button', id: 'validate', onclick: () => void act(desk, 'validate') },
          t('rv.validate'),
        ),
      ),
    ),
    desk.message,
  );
}

/** The reviewer's desk: the report beside the answers, then return with a reason or validate. */
export async function reviewPage(context: Context, id: string): Promise<void> {
  const assessment = await ok(api.GET('/v1/assessments/{id}', { params: { path: { id } } }));
  const [framework, answers, { report, chart }, docs] = await Promise.all([
    loadFramework(assessment.data.framework.key, assessment.data.framework.version),
    ok(api.GET('/v1/assessments/{id}/answers', { params: { path: { id } } })),
    loadReport(id),
    // The answers can be reviewed without the list of files (their titles stay).
    listDocuments(id).catch(() => null),
  ]);
  const a = assessment.data;
  // The threads beside each answer: reply and reopen; resolving stays with the focal point and the ministries.
  const threads: Host = {
    id,
    heading: 'h3',
    mayResolve: context.me.role === 'admin',
    readOnly: a.status === 'validated' || context.me.role === 'viewer',
    // A submitted assessment's answers cannot change: a comment moves only the revision the decision sends.
    changed: (etag) => {
      if (etag) desk.etag = etag;
    },
  };
  await loadThreadCounts(threads);
  if (!context.current()) return;
  const desk: Desk = {
    id,
    etag: assessment.etag,
    assessment: a,
    // Not `required`: the browser's own bubble would stop the form before our message, in our language.
    reason: h('textarea', { id: 'return-reason', rows: 3, 'aria-required': 'true', maxlength: 4000 }),
    remarks: remarksField(framework),
    message: h('div', { role: 'alert', id: 'review-message' }),
  };
  const canDecide =
    a.status === 'submitted' && (context.me.role === 'reviewer' || context.me.role === 'admin');
  clear(
    context.main,
    context.title(t('rv.title', { country: countryName(a.country), period: a.period })),
    h('p', { class: 'meta' }, statusLabel(a.status)),
    a.status === 'validated' && h('p', null, h('a', { href: `#/a/${id}/publication` }, t('pub.link'))),
    canDecide && decideSection(desk),
    h(
      'div',
      { class: 'side-by-side' },
      h(
        'section',
        { class: 'pane', 'aria-labelledby': 'pane-report' },
        h('h2', { id: 'pane-report' }, t('rv.report')),
        ...reportSections(report, chart, 3),
      ),
      answersPane(
        framework,
        answers.data.answers,
        { id, country: a.country, period: a.period, docs: new Map(docs?.documents.map((d) => [d.id, d])) },
        (q) => discussionTools(threads, q),
      ),
    ),
  );
}
