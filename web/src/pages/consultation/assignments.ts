import { api, ok } from '../../api.ts';
import { h, scrollBox, uid } from '../../dom.ts';
import { t } from '../../i18n.ts';
import { type Board, canManage, errorLine, ministryLabel } from './board.ts';

/* Who answers what: the assignments of sub-domains or single questions to a lead and contributing ministries. */

type Assignment = { scope: string; lead: string; contributors?: string[] };

async function save(b: Board, next: Assignment[], message: HTMLElement): Promise<void> {
  try {
    await ok(
      api.PUT('/v1/assessments/{id}/assignments', {
        params: { path: { id: b.id }, header: { 'if-match': b.etag } },
        body: { assignments: next },
      }),
    );
    await b.reload('assignments');
  } catch (error) {
    errorLine(message, error);
  }
}

const current = (b: Board): Assignment[] =>
  b.assignments.assignments.map((a) => ({
    scope: a.scope,
    lead: a.lead,
    ...(a.contributors.length ? { contributors: a.contributors } : {}),
  }));

const nameOf = (b: Board, id: string) => {
  const m = b.ministries.find((x) => x.id === id);
  return m ? ministryLabel(m) : id;
};

function scopeTitle(b: Board, scope: string): string {
  for (const d of b.framework.domains)
    for (const s of d.subdomains) {
      if (s.key === scope) return `${s.key} ${s.title}`;
      const q = s.questions.find((x) => x.key === scope);
      if (q) return `${q.key} ${q.text}`;
    }
  return scope;
}

function assignmentRows(b: Board, message: HTMLElement): HTMLTableRowElement[] {
  return b.assignments.assignments.map((a) =>
    h(
      'tr',
      null,
      h('th', { scope: 'row' }, scopeTitle(b, a.scope)),
      h('td', null, nameOf(b, a.lead)),
      h('td', null, a.contributors.map((c) => nameOf(b, c)).join(', ') || '—'),
      canManage(b) &&
        h(
          'td',
          null,
          h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: () =>
                void save(
                  b,
                  current(b).filter((x) => x.scope !== a.scope),
                  message,
                ),
            },
            t('cons.unassign', { scope: a.scope }),
          ),
        ),
    ),
  );
}

function assign(b: Board, form: HTMLFormElement, message: HTMLElement): void {
  const data = new FormData(form);
  const scope = String(data.get('scope'));
  const lead = String(data.get('lead'));
  const contributors = data
    .getAll('contributors')
    .map(String)
    .filter((c) => c !== lead);
  const next = current(b).filter((x) => x.scope !== scope);
  next.push({ scope, lead, ...(contributors.length ? { contributors } : {}) });
  void save(b, next, message);
}

/** A whole sub-domain, or one of its questions: a question's own assignment wins over its sub-domain's. */
function scopeField(b: Board): HTMLElement {
  const scopeId = uid('scope');
  return h(
    'p',
    { class: 'field' },
    h('label', { for: scopeId }, t('cons.scope')),
    h('small', { id: `${scopeId}-hint` }, t('cons.scopeHint')),
    h(
      'select',
      { id: scopeId, name: 'scope', 'aria-describedby': `${scopeId}-hint` },
      b.framework.domains.flatMap((d) =>
        d.subdomains.map((s) =>
          h(
            'optgroup',
            { label: `${s.key} ${s.title}` },
            h('option', { value: s.key }, t('cons.wholeSubdomain', { key: s.key, title: s.title })),
            s.questions.map((q) =>
              h(
                'option',
                { value: q.key },
                `${q.key} ${q.text.length > 90 ? `${q.text.slice(0, 89)}…` : q.text}`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function assignForm(b: Board, message: HTMLElement): HTMLFormElement {
  const active = b.ministries.filter((m) => !m.retired);
  const leadId = uid('lead');
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'assign',
      onsubmit: (event: Event) => {
        event.preventDefault();
        assign(b, form, message);
      },
    },
    h('h3', null, t('cons.assignTitle')),
    scopeField(b),
    h(
      'p',
      { class: 'field' },
      h('label', { for: leadId }, t('cons.lead')),
      h(
        'select',
        { id: leadId, name: 'lead' },
        active.map((m) => h('option', { value: m.id }, ministryLabel(m))),
      ),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, t('cons.contributing')),
      active.map((m) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: 'contributors', value: m.id }),
          ministryLabel(m),
        ),
      ),
    ),
    h('button', { type: 'submit' }, t('cons.assign')),
  );
  return form;
}

export function assignmentsSection(b: Board): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const manage = canManage(b);
  const head = [t('cons.scope'), t('cons.lead'), t('cons.contributing')];
  const table = h(
    'table',
    null,
    h('caption', { class: 'sr-only' }, t('cons.assignments')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        head.map((c) => h('th', { scope: 'col' }, c)),
        manage && h('th', { scope: 'col' }, t('cons.actions')),
      ),
    ),
    h('tbody', null, assignmentRows(b, message)),
  );
  return h(
    'section',
    { id: 'assignments' },
    h('h2', { id: 'assignments-h', tabindex: -1 }, t('cons.assignments')),
    b.assignments.assignments.length
      ? scrollBox(t('cons.assignments'), table)
      : h('p', null, t('cons.noAssignments')),
    h('p', null, t('cons.unassigned', { count: b.assignments.unassigned })),
    message,
    manage && b.ministries.some((m) => !m.retired) && assignForm(b, message),
  );
}
