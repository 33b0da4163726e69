import {
  type Answer,
  type AnswerItem,
  ApiError,
  type Assessment,
  api,
  type Framework,
  ok,
  type Problem,
  type Question,
} from '../api.ts';
import { clear, h, uid } from '../dom.ts';
import {
  type Blocker,
  blockers,
  cleanEvidence,
  type Draft,
  describeValue,
  fromAnswer,
  isAnswered,
  isEnabled,
  loadFramework,
  questionIndex,
  sameDraft,
} from '../framework.ts';
import { formatDate, formatPercent, t } from '../i18n.ts';
import type { Context } from '../context.ts';
import { statusLabel } from './home.ts';

/** Everything the page knows about one assessment; kept while the person moves between domains. */
interface State {
  id: string;
  assessment: Assessment;
  etag: string;
  framework: Framework;
  /** The answers as the person sees them, saved or not. */
  local: Map<string, Draft>;
  /** The server's version of each question as last seen: the base for spotting others' edits. */
  base: Map<string, Draft | null>;
  /** Who last saved each question, as last seen. */
  meta: Map<string, Answer>;
  dirty: Set<string>;
  conflicts: Map<string, Answer | null>;
  saving: Promise<void> | null;
  again: boolean;
  timer: number | undefined;
  status: 'saved' | 'saving' | 'unsaved' | 'error' | 'invalid';
  error: string;
  missing: Problem['missing'] | null;
}

let state: State | null = null;
let view: { context: Context; domain: string; root: HTMLElement } | null = null;

const storageKey = (id: string) => `migov.unsaved.${id}`;
const editable = (context: Context, assessment: Assessment) =>
  (context.me.role === 'focal_point' || context.me.role === 'admin') &&
  (assessment.status === 'draft' || assessment.status === 'returned');

/** Keeps typed but unsaved answers in this tab, so a sign-in in between loses nothing. */
function persist(s: State): void {
  if (!s.dirty.size) {
    sessionStorage.removeItem(storageKey(s.id));
    return;
  }
  const items: Record<string, Draft> = {};
  const base: Record<string, Draft | null> = {};
  for (const key of s.dirty) {
    items[key] = s.local.get(key) as Draft;
    base[key] = s.base.get(key) ?? null;
  }
  sessionStorage.setItem(storageKey(s.id), JSON.stringify({ items, base }));
}

async function load(context: Context, id: string): Promise<State> {
  if (state?.id === id) {
    // The language may have changed: the tree is fetched again in it (cached per language).
    state.framework = await loadFramework(state.assessment.framework.key, state.assessment.framework.version);
    // Back after signing in again: what could not be saved then is saved now.
    if (state.dirty.size > state.conflicts.size) schedule(state, 0);
    return state;
  }
  const assessment = await ok(api.GET('/v1/assessments/{id}', { params: { path: { id } } }));
  const [framework, answers] = await Promise.all([
    loadFramework(assessment.data.framework.key, assessment.data.framework.version),
    ok(api.GET('/v1/assessments/{id}/answers', { params: { path: { id } } })),
  ]);
  const s: State = {
    id,
    assessment: assessment.data,
    etag: answers.etag || `"r${answers.data.revision}"`,
    framework,
    local: new Map(),
    base: new Map(),
    meta: new Map(),
    dirty: new Set(),
    conflicts: new Map(),
    saving: null,
    again: false,
    timer: undefined,
    status: 'saved',
    error: '',
    missing: null,
  };
  for (const answer of answers.data.answers) {
    const draft = fromAnswer(answer) as Draft;
    s.local.set(answer.question, draft);
    s.base.set(answer.question, draft);
    s.meta.set(answer.question, answer);
  }
  // Work typed before a sign-in: restored, and checked against what others saved meanwhile.
  const stored = sessionStorage.getItem(storageKey(id));
  if (stored && editable(context, assessment.data)) {
    const saved = JSON.parse(stored) as { items: Record<string, Draft>; base: Record<string, Draft | null> };
    for (const [key, draft] of Object.entries(saved.items)) {
      const server = s.base.get(key) ?? null;
      s.local.set(key, draft);
      s.dirty.add(key);
      if (!sameDraft(server, saved.base[key] ?? null)) s.conflicts.set(key, s.meta.get(key) ?? null);
    }
    s.status = 'unsaved';
  }
  state = s;
  if (s.dirty.size > s.conflicts.size) schedule(s, 0);
  return s;
}

