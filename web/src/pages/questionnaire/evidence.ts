import type { Question } from '../../api.ts';
import { fileSize, openButton } from '../../documents.ts';
import { clear, h } from '../../dom.ts';
import { t } from '../../i18n.ts';
import { draftOf, edit } from './autosave.ts';
import type { State } from './state.ts';
import { uploadArea } from './uploads.ts';

/** The file an evidence item carries, named, with its size and a button to open it. */
function fileLine(s: State, docId: string | undefined, i: number, key: string) {
  if (!docId) return null;
  const doc = s.docs.get(docId);
  const message = h('span', { class: 'error', role: 'alert' });
  return h(
    'p',
    { class: 'ev-file' },
    doc ? t('doc.file', { name: doc.name, size: fileSize(doc.size) }) : t('doc.unknown'),
    ' ',
    doc && openButton(s.id, doc, message, `ev-${key}-${i}-open`),
    message,
  );
}

function evidenceField(s: State, q: Question, i: number, name: 'title' | 'url' | 'citation', type: string) {
  const item = s.local.get(q.key)?.evidence[i];
  const id = `ev-${q.key}-${i}-${name}`;
  const input = h('input', {
    id,
    type,
    maxlength: name === 'url' ? 2000 : name === 'title' ? 300 : 1000,
    autocomplete: 'off',
  });
  input.value = item?.[name] ?? '';
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
}

function evidenceItem(s: State, q: Question, i: number, draw: () => void) {
  return h(
    'div',
    { class: 'evidence-item' },
    fileLine(s, s.local.get(q.key)?.evidence[i]?.document, i, q.key),
    evidenceField(s, q, i, 'title', 'text'),
    evidenceField(s, q, i, 'url', 'url'),
    evidenceField(s, q, i, 'citation', 'text'),
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
}

export function evidenceFields(s: State, q: Question) {
  const container = h('div', { class: 'evidence-items' });
  const draw = () => {
    const items = s.local.get(q.key)?.evidence ?? [];
    clear(
      container,
      items.map((_, i) => evidenceItem(s, q, i, draw)),
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
    uploadArea(s, q),
  );
}
