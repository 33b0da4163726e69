import { api, ok } from '../../api.ts';
import { h, scrollBox, uid } from '../../dom.ts';
import { t } from '../../i18n.ts';
import { type Board, canManage, errorLine, type Ministry } from './board.ts';

/* The country's ministries: the list, adding one, changing one, retiring one. */

async function retire(b: Board, m: Ministry, message: HTMLElement): Promise<void> {
  if (!confirm(t('cons.retireConfirm', { ministry: m.name }))) return;
  try {
    await ok(
      api.DELETE('/v1/countries/{iso3}/ministries/{ministryId}', {
        params: { path: { iso3: b.assessment.country, ministryId: m.id } },
      }),
    );
    await b.reload('ministries');
  } catch (error) {
    errorLine(message, error);
  }
}

function ministryRow(b: Board, m: Ministry, message: HTMLElement, edit: HTMLElement): HTMLTableRowElement {
  return h(
    'tr',
    null,
    h('th', { scope: 'row' }, m.code),
    h('td', null, m.name),
    h('td', null, m.acronym ?? '—'),
    h('td', null, m.contacts.join(', ') || '—'),
    h('td', null, m.retired ? t('cons.retired') : t('cons.active')),
    canManage(b) &&
      h(
        'td',
        null,
        !m.retired && [
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => editForm(b, m, edit) },
            t('cons.edit', { code: m.code }),
          ),
          ' ',
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => void retire(b, m, message) },
            t('cons.retire', { code: m.code }),
          ),
        ],
      ),
  );
}

function field(label: string, input: HTMLInputElement, hint?: string): HTMLElement {
  const id = uid('min');
  input.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) input.setAttribute('aria-describedby', hintId);
  return h(
    'p',
    { class: 'field' },
    h('label', { for: id }, label),
    hint && h('small', { id: hintId }, hint),
    input,
  );
}

async function add(b: Board, form: HTMLFormElement, message: HTMLElement): Promise<void> {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const contacts = value('contacts')
    .split(/[\s,;]+/)
    .filter(Boolean);
  try {
    await ok(
      api.POST('/v1/countries/{iso3}/ministries', {
        params: { path: { iso3: b.assessment.country } },
        body: {
          code: value('code'),
          name: value('name'),
          ...(value('acronym') ? { acronym: value('acronym') } : {}),
          ...(contacts.length ? { contacts } : {}),
        },
      }),
    );
    await b.reload('ministries');
  } catch (error) {
    errorLine(message, error);
  }
}

/** What the form holds, as the API takes it: empty optional fields clear them. */
function formBody(form: HTMLFormElement) {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  const contacts = value('contacts')
    .split(/[\s,;]+/)
    .filter(Boolean);
  return { code: value('code'), name: value('name'), acronym: value('acronym'), contacts };
}

async function update(b: Board, m: Ministry, form: HTMLFormElement, message: HTMLElement): Promise<void> {
  const body = formBody(form);
  try {
    await ok(
      api.PATCH('/v1/countries/{iso3}/ministries/{ministryId}', {
        params: {
          path: { iso3: b.assessment.country, ministryId: m.id },
          header: { 'if-match': `"r${m.revision}"` },
        },
        body: { ...body, acronym: body.acronym || null },
      }),
    );
    await b.reload('ministries');
  } catch (error) {
    errorLine(message, error);
  }
}

/** Changing a ministry: its form below the table, filled with what it has now. */
function editForm(b: Board, m: Ministry, box: HTMLElement): void {
  const message = h('div', { 'aria-live': 'polite' });
  const input = (name: string, value: string, required = false) =>
    h('input', { name, type: 'text', required, autocomplete: 'off', value });
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'edit-ministry',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void update(b, m, form, message);
      },
    },
    h('h3', { tabindex: -1 }, t('cons.editTitle', { code: m.code })),
    field(t('cons.code'), input('code', m.code, true), t('cons.codeHint')),
    field(t('cons.name'), input('name', m.name, true)),
    field(t('cons.acronym'), input('acronym', m.acronym ?? '')),
    field(t('cons.contacts'), input('contacts', m.contacts.join(', ')), t('cons.contactsHint')),
    h('button', { type: 'submit' }, t('cons.save')),
    ' ',
    h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => box.replaceChildren() },
      t('cons.cancel'),
    ),
    message,
  );
  box.replaceChildren(form);
  (form.querySelector('h3') as HTMLElement).focus();
}

function addForm(b: Board, message: HTMLElement): HTMLFormElement {
  const input = (name: string, required = false, type = 'text') =>
    h('input', { name, type, required, autocomplete: 'off' });
  const form: HTMLFormElement = h(
    'form',
    {
      class: 'add-ministry',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void add(b, form, message);
      },
    },
    h('h3', null, t('cons.addMinistry')),
    field(t('cons.code'), input('code', true), t('cons.codeHint')),
    field(t('cons.name'), input('name', true)),
    field(t('cons.acronym'), input('acronym')),
    field(t('cons.contacts'), input('contacts'), t('cons.contactsHint')),
    h('button', { type: 'submit' }, t('cons.add')),
  );
  return form;
}

export function ministriesSection(b: Board): HTMLElement {
  const message = h('div', { 'aria-live': 'polite' });
  const edit = h('div', { class: 'edit-ministry' });
  const manage = canManage(b);
  const table = h(
    'table',
    null,
    h('caption', { class: 'sr-only' }, t('cons.ministries')),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [t('cons.code'), t('cons.name'), t('cons.acronym'), t('cons.contacts'), t('cons.status')].map((c) =>
          h('th', { scope: 'col' }, c),
        ),
        manage && h('th', { scope: 'col' }, t('cons.actions')),
      ),
    ),
    h(
      'tbody',
      null,
      b.ministries.map((m) => ministryRow(b, m, message, edit)),
    ),
  );
  return h(
    'section',
    { id: 'ministries' },
    h('h2', { id: 'ministries-h', tabindex: -1 }, t('cons.ministries')),
    b.ministries.length ? scrollBox(t('cons.ministries'), table) : h('p', null, t('cons.noMinistries')),
    message,
    edit,
    manage && addForm(b, message),
  );
}