export async function questionnairePage(
  context: Context,
  id: string,
  domainKey: string | undefined,
  focusQuestion: string | undefined,
): Promise<void> {
  const s = await load(context, id);
  if (!context.current()) return;
  const domain = s.framework.domains.find((d) => d.key === domainKey) ?? s.framework.domains[0];
  if (!domain) return;
  const root = h('div', { class: 'questionnaire' });
  view = { context, domain: domain.key, root };
  render();
  clear(context.main, root);
  if (focusQuestion) {
    const target = document.getElementById(`q-${focusQuestion}`);
    target?.scrollIntoView({ block: 'start' });
    (target?.querySelector('input, textarea, select') as HTMLElement | null)?.focus();
  }
}

function render(): void {
  if (!view || !state) return;
  const { context, root } = view;
  const s = state;
  const canEdit = editable(context, s.assessment);
  const domain = s.framework.domains.find((d) => d.key === view?.domain);
  if (!domain) return;
  const index = questionIndex(s.framework);
  const progress = new Map(s.assessment.progress.domains.map((p) => [p.key, p]));
  const list = blockers(s.framework, s.local);
  clear(
    root,
    context.title(t('q.title', { country: s.assessment.country, period: s.assessment.period })),
    h(
      'p',
      { class: 'meta' },
      t('q.meta', {
        status: statusLabel(s.assessment.status),
        framework: `${s.framework.title} ${s.framework.version}`,
      }),
      ' ',
      h('a', { href: `#/a/${s.id}/report` }, t('q.reportLink')),
    ),
    s.assessment.status === 'returned' &&
      s.assessment.returnReason &&
      h('div', { class: 'notice' }, h('p', null, t('q.returned', { reason: s.assessment.returnReason }))),
    !canEdit && h('p', { class: 'notice' }, t('q.readOnly')),
    conflictPanel(s),
    h(
      'div',
      { class: 'q-layout' },
      h(
        'nav',
        { class: 'domains', 'aria-label': t('q.domains') },
        h(
          'ol',
          null,
          s.framework.domains.map((d) => {
            const p = progress.get(d.key);
            return h(
              'li',
              null,
              h(
                'a',
                { href: `#/a/${s.id}/d/${d.key}`, 'aria-current': d.key === domain.key ? 'page' : null },
                h('span', { class: 'dkey' }, d.key),
                ' ',
                h('span', { class: 'dtitle' }, d.title),
                p &&
                  h(
                    'span',
                    { class: 'dprogress' },
                    t('q.domainProgress', { answered: p.answered, enabled: p.enabled }),
                  ),
              ),
            );
          }),
        ),
      ),
      h(
        'section',
        { class: 'domain', 'aria-labelledby': 'domain-title' },
        h('h2', { id: 'domain-title' }, `${domain.key} ${domain.title}`),
        h('p', { class: 'description' }, domain.description),
        domain.subdomains.map((sub) =>
          h(
            'section',
            { class: 'subdomain', 'aria-labelledby': `sd-${sub.key}` },
            h('h3', { id: `sd-${sub.key}` }, `${sub.key} ${sub.title}`),
            sub.questions.map((q) =>
              questionBlock(s, q, canEdit, isEnabled(s.framework, q.key, s.local, index)),
            ),
          ),
        ),
        nextDomainLink(s, domain.key),
      ),
      h(
        'aside',
        { class: 'side', 'aria-label': t('q.sideLabel') },
        h('p', { class: `save save-${s.status}`, role: 'status', id: 'save-status' }, saveText(s)),
        h(
          'p',
          { class: 'overall' },
          t('q.overall', {
            answered: s.assessment.progress.answered,
            enabled: s.assessment.progress.enabled,
            coverage: formatPercent(s.assessment.progress.coverage),
          }),
        ),
        canEdit && blockerList(s, list),
        canEdit && submitBox(s, list),
      ),
    ),
  );
}

