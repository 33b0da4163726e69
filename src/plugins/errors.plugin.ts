import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError, problemType } from '../lib/errors.ts';
import type { Problem } from '../lib/problem.schema.ts';

/** Fastify's own error codes that come from client input, and what they mean to a client. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; detail?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', detail: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', detail: 'The body is empty but Content-Type is JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    detail: 'Send the body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    detail: 'Content-Length does not match the body',
  },
  FST_ERR_CTP_INVALID_TYPE: { code: 'bad_request' },
  FST_ERR_VALIDATION: { code: 'validation' },
  FST_ERR_BAD_URL: { code: 'bad_request', detail: 'The URL is malformed' },
  // Raised by the router (see frameworkErrors in app.ts): a path segment beyond routerOptions.maxParamLength.
  FST_ERR_MAX_PARAM_LENGTH: { code: 'bad_request', detail: 'A path segment is too long' },
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

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const body: Problem = {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    detail: error.message,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
  };
  const { headers, ...extensions } = error.extra;
  Object.assign(body, extensions);
  for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
  // Sent as a string: problem bodies never go through a route's response serializer.
  return reply.code(error.status).type('application/problem+json').send(JSON.stringify(body));
}

export function toAppError(error: FastifyError & { validationContext?: string }): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldError[] = error.validation.map((issue) => ({
      path: formatPath(error.validationContext, issue.instancePath),
      message: issue.message ?? 'is invalid',
    }));
    return new AppError(
      'validation',
      `The ${error.validationContext ?? 'request'} has ${errors.length} invalid field(s)`,
      { errors },
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
  return new AppError('internal', 'An unexpected error occurred; quote the requestId when reporting it');
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
        new AppError('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`),
      ),
    );
  },
  { name: 'errors' },
);
