import { api, ok, type Question, type Schemas } from '../../api.ts';
import { h, uid } from '../../dom.ts';
import { formatDate, t } from '../../i18n.ts';
import { errorLine } from '../consultation/board.ts';
import { changesList } from './changes.ts';
import type { State } from './state.ts';

/*
 * Beside each question, on demand: its threads (comment, reply, resolve, reopen) and its change
 * log. Nothing is fetched until the person opens one, so the questionnaire opens with as few calls.
 */

type Thread = Schemas['Thread'];
type Kind = 'threads' | 'changes';

interface Panel {
  open: Kind | null;
  threads: Thread[] | null;
  box: HTMLElement;
}
/** Kept across redraws of the question, so that an open thread and a reply being typed stay. */
const panels = new Map<string, Panel>();

const panelOf = (s: State, key: string): Panel => {
  const id = `${s.id}:${key}`;
  let panel = panels.get(id);
  if (!panel) {
    panel = { open: null, threads: null, box: h('div', { class: 'discussion', id: `d-${key}` }) };
    panels.set(id, panel);
  }
  return panel;
};

const path = (s: State, q: Question) => ({ params: { path: { id: s.id, question: q.key } } });

async function loadThreads(s: State, q: Question, panel: Panel): Promise<void> {
  panel.threads = (
    await ok(api.GET('/v1/assessments/{id}/questions/{question}/comments', path(s, q)))
  ).data.threads;
}

async function act(s: State, q: Question, panel: Panel, call: () => Promise<unknown>, message: HTMLElement) {
  try {
    await call();
    await loadThreads(s, q, panel);
    drawThreads(s, q, panel);
    (panel.box.querySelector('h4') as HTMLElement | null)?.focus();
  } catch (error) {
    errorLine(message, error);
  }
}

function commentForm(s: State, q: Question, panel: Panel, label: string, replyTo?: string): HTMLFormElement {
  const id = uid('c');
  const text = h('textarea', { id, rows: 2, required: true, maxlength: 4000 });
  const message = h('div', { 'aria-live': 'polite' });
  const post = () =>
    ok(
      api.POST('/v1/assessments/{id}/questions/{question}/comments', {
        ...path(s, q),
        body: { text: text.value.trim(), ...(replyTo ? { replyTo } : {}) },
      }),
    );
  return h(
    'form',
    {
      class: 'comment-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (text.value.trim()) void act(s, q, panel, post, message);
      },
    },
    h('label', { for: id }, label),
    text,
    h('button', { type: 'submit', class: 'secondary' }, replyTo ? t('th.reply') : t('th.post')),
    message,
  );
}

function threadItem(s: State, q: Question, panel: Panel, thread: Thread, n: number): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const action = thread.resolved ? 'reopen' : 'resolve';
  const toggle = () =>
    ok(
      api.POST(`/v1/assessments/{id}/questions/{question}/comments/{commentId}/${action}`, {
        params: { path: { id: s.id, question: q.key, commentId: thread.id } },
        body: {},
      }),
    );
  return h(
    'li',
    { class: thread.resolved ? 'thread resolved' : 'thread' },
    h(
      'p',
      { class: 'meta' },
      t(thread.remark ? 'th.remark' : 'th.thread', { n }),
      ' · ',
      thread.resolved ? t('th.resolvedBy', { who: thread.resolvedBy ?? '' }) : t('th.open'),
    ),
    h(
      'ul',
      null,
      thread.comments.map((c) =>
        h('li', null, h('p', { class: 'meta' }, `${c.author} · ${formatDate(c.at)}`), h('p', null, c.text)),
      ),
    ),
    !thread.resolved && commentForm(s, q, panel, t('th.replyLabel', { n }), thread.id),
    h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => void act(s, q, panel, toggle, message) },
      t(thread.resolved ? 'th.reopen' : 'th.resolve', { n }),
    ),
    message,
  );
}

const threadsLabel = (q: Question, count: number | undefined) =>
  count === undefined
    ? t('th.comments', { question: q.key })
    : t('th.commentsCount', { question: q.key, count });

function drawThreads(s: State, q: Question, panel: Panel): void {
  const threads = panel.threads ?? [];
  const toggle = panel.box.parentElement?.querySelector('.th-toggle');
  if (toggle) toggle.textContent = threadsLabel(q, threads.length);
  panel.box.replaceChildren(
    h('h4', { tabindex: -1 }, t('th.title', { question: q.key })),
    threads.length
      ? h(
          'ol',
          { class: 'threads' },
          threads.map((th, i) => threadItem(s, q, panel, th, i + 1)),
        )
      : h('p', null, t('th.none')),
    commentForm(s, q, panel, t('th.newLabel', { question: q.key })),
  );
}

async function open(s: State, q: Question, panel: Panel, kind: Kind, tools: HTMLElement): Promise<void> {
  panel.open = panel.open === kind ? null : kind;
  panel.box.replaceChildren();
  tools.replaceWith(discussionTools(s, q));
  if (!panel.open) return;
  panel.box.append(h('p', { role: 'status' }, t('app.loading')));
  try {
    if (kind === 'threads') {
      await loadThreads(s, q, panel);
      drawThreads(s, q, panel);
    } else {
      const { data } = await ok(api.GET('/v1/assessments/{id}/questions/{question}/changes', path(s, q)));
      panel.box.replaceChildren(changesList(q, data.changes));
    }
    (panel.box.querySelector('h4') as HTMLElement | null)?.focus();
  } catch (error) {
    errorLine(panel.box, error);
  }
}

/** The question's "comments" and "changes" buttons, and whichever of the two is open. */
export function discussionTools(s: State, q: Question): HTMLElement {
  const panel = panelOf(s, q.key);
  const count = panel.threads?.length;
  const tools: HTMLElement = h('div', { class: 'discuss' });
  const button = (kind: Kind, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: kind === 'threads' ? 'secondary th-toggle' : 'secondary',
        'aria-expanded': String(panel.open === kind),
        'aria-controls': panel.box.id,
        onclick: () => void open(s, q, panel, kind, tools),
      },
      label,
    );
  tools.append(
    button('threads', threadsLabel(q, count)),
    ' ',
    button('changes', t('ch.button', { question: q.key })),
    panel.box,
  );
  return tools;
}
