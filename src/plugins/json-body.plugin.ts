import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, type FieldError, fieldError, message } from '../lib/errors.ts';
import { controlCharacterIn, hasLoneSurrogate } from '../lib/text.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The charset parameter of a Content-Type, lower-cased; undefined when there is none. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

const MAX_TEXT_ERRORS = 20;

/**
 * What is not text in a parsed body (values and keys), as `body.a[0].b` paths: lone
 * surrogates, and control characters other than tab, line feed and carriage return.
 */
function textProblems(value: unknown, path: string, found: TextProblems): TextProblems {
  if (found.errors.length >= MAX_TEXT_ERRORS) return found;
  if (typeof value === 'string') {
    const problem = textProblem(value, path);
    if (problem) found.errors.push(problem);
    if (problem && hasLoneSurrogate(value)) found.surrogates = true;
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      textProblems(item, `${path}[${i}]`, found);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasLoneSurrogate(key)) {
        found.errors.push({ path, message: 'has a key with a lone surrogate' });
        found.surrogates = true;
      } else if (controlCharacterIn(key)) {
        found.errors.push({ path, message: 'has a key with a control character' });
      }
      textProblems(item, `${path}.${key}`, found);
    }
  }
  return found;
}

interface TextProblems {
  errors: FieldError[];
  /** Whether any is a lone surrogate (the detail then says "not valid Unicode"). */
  surrogates: boolean;
}

function textProblem(value: string, path: string): FieldError | undefined {
  if (hasLoneSurrogate(value)) {
    return {
      path,
      message: 'contains a lone surrogate (an unpaired \\ud800-\\udfff escape), which is not text',
    };
  }
  const control = controlCharacterIn(value);
  return control ? fieldError(path, 'field.controlCharacter', { char: control }) : undefined;
}

/**
 * JSON bodies read in the charset they declare, and kept as the text they are.
 *
 * Fastify's own parser decodes every body as UTF-8, so `charset=iso-8859-1` turned "é" into
 * U+FFFD. A declared charset is now decoded (any label of the WHATWG Encoding Standard; an
 * unknown one is 415), and a body that is not valid in it is 400 instead of silently repaired.
 * Lone surrogates (`"\ud800"` escapes) are refused with 400 naming each place: SQLite stores text
 * as UTF-8, which cannot hold them, so the answer read back (U+FFFD) and the history (the raw
 * escape) disagreed. Control characters other than tab, line feed and carriage return (NUL, ESC,
 * C1) are refused the same way: no free text a person types holds them.
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
          const { errors, surrogates } = textProblems(value, 'body', { errors: [], surrogates: false });
          if (errors.length) {
            const detail = surrogates ? 'problem.notUnicode' : 'problem.controlCharacters';
            done(new AppError('validation', message(detail, { count: errors.length }), { errors }));
            return;
          }
          done(null, value);
        });
      },
    );
  },
  { name: 'json-body', dependencies: ['errors'] },
);