function nextDomainLink(s: State, key: string) {
  const domains = s.framework.domains;
  const next = domains[domains.findIndex((d) => d.key === key) + 1];
  return next
    ? h(
        'p',
        { class: 'next' },
        h('a', { href: `#/a/${s.id}/d/${next.key}` }, t('q.next', { domain: `${next.key} ${next.title}` })),
      )
    : null;
}

function saveText(s: State): string {
  if (s.status === 'saving') return t('q.saving');
  if (s.status === 'unsaved') return t('q.unsaved');
  if (s.status === 'invalid') return t('q.invalid');
  if (s.status === 'error') return t('q.saveError', { error: s.error });
  return t('q.saved');
}

function setStatus(s: State, status: State['status'], error = ''): void {
  s.status = status;
  s.error = error;
  const element = document.getElementById('save-status');
  if (element) {
    element.textContent = saveText(s);
    element.className = `save save-${status}`;
  }
}

function blockerText(s: State, b: Blocker): string {
  return t(b.reason === 'unanswered' ? 'q.blockUnanswered' : 'q.blockEvidence', {
    key: b.question,
    text: questionIndex(s.framework).get(b.question)?.text ?? '',
  });
}

function blockerList(s: State, list: Blocker[]) {
  const items = (blocks: Blocker[]) =>
    h(
      'ul',
      null,
      blocks.map((b) =>
        h('li', null, h('a', { href: `#/a/${s.id}/d/${b.domain}/q/${b.question}` }, blockerText(s, b))),
      ),
    );
  return h(
    'section',
    { class: 'blockers', 'aria-labelledby': 'blockers-title' },
    h('h2', { id: 'blockers-title' }, t('q.blockersTitle', { count: list.length })),
    list.length
      ? h('details', null, h('summary', null, t('q.blockersShow')), items(list))
      : h('p', null, t('q.ready')),
  );
}

function submitBox(s: State, list: Blocker[]) {
  const message = h('div', { id: 'submit-message', role: 'alert' });
  if (s.missing?.length) {
    const index = questionIndex(s.framework);
    const domainOf = (key: string) =>
      s.framework.domains.find((d) => d.subdomains.some((sd) => sd.questions.some((q) => q.key === key)))
        ?.key ?? '';
    message.append(
      h('p', { class: 'error' }, t('q.submitRefused', { count: s.missing.length })),
      h(
        'ul',
        { class: 'missing' },
        s.missing.map((m) =>
          h(
            'li',
            null,
            h(
              'a',
              { href: `#/a/${s.id}/d/${domainOf(m.question)}/q/${m.question}` },
              t(m.reason === 'evidence_required' ? 'q.blockEvidence' : 'q.blockUnanswered', {
                key: m.question,
                text: index.get(m.question)?.text ?? '',
              }),
            ),
          ),
        ),
      ),
    );
  }
  return h(
    'section',
    { class: 'submit', 'aria-labelledby': 'submit-title' },
    h('h2', { id: 'submit-title' }, t('q.submitTitle')),
    h('p', null, list.length ? t('q.submitNotYet') : t('q.submitReady')),
    h('button', { type: 'button', id: 'submit', onclick: () => void submit(s) }, t('q.submit')),
    message,
  );
}

async function submit(s: State): Promise<void> {
  s.missing = null;
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
        body: {},
      }),
    );
    state = null;
    location.hash = `#/a/${s.id}/report`;
  } catch (error) {
    if (error instanceof ApiError && error.status === 409 && error.problem?.missing) {
      s.missing = error.problem.missing;
      render();
      document.getElementById('submit-message')?.focus();
    } else {
      render();
      document.getElementById('submit-message')?.append(h('p', { class: 'error' }, problemText(error)));
    }
  }
}

const problemText = (error: unknown) =>
  error instanceof ApiError && error.problem
    ? `${error.problem.title}: ${error.problem.detail}`
    : String((error as Error).message ?? error);

/* ---------- one question ---------- */

