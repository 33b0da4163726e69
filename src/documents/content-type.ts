import { fileTypeFromBuffer } from 'file-type';
import { AppError, message } from '../lib/errors.ts';
import { inspectZip, OFFICE_TYPES } from './office-zip.ts';

/*
 * The type of an upload is decided from its bytes, never from its name or the type the client
 * declared: PDF, PNG and JPEG by their signatures (file-type), office documents by their zip
 * directory (office-zip.ts), plain text and CSV by our own check (valid UTF-8 without NUL or
 * control bytes, and not markup). The declared type and the name's extension may only agree.
 */

export const ALLOWED_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  ...Object.values(OFFICE_TYPES),
] as const;

/** Types that may be shown in the browser (`?inline=1`): the rest are always downloads. */
export const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** Declared types that name no format in particular (browsers send the spreadsheet ones for CSV). */
const NEUTRAL = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
  'application/vnd.ms-excel',
  'application/x-zip-compressed',
  'application/zip',
]);

const TEXT = new Set(['text/plain', 'text/csv']);
const CSV_ALIASES = new Set([
  'text/csv',
  'application/csv',
  'text/x-csv',
  'application/x-csv',
  'text/comma-separated-values',
]);

const EXTENSIONS: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  docx: OFFICE_TYPES.docx,
  xlsx: OFFICE_TYPES.xlsx,
  pptx: OFFICE_TYPES.pptx,
  odt: OFFICE_TYPES.odt,
  ods: OFFICE_TYPES.ods,
  odp: OFFICE_TYPES.odp,
  html: 'text/html',
  htm: 'text/html',
  svg: 'image/svg+xml',
  xml: 'application/xml',
  js: 'text/javascript',
  exe: 'application/x-msdownload',
  zip: 'application/zip',
};

/** Markup a browser would render as a page (HTML, SVG, XML): the start of text, or inside a binary's head. */
const MARKUP_START =
  /^\s*<(?:!doctype\s+html|html|head|body|script|svg|\?xml|iframe|object|embed|title|div|a\s|img|style|meta|!--)/i;
const MARKUP_ANYWHERE = /<(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed)[\s>/]/i;

/** What the staged bytes tell: their first bytes and whether all of them are text. */
export interface Sniffable {
  head: Buffer;
  textual: boolean;
  path: string;
  size: number;
}

const normalise = (type: string | undefined) => (type ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

function unsupported(detected: string, declared: string): AppError {
  return new AppError('unsupported_media_type', message('problem.documentType', { detected }), {
    detected,
    declared: declared || null,
    allowed: [...ALLOWED_TYPES],
  });
}

function textType(sniffable: Sniffable): string {
  const text = sniffable.head.toString('utf8').replace(/^\ufeff/, '');
  if (/^\s*<svg|<svg[\s>]/i.test(text.slice(0, 1024))) return 'image/svg+xml';
  if (MARKUP_START.test(text)) return /^\s*<\?xml/i.test(text) ? 'application/xml' : 'text/html';
  return 'text/plain';
}

async function detect(sniffable: Sniffable): Promise<string> {
  if (sniffable.size === 0) return 'application/x-empty';
  const found = await fileTypeFromBuffer(sniffable.head);
  if (
    found?.mime === 'application/zip' ||
    found?.ext === 'docx' ||
    found?.ext === 'xlsx' ||
    found?.ext === 'pptx' ||
    found?.ext === 'odt' ||
    found?.ext === 'ods' ||
    found?.ext === 'odp'
  ) {
    const zip = await inspectZip(sniffable.path);
    if (zip.kind === 'office') return zip.mediaType;
    return zip.kind === 'bomb' ? 'application/zip; bomb' : 'application/zip';
  }
  if (found) {
    // A polyglot: an image or PDF whose first bytes also read as a web page to an old browser.
    const head = sniffable.head.subarray(0, 1024).toString('latin1');
    if (INLINE_TYPES.has(found.mime) && MARKUP_ANYWHERE.test(head)) return 'text/html';
    return found.mime;
  }
  return sniffable.textual ? textType(sniffable) : 'application/octet-stream';
}

/** Whether what the client declared (the part's type, or the name's extension) agrees with the content. */
function agrees(claimed: string, detected: string): boolean {
  if (NEUTRAL.has(claimed) || claimed === detected) return true;
  if (TEXT.has(detected)) return claimed === 'text/plain' || CSV_ALIASES.has(claimed);
  return false;
}

/**
 * The media type the upload is stored and served as; 415 when it is none of the allowed ones, or
 * when the declared type or the name's extension names another format.
 */
export async function decideType(
  sniffable: Sniffable,
  declaredType: string | undefined,
  name: string,
): Promise<string> {
  const declared = normalise(declaredType);
  let detected = await detect(sniffable);
  if (detected === 'application/zip; bomb') {
    throw new AppError('unsupported_media_type', message('problem.documentZipBomb'), {
      detected: 'application/zip',
      declared: declared || null,
    });
  }
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const named = extension ? EXTENSIONS[extension] : undefined;
  if (detected === 'text/plain' && (named === 'text/csv' || CSV_ALIASES.has(declared))) detected = 'text/csv';
  if (!(ALLOWED_TYPES as readonly string[]).includes(detected)) throw unsupported(detected, declared);
  if (!agrees(declared, detected) || (named !== undefined && !agrees(named, detected))) {
    throw new AppError(
      'unsupported_media_type',
      message('problem.documentTypeMismatch', { detected, declared: declared || (named ?? '') }),
      { detected, declared: declared || null, named: named ?? null },
    );
  }
  return detected;
}
