import type { Question } from '../../api.ts';
import {
  ACCEPT,
  type Doc,
  deleteDocument,
  fileSize,
  limitText,
  listDocuments,
  openButton,
  uploadDocument,
} from '../../documents.ts';
import { h, uid } from '../../dom.ts';
import { t } from '../../i18n.ts';
import { edit } from './autosave.ts';
import { problemText, refresh, type State } from './state.ts';

/*
 * Files on a question: a drop zone (a real button and file input, so the keyboard reaches it),
 * a progress bar per upload, and the question's files with open and delete. An upload only adds
 * an evidence item once the server holds the file, through the same edit-and-autosave path as
 * typing, so a refused upload leaves the answer as it was.
 */

interface Upload {
  /** The id of its progress bar. */
  id: string;
  name: string;
  fraction: number;
}
/** Uploads under way and the last word on each question, kept apart from the DOM: a redraw keeps them. */
const uploads = new Map<string, Upload[]>();
const notes = new Map<string, { text: string; error: boolean }>();
/** The key of a question in those maps: the page may move to another assessment. */
const at = (s: State, key: string) => `${s.id} ${key}`;

/** Text kept for display only: control and direction-override characters make no title. */
const titleOf = (name: string) =>
  name
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, 300) || 'document';

function progressRows(s: State, key: string) {
  return (uploads.get(at(s, key)) ?? []).map((u) =>
    h(
      'div',
      { class: 'upload' },
      h('span', null, t('doc.uploading', { name: u.name })),
      h('progress', { id: u.id, max: 100, value: Math.round(u.fraction * 100), 'aria-label': u.name }),
      h('span', { class: 'percent' }, `${Math.round(u.fraction * 100)}\u00a0%`),
    ),
  );
}

/** The assessment's documents and its per-file limit, for the page's state. */
export async function loadFiles(id: string): Promise<Pick<State, 'docs' | 'fileLimit'>> {
  // The answers can be read and changed without the list of files.
  const list = await listDocuments(id).catch(() => null);
  return { docs: new Map(list?.documents.map((d) => [d.id, d])), fileLimit: list?.fileLimitBytes ?? null };
}

/** Redraws the question (its evidence items, the progress bars, the note) in place. */
const redraw = (key: string) => refresh([key]);

/** Shows how much of an upload is sent, on its bar wherever the question is drawn now. */
function show(upload: Upload, fraction: number): void {
  upload.fraction = fraction;
  const percent = Math.round(fraction * 100);
  const bar = document.getElementById(upload.id) as HTMLProgressElement | null;
  if (bar) bar.value = percent;
  if (bar?.nextElementSibling) bar.nextElementSibling.textContent = `${percent}\u00a0%`;
}

async function sendOne(s: State, q: Question, file: File): Promise<void> {
  const key = at(s, q.key);
  const upload: Upload = { id: uid('upload'), name: file.name, fraction: 0 };
  uploads.set(key, [...(uploads.get(key) ?? []), upload]);
  notes.set(key, { text: t('doc.started', { name: file.name }), error: false });
  redraw(q.key);
  try {
    if (s.fileLimit !== null && file.size > s.fileLimit)
      throw new Error(t('doc.tooBig', { name: file.name, limit: limitText(s.fileLimit) }));
    const doc = await uploadDocument(s.id, q.key, file, (fraction) => show(upload, fraction), s.fileLimit);
    s.docs.set(doc.id, doc);
    notes.set(key, { text: t('doc.attached', { name: file.name }), error: false });
    edit(s, q.key, (d) => d.evidence.push({ title: titleOf(file.name), document: doc.id }), 0);
  } catch (error) {
    notes.set(key, { text: (error as Error).message, error: true });
  }
  uploads.set(
    key,
    (uploads.get(key) ?? []).filter((u) => u !== upload),
  );
  redraw(q.key);
}

async function send(s: State, q: Question, files: FileList | null): Promise<void> {
  // One after the other: each progress bar moves at the speed of the line.
  for (const file of Array.from(files ?? [])) await sendOne(s, q, file);
}

