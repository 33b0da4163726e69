import { AppError, fieldError, message } from '../lib/errors.ts';

/** Page cursors are opaque to clients: base64url of the last item's key. */
const decode = (cursor: string, valid: RegExp): string => {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!valid.test(decoded)) {
    throw new AppError('validation', message('problem.badCursor'), {
      errors: [fieldError('querystring.cursor', 'field.invalid')],
    });
  }
  return decoded;
};

const encode = (key: string): string => Buffer.from(key).toString('base64url');

/** The list of assessments, ordered by id. */
export const assessmentCursor = {
  encode: (id: string) => encode(id),
  decode: (cursor: string) => decode(cursor, /^[0-9a-f-]{36}$/),
};

/** An assessment's history, ordered by event id. */
export const historyCursor = {
  encode: (eventId: number) => encode(String(eventId)),
  decode: (cursor: string) => Number(decode(cursor, /^[1-9]\d{0,15}$/)),
};