function questionBlock(s: State, q: Question, canEdit: boolean, enabled: boolean): HTMLElement {
  const draft = s.local.get(q.key);
  const guidanceId = `g-${q.key}`;
  const block = h('div', { class: 'question', id: `q-${q.key}`, hidden: !enabled });
  const name = `${q.key} ${q.text}`;
  let control: Node;
  if (!canEdit) {
    control = h(
      'div',
      { class: 'readonly' },
      h('p', { class: 'qtext' }, name),
      h('p', null, h('strong', null, describeValue(q, draft, t('q.notApplicable')))),
      draft?.comment && h('p', null, t('q.commentShown', { comment: draft.comment })),
      draft?.evidence.length &&
        h(
          'ul',
          null,
          draft.evidence.map((e) => h('li', null, evidenceText(e.title, e.url, e.citation))),
        ),
    );
  } else if (q.type === 'number') {
    const input = h('input', {
      id: `in-${q.key}`,
      type: 'number',
      inputmode: 'decimal',
      step: q.number?.integer ? '1' : 'any',
      min: q.number?.min ?? null,
      max: q.number?.max ?? null,
      value: draft?.value !== undefined && !draft.notApplicable ? String(draft.value) : '',
      disabled: draft?.notApplicable === true,
      'aria-describedby': `${guidanceId} u-${q.key}`,
    });
    const onNumber = () => {
      const raw = input.value.trim();
      edit(s, q.key, (d) => {
        if (raw === '') delete d.value;
        else d.value = Number(raw);
      });
    };
    input.addEventListener('change', onNumber);
    input.addEventListener('input', onNumber);
    control = h(
      'div',
      { class: 'number' },
      h('label', { for: input.id, class: 'qtext' }, name),
      h('div', { class: 'row' }, input, h('span', { id: `u-${q.key}`, class: 'unit' }, q.number?.unit ?? '')),
      q.allowNotApplicable && naCheckbox(s, q, input),
    );
  } else {
    const group = uid('opt');
    control = h(
      'fieldset',
      { 'aria-describedby': guidanceId },
      h('legend', { class: 'qtext' }, name),
      (q.options ?? []).map((o) => {
        const id = `${group}-${o.value}`;
        return h(
          'div',
          { class: 'option' },
          h('input', {
            type: 'radio',
            id,
            name: group,
            value: o.value,
            checked: !draft?.notApplicable && draft?.value === o.value,
            onchange: () =>
              edit(s, q.key, (d) => {
                d.value = o.value;
                delete d.notApplicable;
              }),
          }),
          h('label', { for: id }, o.label),
        );
      }),
      q.allowNotApplicable &&
        h(
          'div',
          { class: 'option' },
          h('input', {
            type: 'radio',
            id: `${group}-na`,
            name: group,
            value: '',
            checked: draft?.notApplicable === true,
            onchange: () =>
              edit(s, q.key, (d) => {
                d.notApplicable = true;
                delete d.value;
              }),
          }),
          h('label', { for: `${group}-na` }, t('q.notApplicable')),
        ),
    );
  }
  block.append(
    h(
      'div',
      { class: 'q-main' },
      control,
      canEdit && commentField(s, q),
      canEdit && evidenceFields(s, q),
      h('p', { class: 'field-error', id: `err-${q.key}`, role: 'alert' }),
    ),
    h(
      'div',
      { class: 'guidance', id: guidanceId },
      h('p', { class: 'glabel' }, t('q.guidance')),
      h('p', null, q.guidance),
      q.evidenceRequired && h('p', { class: 'evreq' }, t('q.evidenceRequired')),
    ),
  );
  return block;
}

function evidenceText(title: string, url?: string, citation?: string) {
  return [
    url ? h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, title) : title,
    citation ? ` (${citation})` : '',
  ];
}

function naCheckbox(s: State, q: Question, input: HTMLInputElement) {
  const id = `na-${q.key}`;
  const draft = s.local.get(q.key);
  return h(
    'div',
    { class: 'check' },
    h('input', {
      type: 'checkbox',
      id,
      checked: draft?.notApplicable === true,
      onchange: (event: Event) => {
        const on = (event.target as HTMLInputElement).checked;
        input.disabled = on;
        edit(s, q.key, (d) => {
          if (on) {
            d.notApplicable = true;
            delete d.value;
          } else {
            delete d.notApplicable;
            if (input.value.trim() !== '') d.value = Number(input.value);
          }
        });
      },
    }),
    h('label', { for: id }, t('q.notApplicableFor', { key: q.key })),
  );
}

