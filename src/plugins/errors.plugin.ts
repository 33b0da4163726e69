import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isStorageError } from '../db/group-commit.ts';
import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import {
  AppError,
  type ErrorCode,
  FIELD_MESSAGE,
  type FieldError,
  fieldError,
  message,
  type ProblemMessage,
  problemType,
} from '../lib/errors.ts';
import type { Problem } from '../lib/problem.schema.ts';
import { isUploading } from '../lib/upload-deadline.ts';
import { apiSecurityHeaders } from './security-headers.plugin.ts';

/** Fastify's own error codes that come from client input, and what they mean to a client. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; detail?: ProblemMessage }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', detail: message('problem.jsonInvalid') },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', detail: message('problem.jsonEmpty') },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    detail: message('problem.mediaType'),
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    detail: message('problem.contentLength'),
  },
  FST_ERR_CTP_INVALID_TYPE: { code: 'bad_request' },
  FST_ERR_VALIDATION: { code: 'validation' },
  FST_ERR_BAD_URL: { code: 'bad_request', detail: message('problem.badUrl') },
  // Raised by the router (see frameworkErrors in app.ts): a path segment beyond routerOptions.maxParamLength.
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_request', detail: message('problem.segmentTooLong') },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad_request' },
};

/** `body`, `/answers/2/value` -> `body.answers[2].value` */
function formatPath(context: string | undefined, instancePath: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  return parts.reduce(
    (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
    context ?? '',
  );
}

/** A field error in the caller's language, where it has a catalogue message. */
const localizedField = (error: FieldError, locale: Locale): FieldError => {
  const translatable = error[FIELD_MESSAGE];
  return translatable
    ? {
        path: error.path,
        message: t(locale, translatable.key, { ...translatable.values, ...translatable.valuesIn?.[locale] }),
      }
    : error;
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  // `locale` is unset on the router's own early answers (no hook ran): English then.
  const locale = request.locale ?? 'en';
  const detail = error.detailMessage;
  const body: Problem = {
    type: problemType(error.code),
    title: locale === 'en' ? error.title : t(locale, `problem.title.${error.code}`),
    status: error.status,
    detail: detail && locale !== 'en' ? t(locale, detail.key, detail.values) : error.message,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
  };
  const { headers, ...extensions } = error.extra;
  Object.assign(body, extensions);
  // Every problem lists at most LISTED field errors (a 409 for an incomplete assessment names its
  // questions in `missing`, in full); `errorsOmitted` counts the rest.
  if (extensions.errors && extensions.errors.length > LISTED) {
    body.errors = extensions.errors.slice(0, LISTED);
    body.errorsOmitted = Number(extensions.errorsOmitted ?? 0) + extensions.errors.length - LISTED;
  }
  if (locale !== 'en' && body.errors) body.errors = body.errors.map((e) => localizedField(e, locale));
  for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
  // Sent as a string: problem bodies never go through a route's response serializer.
  return reply.code(error.status).type('application/problem+json').send(JSON.stringify(body));
}

/** How many field errors, and unknown keys in one, a problem lists; the rest are counted. */
const LISTED = 20;
/** How much of one unknown key is quoted back. */
const KEY_CHARS = 40;

/**
 * A validation issue as a field error. Unknown keys are named up to LISTED, each cut to
 * KEY_CHARS, with the number of the others: a body with 60,000 unknown keys used to get all of
 * them back, 700 KB of error.
 */
function issueError(context: string | undefined, issue: ValidationIssue): FieldError {
  const path = formatPath(context, issue.instancePath);
  const keys = issue.keyword === 'unrecognized_keys' ? issue.params?.keys : undefined;
  if (!Array.isArray(keys)) return { path, message: issue.message ?? 'is invalid' };
  const quoted = keys
    .slice(0, LISTED)
    .map((k) => JSON.stringify(String(k).length > KEY_CHARS ? `${String(k).slice(0, KEY_CHARS)}…` : k));
  return fieldError(path, 'field.unknownKeys', {
    count: keys.length,
    keys: quoted.join(', '),
    more: Math.max(keys.length - LISTED, 0),
  });
}

type ValidationIssue = {
  keyword?: string;
  instancePath: string;
  message?: string;
  params?: { keys?: unknown };
};

export function toAppError(error: FastifyError & { validationContext?: string }): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation as ValidationIssue[];
    const errors = issues.slice(0, LISTED).map((issue) => issueError(error.validationContext, issue));
    const omitted = issues.length - errors.length;
    return new AppError(
      'validation',
      message('problem.fieldsInvalid', {
        context: error.validationContext ?? 'request',
        count: issues.length,
      }),
      omitted > 0 ? { errors, errorsOmitted: omitted } : { errors },
    );
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return new AppError(known.code, known.detail ?? error.message);
  if (error.statusCode === 429) return new AppError('rate_limited', error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const code = (
      {
        404: 'not_found',
        405: 'method_not_allowed',
        406: 'not_acceptable',
        413: 'payload_too_large',
        415: 'unsupported_media_type',
      } as const
    )[error.statusCode as 404];
    return new AppError(code ?? 'bad_request', error.message);
  }
  if (error.statusCode === 503) return new AppError('unavailable', error.message);
  if (isStorageError(error)) return storageUnavailable();
  return new AppError('internal', message('problem.internal'));
}

export const storageUnavailable = () =>
  new AppError('unavailable', message('problem.storageFailed'), { headers: { 'retry-after': '30' } });

/**
 * Errors Node's HTTP parser raises before fastify sees a request (a header block over the limit,
 * a malformed request line, a request that missed its deadline). Without this they were
 * fastify's own JSON, without problem+json or the security headers. The socket is ended after
 * the answer, as Node does.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // An upload runs on its own idle timer and ceiling (src/lib/upload-deadline.ts), not this deadline.
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' && isUploading(socket)) return;
  const code =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 'request_timeout'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 'header_too_large'
        : 'bad_request';
  const detail = {
    request_timeout: 'The request was not received in time; send it again, without pauses',
    header_too_large: 'The request headers are larger than the server accepts',
    bad_request: 'The request is not valid HTTP/1.1',
  }[code];
  // The request line, when the parser got that far, names the instance.
  const firstLine = (error as { rawPacket?: Buffer }).rawPacket
    ?.subarray(0, 2048)
    .toString('latin1')
    .split('\r\n')[0];
  const target = firstLine?.split(' ')[1];
  const problem = new AppError(code, detail);
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: problemType(problem.code),
    title: problem.title,
    status: problem.status,
    detail,
    instance: target?.startsWith('/') ? (target.split('?')[0] ?? '/') : '/',
    requestId,
  } satisfies Problem);
  this.log.info({ code, err: error.code, requestId }, 'client error');
  if (socket.writable) {
    const headers = {
      ...apiSecurityHeaders(),
      'content-type': 'application/problem+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'x-request-id': requestId,
      connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    socket.end(`HTTP/1.1 ${problem.status} ${problem.title}\r\n${head}\r\n\r\n${body}`);
  }
  // A client that keeps sending after the answer does not keep the socket.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** One place that turns every failure into RFC 9457 problem+json. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = toAppError(error);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: problem.code, detail: problem.message }, 'request refused');
      return sendProblem(request, reply, problem);
    });

    app.setNotFoundHandler((request, reply) =>
      sendProblem(
        request,
        reply,
        new AppError(
          'not_found',
          message('problem.routeNotFound', { method: request.method, path: request.url.split('?')[0] }),
        ),
      ),
    );
  },
  { name: 'errors' },
);
