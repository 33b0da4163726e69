import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Compression of large JSON bodies that are serialised once and sent many times. */

export type ContentCoding = 'br' | 'gzip' | 'identity';

/** The q-value of each coding named in Accept-Encoding (RFC 9110 12.5.3), lower-cased. */
function qualities(header: string): Map<string, number> {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (!name) continue;
    const given = params.find((p) => p.startsWith('q='));
    const value = given === undefined ? 1 : Number(given.slice(2));
    q.set(name, Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0);
  }
  return q;
}

/**
 * The coding to send: brotli when the client takes it at least as willingly as gzip (smaller
 * for the same CPU once precompressed), gzip otherwise, or none. `q=0` refuses a coding; `*`
 * stands for every coding not named.
 */
export function chooseCoding(header: string | undefined): ContentCoding {
  if (header === undefined || header.trim() === '') return 'identity';
  const q = qualities(header);
  const star = q.get('*');
  const of = (coding: string) => q.get(coding) ?? star ?? 0;
  const br = of('br');
  const gzip = of('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : 'identity';
}

/**
 * Each body compressed once per coding, on first request, and kept as long as the body itself
 * is kept (by whichever cache holds it): compressing per response would cost more CPU than the
 * serialisation the caches save. `brotliQuality` trades CPU for size: 11 for bodies that never
 * change (a questionnaire), lower for bodies made per revision (reports).
 */
export class Precompressed {
  private readonly packed = new WeakMap<Buffer, Partial<Record<'br' | 'gzip' | 'digest', Buffer>>>();

  constructor(private readonly brotliQuality: number) {}

  /** A short hash of the body, for an ETag that changes exactly when the content does. */
  digest(plain: Buffer): string {
    const entry = this.entry(plain);
    entry.digest ??= createHash('sha256').update(plain).digest().subarray(0, 12);
    return entry.digest.toString('base64url');
  }

  private entry(plain: Buffer) {
    let entry = this.packed.get(plain);
    if (!entry) {
      entry = {};
      this.packed.set(plain, entry);
    }
    return entry;
  }

  body(plain: Buffer, coding: ContentCoding): Buffer {
    if (coding === 'identity') return plain;
    const entry = this.entry(plain);
    entry[coding] ??=
      coding === 'br'
        ? brotliCompressSync(plain, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: this.brotliQuality,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
            },
          })
        : gzipSync(plain, { level: 6 });
    return entry[coding];
  }
}

/**
 * Whether If-None-Match names `etag` (RFC 9110 13.1.2: a list, `*`, weak comparison, so a
 * `W/` prefix is ignored).
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === bare);
}

/** Adds `field` to a Vary header value unless it is there already. */
export function varyWith(current: unknown, field: string): string {
  const list = current === undefined ? '' : String(current);
  if (new RegExp(`(^|,)\\s*${field}\\s*(,|$)`, 'i').test(list)) return list;
  return list ? `${list}, ${field}` : field;
}