function commentField(s: State, q: Question) {
  const id = `c-${q.key}`;
  const area = h('textarea', { id, rows: 2, maxlength: 4000 });
  area.value = s.local.get(q.key)?.comment ?? '';
  area.addEventListener('input', () => edit(s, q.key, (d) => (d.comment = area.value), 800));
  return h(
    'div',
    { class: 'comment' },
    h('label', { for: id }, t('q.comment'), h('span', { class: 'sr-only' }, ` ${q.key}`)),
    area,
  );
}

function evidenceFields(s: State, q: Question) {
  const container = h('div', { class: 'evidence-items' });
  const draw = () => {
    const items = s.local.get(q.key)?.evidence ?? [];
    clear(
      container,
      items.map((item, i) => {
        const field = (name: 'title' | 'url' | 'citation', type: string) => {
          const id = `ev-${q.key}-${i}-${name}`;
          const input = h('input', {
            id,
            type,
            maxlength: name === 'url' ? 2000 : name === 'title' ? 300 : 1000,
            autocomplete: 'off',
          });
          input.value = item[name] ?? '';
          input.addEventListener('input', () =>
            edit(
              s,
              q.key,
              (d) => {
                const target = d.evidence[i];
                if (target) target[name] = input.value;
              },
              800,
            ),
          );
          return h(
            'div',
            { class: `ev-${name}` },
            h(
              'label',
              { for: id },
              t(`q.ev.${name}` as 'q.ev.title'),
              h('span', { class: 'sr-only' }, ` ${i + 1}, ${q.key}`),
            ),
            input,
          );
        };
        return h(
          'div',
          { class: 'evidence-item' },
          field('title', 'text'),
          field('url', 'url'),
          field('citation', 'text'),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              onclick: () => {
                edit(s, q.key, (d) => d.evidence.splice(i, 1), 0);
                draw();
              },
            },
            t('q.ev.remove'),
            h('span', { class: 'sr-only' }, ` ${i + 1}, ${q.key}`),
          ),
        );
      }),
    );
  };
  draw();
  return h(
    'fieldset',
    { class: 'evidence' },
    h('legend', null, t('q.ev.legend'), h('span', { class: 'sr-only' }, ` ${q.key}`)),
    container,
    h(
      'button',
      {
        type: 'button',
        class: 'secondary small',
        onclick: () => {
          const d = draftOf(s, q.key);
          d.evidence.push({ title: '' });
          s.local.set(q.key, d);
          draw();
          (container.querySelector('.evidence-item:last-child input') as HTMLInputElement | null)?.focus();
        },
      },
      t('q.ev.add'),
      h('span', { class: 'sr-only' }, ` ${q.key}`),
    ),
  );
}

/* ---------- editing and autosave ---------- */

function draftOf(s: State, key: string): Draft {
  const current = s.local.get(key);
  return current
    ? { ...current, evidence: current.evidence.map((e) => ({ ...e })) }
    : { comment: '', evidence: [] };
}

function edit(s: State, key: string, change: (draft: Draft) => void, delay = 250): void {
  const draft = draftOf(s, key);
  change(draft);
  s.local.set(key, draft);
  s.dirty.add(key);
  persist(s);
  setStatus(s, 'unsaved');
  refreshEnabled(s);
  schedule(s, delay);
}

/** Shows follow-ups that an answer switched on, hides those it switched off. */
function refreshEnabled(s: State): void {
  const index = questionIndex(s.framework);
  for (const element of document.querySelectorAll<HTMLElement>('.question')) {
    const key = element.id.slice(2);
    element.hidden = !isEnabled(s.framework, key, s.local, index);
  }
  const title = document.getElementById('blockers-title');
  if (title) title.textContent = t('q.blockersTitle', { count: blockers(s.framework, s.local).length });
}

function schedule(s: State, delay: number): void {
  window.clearTimeout(s.timer);
  s.timer = window.setTimeout(() => void save(s), delay);
}

/** Saves now and waits until nothing is in flight. */
async function flush(s: State): Promise<void> {
  window.clearTimeout(s.timer);
  await save(s);
  while (s.saving) await s.saving;
}

