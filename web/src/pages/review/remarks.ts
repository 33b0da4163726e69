import type { Framework } from '../../api.ts';
import { h, uid } from '../../dom.ts';
import { t } from '../../i18n.ts';

/* The reviewer's remarks on named questions, sent with a return: each opens a thread to resolve. */

export interface Remarks {
  element: HTMLElement;
  /** The remarks typed, without the empty ones. */
  values: () => { question: string; text: string }[];
}

type Question = Framework['domains'][number]['subdomains'][number]['questions'][number];

/** One remark: its question and its text (the labels are numbered by the list). */
function remarkItem(questions: Question[], remove: () => void): HTMLLIElement {
  const selectId = uid('rq');
  const textId = uid('rt');
  return h(
    'li',
    null,
    h('label', { for: selectId }),
    h(
      'select',
      { id: selectId, name: 'question' },
      questions.map((q) => h('option', { value: q.key }, `${q.key} ${q.text.slice(0, 80)}`)),
    ),
    h('label', { for: textId }),
    h('textarea', { id: textId, name: 'text', rows: 2, maxlength: 4000 }),
    h('button', { type: 'button', class: 'secondary', onclick: remove }),
  );
}

export function remarksField(framework: Framework): Remarks {
  const list = h('ol', { class: 'remarks' });
  const questions = framework.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions));
  const renumber = () => {
    list.querySelectorAll('li').forEach((item, i) => {
      const n = i + 1;
      const [question, text] = item.querySelectorAll('label');
      if (question) question.textContent = t('rv.remarkQuestion', { n });
      if (text) text.textContent = t('rv.remarkText', { n });
      item.querySelector('button')?.replaceChildren(t('rv.remarkRemove', { n }));
    });
  };
  const add = () => {
    const item = remarkItem(questions, () => {
      item.remove();
      renumber();
      addButton.focus();
    });
    list.append(item);
    renumber();
    (item.querySelector('select') as HTMLSelectElement).focus();
  };
  const addButton = h('button', { type: 'button', class: 'secondary', onclick: add }, t('rv.remarkAdd'));
  const element = h(
    'fieldset',
    { class: 'remarks-field' },
    h('legend', null, t('rv.remarks')),
    h('p', { class: 'hint' }, t('rv.remarksHint')),
    list,
    addButton,
  );
  const values = () =>
    [...list.querySelectorAll('li')]
      .map((item) => ({
        question: (item.querySelector('select') as HTMLSelectElement).value,
        text: (item.querySelector('textarea') as HTMLTextAreaElement).value.trim(),
      }))
      .filter((r) => r.text);
  return { element, values };
}
