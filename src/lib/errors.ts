import type { Locale } from '../i18n/locale.ts';
import { type MessageValues, t } from '../i18n/messages.ts';

/**
 * Typed domain errors. Services throw these; the errors plugin alone turns them into
 * RFC 9457 problem+json. One table maps each code to its status and title.
 */
export const ERROR_CODES = {
  validation: { status: 400, title: 'Request validation failed' },
  bad_request: { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Operation not permitted for this role' },
  not_found: { status: 404, title: 'Resource not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  not_acceptable: { status: 406, title: 'Not acceptable' },
  request_timeout: { status: 408, title: 'Request timeout' },
  gone: { status: 410, title: 'Gone' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  incomplete: { status: 409, title: 'Assessment is not complete' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  range_not_satisfiable: { status: 416, title: 'Range not satisfiable' },
  unprocessable: { status: 422, title: 'Unprocessable request' },
  precondition_required: { status: 428, title: 'Precondition required' },
  history_limit: { status: 409, title: 'History limit reached' },
  header_too_large: { status: 431, title: 'Request header fields too large' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Where a field error's catalogue message is kept: a symbol, so JSON never shows it. */
export const FIELD_MESSAGE = Symbol('field message');

export interface FieldError {
  path: string;
  message: string;
  [FIELD_MESSAGE]?: ProblemMessage;
}

/** A field error whose message the errors plugin can tell in the caller's language. */
export const fieldError = (
  path: string,
  key: string,
  values?: MessageValues,
  valuesIn?: ProblemMessage['valuesIn'],
): FieldError => ({
  path,
  message: t('en', key, values),
  [FIELD_MESSAGE]: { key, values, ...(valuesIn && { valuesIn }) },
});

/** A detail from the message catalogue (`problem.*`), so it can be told in the caller's language. */
export interface ProblemMessage {
  key: string;
  values?: MessageValues;
  /** Values that are words of the framework (a question's unit), in each language that has them. */
  valuesIn?: Partial<Record<Locale, MessageValues>>;
}
export const message = (key: string, values?: MessageValues): ProblemMessage => ({ key, values });

export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  /** The detail as a catalogue message; absent for a detail only known in English. */
  readonly detailMessage: ProblemMessage | undefined;

  constructor(
    readonly code: ErrorCode,
    detail: string | ProblemMessage,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string>; [key: string]: unknown } = {},
  ) {
    super(typeof detail === 'string' ? detail : t('en', detail.key, detail.values));
    this.name = 'AppError';
    this.status = ERROR_CODES[code].status;
    this.title = ERROR_CODES[code].title;
    this.detailMessage = typeof detail === 'string' ? undefined : detail;
  }
}

export const problemType = (code: ErrorCode): string => `urn:migov:problem:${code.replaceAll('_', '-')}`;