function toItem(key: string, draft: Draft): AnswerItem | string {
  const evidence = cleanEvidence(draft.evidence);
  if (evidence.some((e) => !e.title)) return t('q.ev.needTitle');
  for (const e of evidence) {
    if (e.url && !URL.canParse(e.url)) return t('q.ev.badUrl');
  }
  if (draft.value !== undefined && typeof draft.value === 'number' && !Number.isFinite(draft.value))
    return t('q.badNumber');
  if (!isAnswered(draft)) return t('q.chooseFirst');
  return {
    question: key,
    ...(draft.notApplicable ? { notApplicable: true } : { value: draft.value }),
    comment: draft.comment.trim() ? draft.comment : null,
    evidence,
  };
}

async function save(s: State): Promise<void> {
  if (s.saving) {
    s.again = true;
    return;
  }
  const items: AnswerItem[] = [];
  const sent = new Map<string, Draft>();
  let invalid = false;
  for (const key of s.dirty) {
    if (s.conflicts.has(key)) continue;
    const draft = s.local.get(key) as Draft;
    const item = toItem(key, draft);
    const error = document.getElementById(`err-${key}`);
    if (typeof item === 'string') {
      invalid = true;
      if (error && error.textContent !== item) error.textContent = item;
      continue;
    }
    if (error?.textContent) error.textContent = '';
    items.push(item);
    sent.set(key, draft);
  }
  if (!items.length) {
    if (invalid) setStatus(s, 'invalid');
    else if (!s.dirty.size) setStatus(s, 'saved');
    return;
  }
  setStatus(s, 'saving');
  s.saving = (async () => {
    try {
      const result = await ok(
        api.PUT('/v1/assessments/{id}/answers', {
          params: { path: { id: s.id }, header: { 'if-match': s.etag } },
          body: { answers: items },
        }),
      );
      s.etag = result.etag || `"r${result.data.revision}"`;
      s.assessment = result.data;
      for (const [key, draft] of sent) {
        s.base.set(key, draft);
        // Typed again while the request was in flight: still to be saved.
        if (s.local.get(key) === draft) s.dirty.delete(key);
      }
      persist(s);
      updateProgress(s);
      setStatus(s, s.dirty.size ? (invalid ? 'invalid' : 'unsaved') : 'saved');
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        await reconcile(s);
      } else if (error instanceof ApiError && error.status === 401) {
        setStatus(s, 'unsaved');
      } else if (error instanceof ApiError && error.status === 400 && error.problem?.errors) {
        for (const e of error.problem.errors) {
          const key = items[Number(/answers\.(\d+)/.exec(e.path)?.[1])]?.question;
          const element = key && document.getElementById(`err-${key}`);
          if (element) element.textContent = e.message;
        }
        setStatus(s, 'error', problemText(error));
      } else {
        setStatus(s, 'error', problemText(error));
      }
    }
  })();
  await s.saving;
  s.saving = null;
  if (s.again) {
    s.again = false;
    await save(s);
  }
}

function updateProgress(s: State): void {
  if (!view) return;
  const progress = new Map(s.assessment.progress.domains.map((p) => [p.key, p]));
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.domains a')) {
    const key = link.querySelector('.dkey')?.textContent ?? '';
    const p = progress.get(key);
    const target = link.querySelector('.dprogress');
    if (p && target) target.textContent = t('q.domainProgress', { answered: p.answered, enabled: p.enabled });
  }
  const overall = document.querySelector('.side .overall');
  if (overall)
    overall.textContent = t('q.overall', {
      answered: s.assessment.progress.answered,
      enabled: s.assessment.progress.enabled,
      coverage: formatPercent(s.assessment.progress.coverage),
    });
}

/**
 * Someone saved first (412). Their answers are read again; where they changed a question this
 * person has also changed, both versions are shown and the person chooses. Their other changes
 * are taken in, and this person's other edits are saved on top of the new revision.
 */
