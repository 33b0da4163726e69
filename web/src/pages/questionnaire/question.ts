import type { Question } from '../../api.ts';
import { h, uid } from '../../dom.ts';
import { type Draft, describeValue } from '../../framework.ts';
import { t } from '../../i18n.ts';
import { edit } from './autosave.ts';
import { evidenceFields, evidenceText } from './evidence.ts';
import type { State } from './state.ts';

/* ---------- one question ---------- */

function readonlyControl(name: string, q: Question, draft: Draft | undefined) {
  return h(
    'div',
    { class: 'readonly' },
    h('p', { class: 'qtext' }, name),
    h('p', null, h('strong', null, describeValue(q, draft, t('q.notApplicable')))),
    draft?.comment ? h('p', null, t('q.commentShown', { comment: draft.comment })) : null,
    // A ternary, not `&&`: a count of 0 would be rendered as the text "0".
    draft?.evidence.length
      ? h(
          'ul',
          null,
          draft.evidence.map((e) => h('li', null, evidenceText(e.title, e.url, e.citation))),
        )
      : null,
  );
}

function numberControl(s: State, name: string, q: Question, draft: Draft | undefined, guidanceId: string) {
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
  return h(
    'div',
    { class: 'number' },
    h('label', { for: input.id, class: 'qtext' }, name),
    h('div', { class: 'row' }, input, h('span', { id: `u-${q.key}`, class: 'unit' }, q.number?.unit ?? '')),
    q.allowNotApplicable && naCheckbox(s, q, input),
  );
}

function radio(
  id: string,
  group: string,
  value: string,
  checked: boolean,
  onchange: () => void,
  label: string,
) {
  return h(
    'div',
    { class: 'option' },
    h('input', { type: 'radio', id, name: group, value, checked, onchange }),
    h('label', { for: id }, label),
  );
}

function choiceControl(s: State, name: string, q: Question, draft: Draft | undefined, guidanceId: string) {
  const group = uid('opt');
  return h(
    'fieldset',
    { 'aria-describedby': guidanceId },
    h('legend', { class: 'qtext' }, name),
    (q.options ?? []).map((o) =>
      radio(
        `${group}-${o.value}`,
        group,
        o.value,
        !draft?.notApplicable && draft?.value === o.value,
        () =>
          edit(s, q.key, (d) => {
            d.value = o.value;
            delete d.notApplicable;
          }),
        o.label,
      ),
    ),
    q.allowNotApplicable &&
      radio(
        `${group}-na`,
        group,
        '',
        draft?.notApplicable === true,
        () =>
          edit(s, q.key, (d) => {
            d.notApplicable = true;
            delete d.value;
          }),
        t('q.notApplicable'),
      ),
  );
}

export function questionBlock(s: State, q: Question, canEdit: boolean, enabled: boolean): HTMLElement {
  const draft = s.local.get(q.key);
  const guidanceId = `g-${q.key}`;
  const block = h('div', { class: 'question', id: `q-${q.key}`, hidden: !enabled });
  const name = `${q.key} ${q.text}`;
  let control: Node;
  if (!canEdit) control = readonlyControl(name, q, draft);
  else if (q.type === 'number') control = numberControl(s, name, q, draft, guidanceId);
  else control = choiceControl(s, name, q, draft, guidanceId);
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
