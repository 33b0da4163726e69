import type { Question } from '../../api.ts';
import { evidenceView } from '../../documents.ts';
import { h, uid } from '../../dom.ts';
import { crosswalkOf, type Draft, describeValue, suggestion } from '../../framework.ts';
import { t } from '../../i18n.ts';
import { edit } from './autosave.ts';
import { evidenceFields } from './evidence.ts';
import { decimalExample, readNumber, showNumber } from './numbers.ts';
import type { State } from './state.ts';
import { discussionTools } from './threads.ts';

/* ---------- one question ---------- */

function readonlyControl(s: State, name: string, q: Question, draft: Draft | undefined) {
  const message = h('p', { class: 'error', role: 'alert' });
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
          draft.evidence.map((e) =>
            h('li', null, evidenceView(e, s.id, e.document ? s.docs.get(e.document) : undefined, message)),
          ),
        )
      : null,
    message,
  );
}

function numberControl(s: State, name: string, q: Question, draft: Draft | undefined, guidanceId: string) {
  // Text, not type=number: the browser would read "6,5" by its own locale, not the person's language.
  const input = h('input', {
    id: `in-${q.key}`,
    type: 'text',
    inputmode: 'decimal',
    autocomplete: 'off',
    value:
      s.typed.get(q.key) ??
      (draft?.value !== undefined && !draft.notApplicable ? showNumber(Number(draft.value)) : ''),
    disabled: draft?.notApplicable === true,
    'aria-describedby': `${guidanceId} u-${q.key} err-${q.key}`,
  });
  const onNumber = () => {
    const raw = input.value.trim();
    const value = readNumber(raw);
    s.typed.set(q.key, input.value);
    if (value === 'ambiguous')
      s.typos.set(q.key, t('q.numberAmbiguous', { example: decimalExample(), typed: raw }));
    else s.typos.delete(q.key);
    edit(s, q.key, (d) => {
      if (raw === '') delete d.value;
      else d.value = typeof value === 'number' ? value : Number.NaN;
    });
  };
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
  if (!canEdit) control = readonlyControl(s, name, q, draft);
  else if (q.type === 'number') control = numberControl(s, name, q, draft, guidanceId);
  else control = choiceControl(s, name, q, draft, guidanceId);
  block.append(
    h(
      'div',
      { class: 'q-main' },
      control,
      crosswalkOf(q) && suggestionNote(s, q),
      canEdit && commentField(s, q),
      canEdit && evidenceFields(s, q),
      h('p', { class: 'field-error', id: `err-${q.key}`, role: 'alert' }),
      discussionTools(s, q),
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
            const value = readNumber(input.value);
            if (typeof value === 'number') d.value = value;
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

/**
 * Under an official 10.7.2 item: that it is worded as in the UN metadata, and what the MiGOF
 * answers suggest for it, with a warning when the person's answer differs. A hint only: it never
 * changes the answer.
 */
export function suggestionNote(s: State, q: Question): HTMLElement {
  const hint = suggestion(s.framework, q, s.local);
  const answer = s.local.get(q.key);
  const label = (value: string) => q.options?.find((o) => o.value === value)?.label ?? value;
  const definite = hint && hint.value !== 'unclear' ? hint : null;
  const differs =
    definite &&
    answer &&
    !answer.notApplicable &&
    answer.value !== undefined &&
    answer.value !== definite.value;
  return h(
    'div',
    { class: 'suggestion', id: `sg-${q.key}` },
    h('p', { class: 'official' }, t('q.officialItem')),
    hint &&
      h(
        'p',
        null,
        definite
          ? t('q.suggestion', { answer: label(definite.value), questions: definite.from.join(', ') })
          : t('q.suggestionUnclear'),
      ),
    differs && h('p', { class: 'warning' }, t('q.suggestionDiffers')),
  );
}