async function reconcile(s: State): Promise<void> {
  const [answers, assessment] = await Promise.all([
    ok(api.GET('/v1/assessments/{id}/answers', { params: { path: { id: s.id } } })),
    ok(api.GET('/v1/assessments/{id}', { params: { path: { id: s.id } } })),
  ]);
  s.etag = assessment.etag || `"r${assessment.data.revision}"`;
  s.assessment = assessment.data;
  const server = new Map(answers.data.answers.map((a) => [a.question, a]));
  const keys = new Set([...server.keys(), ...s.base.keys()]);
  for (const key of keys) {
    const theirs = fromAnswer(server.get(key));
    const answer = server.get(key);
    if (answer) s.meta.set(key, answer);
    if (s.dirty.has(key)) {
      if (!sameDraft(theirs, s.base.get(key) ?? null) && !sameDraft(theirs, s.local.get(key))) {
        s.conflicts.set(key, answer ?? null);
      }
      s.base.set(key, theirs);
    } else if (!sameDraft(theirs, s.base.get(key) ?? null)) {
      if (theirs) s.local.set(key, theirs);
      else s.local.delete(key);
      s.base.set(key, theirs);
    }
  }
  for (const key of [...s.dirty]) {
    if (sameDraft(s.local.get(key), s.base.get(key) ?? null)) s.dirty.delete(key);
  }
  persist(s);
  render();
  if (s.conflicts.size) {
    setStatus(s, 'unsaved');
    document.getElementById('conflicts-title')?.focus();
  }
  if (s.dirty.size > s.conflicts.size) schedule(s, 0);
}

function conflictPanel(s: State) {
  if (!s.conflicts.size) return null;
  const index = questionIndex(s.framework);
  const na = t('q.notApplicable');
  const version = (heading: string, draft: Draft | null | undefined, q: Question | undefined) =>
    h(
      'div',
      { class: 'version' },
      h('h4', null, heading),
      h('p', null, h('strong', null, draft ? describeValue(q, draft, na) : t('q.cleared'))),
      draft?.comment && h('p', null, t('q.commentShown', { comment: draft.comment })),
      draft?.evidence.length
        ? h(
            'ul',
            null,
            draft.evidence.map((e) => h('li', null, e.title || '—')),
          )
        : null,
    );
  return h(
    'section',
    { class: 'conflicts', 'aria-labelledby': 'conflicts-title' },
    h('h2', { id: 'conflicts-title', tabindex: '-1' }, t('q.conflictsTitle', { count: s.conflicts.size })),
    h('p', null, t('q.conflictsIntro')),
    [...s.conflicts].map(([key, theirs]) => {
      const q = index.get(key);
      const headingId = `conflict-${key}`;
      return h(
        'div',
        { class: 'conflict', role: 'group', 'aria-labelledby': headingId },
        h('h3', { id: headingId }, `${key} ${q?.text ?? ''}`),
        h(
          'div',
          { class: 'versions' },
          version(
            theirs
              ? t('q.theirs', { who: theirs.answeredBy, at: formatDate(theirs.answeredAt) })
              : t('q.theirsCleared'),
            fromAnswer(theirs ?? undefined),
            q,
          ),
          version(t('q.mine'), s.local.get(key), q),
        ),
        h(
          'div',
          { class: 'choices' },
          h(
            'button',
            { type: 'button', 'aria-describedby': headingId, onclick: () => resolve(s, key, 'theirs') },
            t('q.keepTheirs'),
          ),
          h(
            'button',
            { type: 'button', 'aria-describedby': headingId, onclick: () => resolve(s, key, 'mine') },
            t('q.keepMine'),
          ),
        ),
      );
    }),
  );
}

function resolve(s: State, key: string, choice: 'mine' | 'theirs'): void {
  const theirs = s.conflicts.get(key);
  s.conflicts.delete(key);
  if (choice === 'theirs') {
    const draft = fromAnswer(theirs ?? undefined);
    if (draft) s.local.set(key, draft);
    else s.local.delete(key);
    s.dirty.delete(key);
  }
  persist(s);
  render();
  (document.getElementById('conflicts-title') ?? document.getElementById(`q-${key}`))?.focus();
  if (s.dirty.size > s.conflicts.size) schedule(s, 0);
  else if (!s.dirty.size) setStatus(s, 'saved');
}

/** Forgets the cached page state (after a workflow step elsewhere). */
export const forgetQuestionnaire = () => {
  state = null;
};
