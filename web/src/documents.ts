import { ApiError, apiHeaders, type Evidence, expired, type Problem } from './api.ts';
import { h } from './dom.ts';
import { formatNumber, t } from './i18n.ts';

/* The assessment's evidence documents: listing, uploading with progress, opening and removing. */

/** An uploaded file of an assessment, as the API describes it. */
export interface Doc {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  question: string | null;
  /** The questions whose saved answers cite it (absent on a fresh upload). */
  referencedBy?: string[];
}

export interface DocList {
  documents: Doc[];
  usedBytes: number;
  limitBytes: number;
  fileLimitBytes: number;
}

/** The types the browser shows itself in a new tab; every other file is downloaded. */
const INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** What the file chooser offers first (a dropped file is checked by the server all the same). */
export const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.txt,.csv,.docx,.xlsx,.pptx,.odt,.ods,.odp,application/pdf,image/png,image/jpeg,text/plain,text/csv';

const base = (id: string) => `/v1/assessments/${encodeURIComponent(id)}`;

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, { ...init, headers: apiHeaders(new Headers(init.headers)) });
  if (response.status === 401) expired();
  if (!response.ok) {
    const problem = /json/.test(response.headers.get('content-type') ?? '')
      ? ((await response.json()) as Problem)
      : undefined;
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function listDocuments(id: string): Promise<DocList> {
  return (await call(`${base(id)}/documents`)).json() as Promise<DocList>;
}

export async function deleteDocument(id: string, docId: string): Promise<void> {
  await call(`${base(id)}/documents/${encodeURIComponent(docId)}`, { method: 'DELETE' });
}

/** A size as people read it: KiB under a mebibyte, MiB above. */
export const fileSize = (bytes: number) =>
  bytes < 1024 * 1024
    ? t('doc.kib', { n: formatNumber(Math.max(1, Math.round(bytes / 1024)), 0) })
    : t('doc.mib', { n: formatNumber(bytes / 1024 / 1024, 1) });

/** A limit in MiB, without decimals when it is a whole number of them. */
export const limitText = (bytes: number) =>
  t('doc.mib', { n: formatNumber(bytes / 1024 / 1024, bytes % (1024 * 1024) ? 1 : 0) });

/** Why the API refused a file, in the person's language (the server's words for the unforeseen). */
export function refusal(
  name: string,
  status: number,
  problem: Problem | undefined,
  { retryAfter = '', fileLimit = null as number | null } = {},
) {
  const limit = (problem as { limitBytes?: number } | undefined)?.limitBytes;
  // A limit above one file's is the assessment's, reached with this file.
  if (status === 413 && limit && fileLimit && limit > fileLimit)
    return t('doc.full', { name, limit: limitText(limit) });
  if (status === 413)
    return limit ? t('doc.tooBig', { name, limit: limitText(limit) }) : t('doc.tooBigNoLimit', { name });
  if (status === 415) return t('doc.badType', { name });
  if (status === 403) return t('doc.forbidden', { name });
  if (status === 409) return t('doc.readOnly', { name });
  if (status === 503 || status === 429)
    return t('doc.busy', { name, seconds: Number(retryAfter) > 0 ? Number(retryAfter) : 30 });
  if (status === 0) return t('doc.network', { name });
  return t('doc.failed', { name, reason: problem?.detail ?? problem?.title ?? `HTTP ${status}` });
}

/** Thrown when an upload is refused: the message is ready to show. */
export class UploadError extends Error {}

/**
 * Sends one file as `multipart/form-data`. XMLHttpRequest, not fetch: only it reports the
 * progress of what is sent.
 */
export function uploadDocument(
  id: string,
  question: string | null,
  file: File,
  progress: (fraction: number) => void,
  fileLimit: number | null = null,
): Promise<Doc> {
  const form = new FormData();
  form.append('file', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', `${base(id)}/documents${question ? `?question=${encodeURIComponent(question)}` : ''}`);
  for (const [key, value] of apiHeaders()) xhr.setRequestHeader(key, value);
  xhr.upload.addEventListener('progress', (event) => {
    if (event.lengthComputable) progress(event.loaded / event.total);
  });
  return new Promise((resolve, reject) => {
    xhr.addEventListener('load', () => {
      if (xhr.status === 201) return resolve(JSON.parse(xhr.responseText) as Doc);
      if (xhr.status === 401) expired();
      let problem: Problem | undefined;
      try {
        problem = JSON.parse(xhr.responseText) as Problem;
      } catch {
        // A proxy's HTML page: the status alone says why.
      }
      const retryAfter = xhr.getResponseHeader('retry-after') ?? '';
      reject(new UploadError(refusal(file.name, xhr.status, problem, { retryAfter, fileLimit })));
    });
    for (const name of ['error', 'abort', 'timeout'])
      xhr.addEventListener(name, () => reject(new UploadError(refusal(file.name, 0, undefined))));
    xhr.send(form);
  });
}

/** Asks the browser to save a blob under a name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Opens a document: PDF and images in a new tab, anything else downloaded. The file needs the
 * token, so it is fetched and shown from a blob: URL; the tab is opened at once, while the click
 * still counts as the person's, or the browser would block it as a pop-up.
 */
export async function openDocument(id: string, doc: Pick<Doc, 'id' | 'name' | 'mediaType'>): Promise<void> {
  const inline = INLINE.has(doc.mediaType);
  const tab = inline ? window.open('', '_blank') : null;
  try {
    const path = `${base(id)}/documents/${encodeURIComponent(doc.id)}${inline ? '?inline=1' : ''}`;
    const blob = await (await call(path)).blob();
    if (!tab) return saveBlob(blob, doc.name);
    tab.opener = null;
    // Not revoked: the tab's viewer may read the file again (to save or print it).
    tab.location.href = URL.createObjectURL(blob);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

/** A button that opens a document, with what went wrong said in `message`. */
export function openButton(id: string, doc: Doc, message: HTMLElement, buttonId?: string): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      id: buttonId,
      onclick: () =>
        openDocument(id, doc).catch((error: Error) => {
          message.textContent = error.message;
        }),
    },
    t(INLINE.has(doc.mediaType) ? 'doc.open' : 'doc.download'),
    h('span', { class: 'sr-only' }, ` ${doc.name}`),
  );
}

/** The button that downloads the evidence pack (every document, an index and the profile PDF). */
export function packButton(id: string, of: { country: string; period: string }): HTMLElement {
  const filename = `migov-evidence-${of.country}-${of.period}.zip`;
  const message = h('span', { role: 'status', class: 'error' });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        message.textContent = '';
        button.disabled = true;
        try {
          saveBlob(await (await call(`${base(id)}/evidence.zip`)).blob(), filename);
        } catch (error) {
          message.textContent = (error as Error).message;
        } finally {
          button.disabled = false;
        }
      },
    },
    t('doc.pack'),
  );
  return h('p', { class: 'pack' }, button, ' ', message);
}

/**
 * A piece of evidence as read-only text: its title (a link when it has a URL), citation, and its
 * file with a button that opens it (`message` says what went wrong).
 */
export function evidenceView(e: Evidence, assessment: string, doc: Doc | undefined, message: HTMLElement) {
  return [
    e.url ? h('a', { href: e.url, rel: 'noopener noreferrer', target: '_blank' }, e.title) : e.title,
    e.citation ? ` (${e.citation})` : '',
    doc
      ? [
          ' · ',
          h('span', { class: 'hint' }, t('doc.file', { name: doc.name, size: fileSize(doc.size) })),
          ' ',
          openButton(assessment, doc, message),
        ]
      : '',
  ];
}
