import type { Framework } from '../api.ts';
import type { Context } from '../context.ts';
import { countryName } from '../countries.ts';
import { packButton } from '../documents.ts';
import { clear, h } from '../dom.ts';
import { blockers, isEnabled, questionIndex, SDG1072_DOMAIN } from '../framework.ts';
import { formatPercent, t } from '../i18n.ts';
import { statusLabel } from './home.ts';
import { askedAgainNotice } from './questionnaire/asked-again.ts';
import { conflictPanel } from './questionnaire/conflicts.ts';
import { load } from './questionnaire/load.ts';
import { mayEdit, mineBar, shown } from './questionnaire/mine.ts';
import { questionBlock, suggestionNote } from './questionnaire/question.ts';
import { editable, type State, saveText, session, setRender } from './questionnaire/state.ts';
import { blockerList, submitBox } from './questionnaire/submission.ts';

/* The page shell: the domain navigation and the layout around the questions. */

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
  session.view = { context, domain: domain.key, root };
  render();
  clear(context.main, root);
  if (focusQuestion) {
    const target = document.getElementById(`q-${focusQuestion}`);
    target?.scrollIntoView({ block: 'start' });
    (target?.querySelector('input, textarea, select') as HTMLElement | null)?.focus();
  }
}

type Domain = Framework['domains'][number];

function domainNav(s: State, current: string) {
  const progress = new Map(s.assessment.progress.domains.map((p) => [p.key, p]));
  return h(
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
            { href: `#/a/${s.id}/d/${d.key}`, 'aria-current': d.key === current ? 'page' : null },
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
  );
}

function domainSection(s: State, domain: Domain, canEdit: boolean) {
  const index = questionIndex(s.framework);
  return h(
    'section',
    { class: 'domain', 'aria-labelledby': 'domain-title' },
    h('h2', { id: 'domain-title' }, `${domain.key} ${domain.title}`),
    h('p', { class: 'description' }, domain.description),
    domain.subdomains
      .filter((sub) => sub.questions.some((q) => shown(s, q.key)))
      .map((sub) =>
        h(
          'section',
          { class: 'subdomain', 'aria-labelledby': `sd-${sub.key}` },
          h('h3', { id: `sd-${sub.key}` }, `${sub.key} ${sub.title}`),
          // The official 10.7.2 question its five sub-categories answer (MiGOF descriptions stay in the docs).
          (domain.key as string) === SDG1072_DOMAIN
            ? h('p', { class: 'official-question' }, sub.description)
            : null,
          sub.questions
            .filter((q) => shown(s, q.key))
            .map((q) =>
              questionBlock(s, q, mayEdit(s, canEdit, q.key), isEnabled(s.framework, q.key, s.local, index)),
            ),
        ),
      ),
    nextDomainLink(s, domain.key),
  );
}

function side(s: State, canEdit: boolean) {
  const list = blockers(s.framework, s.local);
  return h(
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
    packButton(s.id, s.assessment),
    canEdit && !s.mine && blockerList(s, list),
    canEdit && !s.mine && submitBox(s, list),
  );
}

function render(): void {
  const { view, state: s } = session;
  if (!view || !s) return;
  const { context, root } = view;
  const canEdit = editable(context, s.assessment);
  const domain = s.framework.domains.find((d) => d.key === view.domain);
  if (!domain) return;
  clear(
    root,
    context.title(t('q.title', { country: countryName(s.assessment.country), period: s.assessment.period })),
    h(
      'p',
      { class: 'meta' },
      t('q.meta', {
        status: statusLabel(s.assessment.status),
        framework: `${s.framework.title} ${s.framework.version}`,
      }),
      ' ',
      h('a', { href: `#/a/${s.id}/report` }, t('q.reportLink')),
      context.me.role !== 'viewer' && [' · ', h('a', { href: `#/a/${s.id}/consultation` }, t('cons.link'))],
    ),
    s.assessment.status === 'returned' &&
      s.assessment.returnReason &&
      h('div', { class: 'notice' }, h('p', null, t('q.returned', { reason: s.assessment.returnReason }))),
    !canEdit && h('p', { class: 'notice' }, t('q.readOnly')),
    askedAgainNotice(s),
    mineBar(context, s),
    conflictPanel(s) ?? h('div', { class: 'conflicts', hidden: true }),
    h(
      'div',
      { class: 'q-layout' },
      domainNav(s, domain.key),
      domainSection(s, domain, canEdit),
      side(s, canEdit),
    ),
  );
}

/** Swaps a part of the page for its new version, leaving the person's focus on the same field. */
function swap(old: Element | null, next: HTMLElement): void {
  if (!old) return;
  const active = document.activeElement as HTMLInputElement | null;
  if (active && old.contains(active)) {
    // A control without an id could not be found again: that part waits for the next redraw.
    if (!active.id) return;
    const { selectionStart, selectionEnd } = active;
    old.replaceWith(next);
    const again = document.getElementById(active.id) as HTMLInputElement | null;
    again?.focus();
    if (selectionStart !== null && again?.setSelectionRange)
      again.setSelectionRange(selectionStart, selectionEnd);
    return;
  }
  old.replaceWith(next);
}

function refreshParts(keys: Iterable<string>): void {
  const { view, state: s } = session;
  if (!view || !s || !view.root.isConnected) return;
  const canEdit = editable(view.context, s.assessment);
  const index = questionIndex(s.framework);
  for (const key of keys) {
    const q = index.get(key);
    if (q)
      swap(
        document.getElementById(`q-${key}`),
        questionBlock(s, q, mayEdit(s, canEdit, key), isEnabled(s.framework, key, s.local, index)),
      );
  }
  swap(
    view.root.querySelector('.conflicts'),
    conflictPanel(s) ?? h('div', { class: 'conflicts', hidden: true }),
  );
  const open = view.root.querySelector('.blockers details')?.hasAttribute('open');
  const list = blockerList(s, blockers(s.framework, s.local));
  if (open) list.querySelector('details')?.setAttribute('open', '');
  if (canEdit && !s.mine) swap(view.root.querySelector('.blockers'), list);
  for (const note of view.root.querySelectorAll<HTMLElement>('.suggestion')) {
    const q = index.get(note.id.slice(3));
    if (q) swap(note, suggestionNote(s, q));
  }
}
setRender(render, refreshParts);

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

/** Forgets the cached page state (after a workflow step elsewhere). */
export const forgetQuestionnaire = () => {
  session.state = null;
};