function dropZone(s: State, q: Question) {
  const input = h('input', {
    type: 'file',
    id: `file-${q.key}`,
    multiple: true,
    hidden: true,
    accept: ACCEPT,
  });
  input.addEventListener('change', () => {
    void send(s, q, input.files);
    input.value = '';
  });
  const zone = h(
    'div',
    { class: 'dropzone' },
    input,
    h(
      'button',
      { type: 'button', class: 'secondary small', id: `choose-${q.key}`, onclick: () => input.click() },
      t('doc.choose'),
      h('span', { class: 'sr-only' }, ` ${q.key}`),
    ),
    h(
      'span',
      { class: 'hint' },
      s.fileLimit ? t('doc.drop', { limit: limitText(s.fileLimit) }) : t('doc.dropNoLimit'),
    ),
  );
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    void send(s, q, event.dataTransfer?.files ?? null);
  });
  return zone;
}

/** The questions whose answer, as the person sees it, cites the document. */
const citedBy = (s: State, docId: string) =>
  [...s.local].filter(([, d]) => d.evidence.some((e) => e.document === docId)).map(([key]) => key);

async function remove(s: State, q: Question, doc: Doc): Promise<void> {
  const cited = citedBy(s, doc.id);
  if (cited.length) {
    notes.set(at(s, q.key), {
      text: t('doc.inUse', { name: doc.name, questions: cited.join(', ') }),
      error: true,
    });
    return redraw(q.key);
  }
  if (!window.confirm(t('doc.deleteConfirm', { name: doc.name }))) return;
  try {
    await deleteDocument(s.id, doc.id);
    s.docs.delete(doc.id);
    notes.set(at(s, q.key), { text: t('doc.deleted', { name: doc.name }), error: false });
  } catch (error) {
    notes.set(at(s, q.key), { text: problemText(error), error: true });
  }
  redraw(q.key);
  // The button pressed is gone with its file: the keyboard carries on from the question's chooser.
  if (document.activeElement === document.body) document.getElementById(`choose-${q.key}`)?.focus();
}

function docRow(s: State, q: Question, doc: Doc, message: HTMLElement) {
  return h(
    'li',
    null,
    h('span', { class: 'doc-name' }, doc.name),
    ' ',
    h('span', { class: 'hint' }, fileSize(doc.size)),
    ' ',
    h(
      'span',
      { class: 'doc-actions' },
      openButton(s.id, doc, message, `open-${q.key}-${doc.id}`),
      ' ',
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          id: `del-${q.key}-${doc.id}`,
          onclick: () => void remove(s, q, doc),
        },
        t('doc.delete'),
        h('span', { class: 'sr-only' }, ` ${doc.name}`),
      ),
    ),
  );
}

/** The drop zone, uploads under way and the files of the question, for the evidence area. */
export function uploadArea(s: State, q: Question) {
  const note = notes.get(at(s, q.key));
  const message = h(
    'p',
    { class: note?.error ? 'error' : 'hint', role: note?.error ? 'alert' : 'status' },
    note?.text,
  );
  const cited = new Set(s.local.get(q.key)?.evidence.map((e) => e.document));
  const docs = [...s.docs.values()].filter((d) => d.question === q.key || cited.has(d.id));
  return h(
    'div',
    { class: 'uploads', id: `up-${q.key}` },
    dropZone(s, q),
    progressRows(s, q.key),
    message,
    docs.length
      ? h(
          'div',
          { class: 'docs' },
          h('p', { class: 'glabel', id: `docs-${q.key}` }, t('doc.list')),
          h(
            'ul',
            { 'aria-labelledby': `docs-${q.key}` },
            docs.map((d) => docRow(s, q, d, message)),
          ),
        )
      : null,
  );
}

// A file dropped beside a drop zone would make the browser leave the page for the file.
for (const type of ['dragover', 'drop'])
  window.addEventListener(type, (event) => {
    if ((event as DragEvent).dataTransfer?.types.includes('Files')) event.preventDefault();
  });
