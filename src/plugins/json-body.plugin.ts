import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type FieldError, message } from '../lib/errors.ts';
import { hasLoneSurrogate } from '../lib/text.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The charset parameter of a Content-Type, lower-cased; undefined when there is none. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

/** Where lone surrogates are in a parsed body (values and keys), as `body.a[0].b` paths. */
function loneSurrogates(value: unknown, path: string, found: FieldError[]): FieldError[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value)) {
      found.push({
        path,
        message: 'contains a lone surrogate (an unpaired \\ud800-\\udfff escape), which is not text',
      });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      loneSurrogates(item, `${path}[${i}]`, found);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasLoneSurrogate(key)) found.push({ path, message: 'has a key with a lone surrogate' });
      loneSurrogates(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/**
 * JSON bodies read in the charset they declare, and kept as the text they are.
 *
 * Fastify's own parser decodes every body as UTF-8, so `charset=iso-8859-1` turned "é" into
 * U+FFFD. A declared charset is now decoded (any label of the WHATWG Encoding Standard; an
 * unknown one is 415), and a body that is not valid in it is 400 instead of silently repaired.
 * Lone surrogates (`"\ud800"` escapes) are refused with 400 naming each place: SQLite stores text
 * as UTF-8, which cannot hold them, so the answer read back (U+FFFD) and the history (the raw
 * escape) disagreed.
 */
export default fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer' },
      (
        request: FastifyRequest,
        body: Buffer | string,
        done: (error: Error | null, value?: unknown) => void,
      ) => {
        const charset = charsetOf(request.headers['content-type']) ?? 'utf-8';
        let text: string;
        try {
          const decoder =
            charset === 'utf-8' || charset === 'utf8' ? utf8 : new TextDecoder(charset, { fatal: true });
          text = decoder.decode(body as Buffer);
        } catch (error) {
          done(
            (error as { code?: string }).code === 'ERR_ENCODING_NOT_SUPPORTED'
              ? new AppError('unsupported_media_type', message('problem.charsetUnknown', { charset }))
              : new AppError('bad_request', message('problem.charsetInvalid', { charset })),
          );
          return;
        }
        parseJson(request, text, (error, value) => {
          if (error) {
            done(error);
            return;
          }
          const errors = loneSurrogates(value, 'body', []);
          if (errors.length) {
            done(
              new AppError('validation', message('problem.notUnicode', { count: errors.length }), { errors }),
            );
            return;
          }
          done(null, value);
        });
      },
    );
  },
  { name: 'json-body', dependencies: ['errors'] },
);
