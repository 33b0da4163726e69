import { api, ok } from '../../api.ts';
import { type Doc, fileSize } from '../../documents.ts';
import { clear, h } from '../../dom.ts';
import { locale, t } from '../../i18n.ts';
import { previewView } from './preview.ts';
import { type Desk, onSubmit, problemText, step } from './steps.ts';

/** The preview of the public profile with this authority and these documents. */
async function showPreview(id: string, preview: HTMLElement, authority: string, documents: string[]) {
  try {
    const { data } = await ok(
      api.GET('/v1/assessments/{id}/publication/preview', {
        params: { path: { id }, query: { lang: locale(), authority, documents: documents.join(',') } },
      }),
    );
    clear(preview, previewView(data));
  } catch (error) {
    clear(preview, h('p', { class: 'error' }, problemText(error)));
  }
}

/** A checkbox per evidence document: "may be public". */
function documentChoices(docs: Doc[], boxes: HTMLInputElement[]) {
  return h(
    'fieldset',
    null,
    h('legend', null, t('pub.documents')),
    docs.length
      ? docs.map((d, i) =>
          h(
            'div',
            { class: 'check' },
            boxes[i],
            ' ',
            h(
              'label',
              { for: `public-${d.id}` },
              t('pub.mayBePublic', { name: d.name, size: fileSize(d.size) }),
            ),
          ),
        )
      : h('p', null, t('pub.noDocuments')),
  );
}

/** The documents the focal point may make public, and the authority, with the preview beside. */
export function approveSection(desk: Desk, docs: Doc[]) {
  const authority = h('input', {
    id: 'authority',
    type: 'text',
    maxlength: 300,
    'aria-required': 'true',
    'aria-describedby': 'authority-hint',
  });
  const boxes = docs.map((d) => h('input', { type: 'checkbox', id: `public-${d.id}`, value: d.id }));
  const preview = h('div', { id: 'preview', 'aria-live': 'polite' });
  const chosen = () => boxes.filter((b) => b.checked).map((b) => b.value);
  const refresh = () => showPreview(desk.id, preview, authority.value.trim(), chosen());
  const approve = () => {
    if (!authority.value.trim()) {
      desk.message.replaceChildren(h('p', { class: 'error' }, t('pub.authorityRequired')));
      authority.focus();
      return;
    }
    void step(
      desk,
      (header) =>
        ok(
          api.POST('/v1/assessments/{id}/approve', {
            params: { path: { id: desk.id }, header },
            body: { authority: authority.value.trim(), publicDocuments: chosen() },
          }),
        ),
      t('pub.approvedDone'),
    );
  };
  for (const box of boxes) box.addEventListener('change', () => void refresh());
  authority.addEventListener('change', () => void refresh());
  void refresh();
  return h(
    'section',
    { class: 'card decide', 'aria-labelledby': 'pub-approve' },
    h('h2', { id: 'pub-approve' }, t('pub.approveTitle')),
    h('p', { class: 'hint' }, t('pub.approveHint')),
    h(
      'form',
      { onsubmit: onSubmit(approve) },
      h('label', { for: 'authority' }, t('pub.authority')),
      h('p', { class: 'hint', id: 'authority-hint' }, t('pub.authorityHint')),
      authority,
      documentChoices(docs, boxes),
      h('h3', null, t('pub.preview')),
      preview,
      h('div', { class: 'choices' }, h('button', { type: 'submit', id: 'approve' }, t('pub.approve'))),
    ),
  );
}
