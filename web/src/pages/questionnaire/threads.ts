import { api, ok, type Question, type Schemas } from '../../api.ts';
import { h, uid } from '../../dom.ts';
import { formatDate, t } from '../../i18n.ts';
import { errorLine } from '../consultation/board.ts';
import { changesList } from './changes.ts';

/*
 * Beside each question, on demand: its threads (comment, reply, resolve, reopen) and its change
 * log. Only the counts (one call for the whole assessment) come with the page; a question's
 * threads are fetched when the person opens them, which also marks them read.
 */

type Thread = Schemas['Thread'];
type Kind = 'threads' | 'changes';
export type ThreadCount = Schemas['ThreadSummary']['questions'][number];

/** What the threads need of the page they are on (the questionnaire or the reviewer's desk). */
export interface Host {
  id: string;
  /** Per question with comments: threads, open ones, unread; absent when the counts could not be read. */
  threadCounts?: Map<string, ThreadCount>;
  /** false where the person may reply and reopen but not resolve (a reviewer). */
  mayResolve?: boolean;
  /** Threads to read only (a validated assessment, a viewer). */
  readOnly?: boolean;
  /** The level of the panels' headings, under the page's own (h4 in the questionnaire). */
  heading?: 'h3' | 'h4';
  /** Told the assessment's new ETag after a comment, a resolution or a reopening. */
  changed?: (etag: string) => void;
}
type State = Host;

/** The request for the unread counts of an assessment: started early, read by loadThreadCounts. */
export const threadCountsRequest = (id: string) =>
  api.GET('/v1/assessments/{id}/threads', { params: { path: { id } } });

/** The unread counts beside every question: one call for the whole assessment. */
export async function loadThreadCounts(
  host: Host,
  request: ReturnType<typeof threadCountsRequest> = threadCountsRequest(host.id),
): Promise<void> {
  try {
    const { data } = await ok(request);
    host.threadCounts = new Map(data.questions.map((q) => [q.question, q]));
  } catch {
    // The counts are a help, not the questionnaire: without them the buttons carry no number.
    host.threadCounts = undefined;
  }
}

/** After the person read a question's threads: nothing there is unread for them any more. */
async function markRead(s: State, q: Question, threads: Thread[]): Promise<void> {
  const comments = threads.reduce((n, th) => n + th.comments.length, 0);
  const open = threads.filter((th) => !th.resolved);
  const before = s.threadCounts?.get(q.key);
  s.threadCounts?.set(q.key, {
    question: q.key,
    threads: threads.length,
    open: open.length,
    openRemarks: open.filter((th) => th.remark).length,
    comments,
    unread: 0,
    lastReadAt: before?.lastReadAt ?? null,
  });
  if (threads.length)
    await api.PUT('/v1/me/reads/{id}/{question}', { params: { path: { id: s.id, question: q.key } } });
}

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
  await markRead(s, q, panel.threads);
}

async function act(
  s: State,
  q: Question,
  panel: Panel,
  call: () => Promise<{ etag: string }>,
  message: HTMLElement,
) {
  try {
    const { etag } = await call();
    s.changed?.(etag);
    await loadThreads(s, q, panel);
    drawThreads(s, q, panel);
    (panel.box.querySelector('h3, h4') as HTMLElement | null)?.focus();
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
    !thread.resolved && !s.readOnly && commentForm(s, q, panel, t('th.replyLabel', { n }), thread.id),
    !s.readOnly &&
      (thread.resolved || s.mayResolve !== false) &&
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: () => void act(s, q, panel, toggle, message) },
        t(thread.resolved ? 'th.reopen' : 'th.resolve', { n }),
      ),
    message,
  );
}

function threadsLabel(s: State, q: Question, panel: Panel): string {
  const counts = s.threadCounts?.get(q.key);
  if (counts)
    return t('th.commentsUnread', { question: q.key, count: counts.comments, unread: counts.unread });
  const count = panel.threads?.reduce((n, th) => n + th.comments.length, 0);
  if (count !== undefined || s.threadCounts)
    return t('th.commentsCount', { question: q.key, count: count ?? 0 });
  return t('th.comments', { question: q.key });
}

function drawThreads(s: State, q: Question, panel: Panel): void {
  const threads = panel.threads ?? [];
  const toggle = panel.box.parentElement?.querySelector('.th-toggle');
  if (toggle) toggle.textContent = threadsLabel(s, q, panel);
  panel.box.replaceChildren(
    h(s.heading ?? 'h4', { tabindex: -1 }, t('th.title', { question: q.key })),
    threads.length
      ? h(
          'ol',
          { class: 'threads' },
          threads.map((th, i) => threadItem(s, q, panel, th, i + 1)),
        )
      : h('p', null, t('th.none')),
    ...(s.readOnly ? [] : [commentForm(s, q, panel, t('th.newLabel', { question: q.key }))]),
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
      panel.box.replaceChildren(changesList(q, data.changes, s.heading));
    }
    (panel.box.querySelector('h3, h4') as HTMLElement | null)?.focus();
  } catch (error) {
    errorLine(panel.box, error);
  }
}

/** The question's "comments" and "changes" buttons, and whichever of the two is open. */
export function discussionTools(s: State, q: Question): HTMLElement {
  const panel = panelOf(s, q.key);
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
    button('threads', threadsLabel(s, q, panel)),
    ' ',
    button('changes', t('ch.button', { question: q.key })),
    panel.box,
  );
  return tools;
}
