import { ApiError, api, ok } from '../../api.ts';
import { h } from '../../dom.ts';
import { type Blocker, questionIndex } from '../../framework.ts';
import { t } from '../../i18n.ts';
import { flush } from './autosave.ts';
import { blockerCount, ministriesNotReady } from './mine.ts';
import { problemText, render, type State, session } from './state.ts';

/* ---------- blockers and submission ---------- */

function blockerText(s: State, b: { question: string; reason: string }): string {
  const text = questionIndex(s.framework).get(b.question)?.text ?? '';
  if (b.reason === 'not_applicable_evidence')
    return t('q.blockNotApplicable', { question: `${b.question} ${text}` });
  return t(b.reason === 'evidence_required' ? 'q.blockEvidence' : 'q.blockUnanswered', {
    key: b.question,
    text,
  });
}

export function blockerList(s: State, list: Blocker[]) {
  const notReady = ministriesNotReady(s);
  const items = (blocks: Blocker[]) =>
    h(
      'ul',
      null,
      blocks.map((b) =>
        h('li', null, h('a', { href: `#/a/${s.id}/d/${b.domain}/q/${b.question}` }, blockerText(s, b))),
      ),
      notReady.map((m) =>
        h(
          'li',
          { class: 'not-ready-ministry' },
          h(
            'a',
            { href: `#/a/${s.id}/consultation` },
            t('q.blockMinistry', { ministry: `${m.code} · ${m.name}` }),
          ),
        ),
      ),
    );
  const count = list.length + notReady.length;
  return h(
    'section',
    { class: 'blockers', 'aria-labelledby': 'blockers-title' },
    h('h2', { id: 'blockers-title' }, t('q.blockersTitle', { count })),
    count
      ? h('details', null, h('summary', null, t('q.blockersShow')), items(list))
      : h('p', null, t('q.ready')),
  );
}

/** What the server said was still missing when it refused the submission, each a link to it. */
function missingList(s: State, missing: NonNullable<State['missing']>) {
  const domainOf = (key: string) =>
    s.framework.domains.find((d) => d.subdomains.some((sd) => sd.questions.some((q) => q.key === key)))
      ?.key ?? '';
  return [
    h(
      'p',
      { class: 'error', id: 'missing-title', tabindex: '-1' },
      t('q.submitRefused', { count: missing.length }),
    ),
    h(
      'ul',
      { class: 'missing' },
      missing.map((m) =>
        h(
          'li',
          null,
          h('a', { href: `#/a/${s.id}/d/${domainOf(m.question)}/q/${m.question}` }, blockerText(s, m)),
        ),
      ),
    ),
  ];
}

/**
 * Ministries that have not marked their part ready: the focal point may submit anyway, with a
 * reason that stays on record in the history (the API's `reason`).
 */
function notReadyForm(s: State, notReady: { code: string }[]) {
  const reason = h('textarea', { id: 'submit-reason', rows: 3, maxlength: 2000 });
  const error = h('p', { class: 'error', role: 'alert' });
  return h(
    'div',
    { class: 'not-ready' },
    h(
      'p',
      { class: 'error', id: 'not-ready-title', tabindex: '-1' },
      t('q.notReady', { count: notReady.length, ministries: notReady.map((m) => m.code).join(', ') }),
    ),
    h('label', { for: 'submit-reason' }, t('q.submitReason')),
    reason,
    h(
      'button',
      {
        type: 'button',
        id: 'submit-anyway',
        onclick: () => {
          const text = reason.value.trim();
          if (!text) {
            error.textContent = t('q.submitReasonNeeded');
            reason.focus();
          } else void submit(s, text);
        },
      },
      t('q.submitAnyway'),
    ),
    error,
  );
}

export function submitBox(s: State, list: Blocker[]) {
  const message = h('div', { id: 'submit-message', role: 'alert' });
  if (s.missing?.length) message.append(...missingList(s, s.missing));
  if (s.notReady?.length) message.append(notReadyForm(s, s.notReady));
  return h(
    'section',
    { class: 'submit', 'aria-labelledby': 'submit-title' },
    h('h2', { id: 'submit-title' }, t('q.submitTitle')),
    h('p', null, blockerCount(s, list) ? t('q.submitNotYet') : t('q.submitReady')),
    h('button', { type: 'button', id: 'submit', onclick: () => void submit(s) }, t('q.submit')),
    message,
  );
}

async function submit(s: State, reason?: string): Promise<void> {
  s.missing = null;
  s.notReady = null;
  await flush(s);
  if (s.dirty.size) {
    render();
    document.getElementById('submit-message')?.append(h('p', { class: 'error' }, t('q.submitUnsaved')));
    return;
  }
  try {
    await ok(
      api.POST('/v1/assessments/{id}/submit', {
        params: { path: { id: s.id }, header: { 'if-match': s.etag } },
        body: reason ? { reason } : {},
      }),
    );
    session.state = null;
    location.hash = `#/a/${s.id}/report`;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.problem?.missing) {
      s.missing = error.problem.missing;
      s.notReady = (error.problem as { notReady?: { code: string }[] }).notReady ?? null;
      render();
      // Focus goes to the list of what blocks submission, so the person hears why and can follow it.
      (document.getElementById('missing-title') ?? document.getElementById('not-ready-title'))?.focus();
    } else {
      render();
      document.getElementById('submit-message')?.append(h('p', { class: 'error' }, problemText(error)));
    }
  }
}
