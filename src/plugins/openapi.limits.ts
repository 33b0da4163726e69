import type { OpenAPIV3_1 } from 'openapi-types';
import { operations } from './openapi.docs.ts';

type Document = OpenAPIV3_1.Document;
type Response = OpenAPIV3_1.ResponseObject;
type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

/**
 * What the rate limit and load shedding add to every answer (src/app.ts, `registerLimits`),
 * declared once as components. @fastify/rate-limit runs as one application-wide `onRequest` hook,
 * so every response of every route carries the X-RateLimit-* headers, errors included; a 429
 * always carries Retry-After; a 503 carries it when the condition clears by itself (event-loop
 * overload, the database not answering, a failed disk write) and not when an operator must act
 * (writes stopped after a failed sync).
 */
const HEADERS: Record<string, OpenAPIV3_1.HeaderObject> = {
  RateLimitLimit: {
    description:
      'Requests allowed per client address in the current one-minute window (`RATE_LIMIT_PER_MINUTE`).',
    required: true,
    schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 2 ** 31 - 1 },
  },
  RateLimitRemaining: {
    description: 'Requests left in the current window.',
    required: true,
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 2 ** 31 - 1 },
  },
  RateLimitReset: {
    description: 'Seconds until the window resets.',
    required: true,
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 60 },
  },
  RetryAfter: {
    description: 'Seconds to wait before retrying (RFC 9110, 10.2.3).',
    required: true,
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 3600 },
  },
  AccessControlAllowOrigin: {
    description: 'Open data: any site’s page may read it (src/plugins/public-data.plugin.ts).',
    required: true,
    schema: { type: 'string', enum: ['*'], maxLength: 1 },
  },
  RetryAfterWhenTransient: {
    description:
      'Seconds to wait before retrying, sent when the condition clears by itself (overload, the database not answering, a failed disk write); absent when an operator must act (writes stopped).',
    required: false,
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 3600 },
  },
};

const INT32 = 2 ** 31 - 1;

/** int32 when the declared range fits 32 bits, else int64: the format restates the range. */
function withIntegerFormats(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) withIntegerFormats(item);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const schema = value as Schema;
  const type = schema.type;
  const integer = type === 'integer' || (Array.isArray(type) && type.includes('integer'));
  if (integer && schema.format === undefined) {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
    const max = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
    schema.format = min >= -INT32 - 1 && max <= INT32 ? 'int32' : 'int64';
  }
  for (const child of Object.values(schema)) withIntegerFormats(child);
}

/** Adds the rate-limit and Retry-After headers to every response, and integer formats everywhere. */
export function withLimits(document: Document): Document {
  document.components ??= {};
  document.components.headers = { ...document.components.headers, ...HEADERS };
  for (const operation of operations(document)) {
    for (const [status, response] of Object.entries(operation.responses ?? {}) as [string, Response][]) {
      response.headers = {
        ...response.headers,
        'X-RateLimit-Limit': ref('RateLimitLimit'),
        'X-RateLimit-Remaining': ref('RateLimitRemaining'),
        'X-RateLimit-Reset': ref('RateLimitReset'),
        ...(status === '429' && { 'Retry-After': ref('RetryAfter') }),
        ...(status === '503' && { 'Retry-After': ref('RetryAfterWhenTransient') }),
      };
    }
  }
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/v1/public/')) continue;
    for (const operation of Object.values(item ?? {}) as OpenAPIV3_1.OperationObject[]) {
      for (const response of Object.values(operation.responses ?? {}) as Response[]) {
        response.headers = {
          ...response.headers,
          'Access-Control-Allow-Origin': ref('AccessControlAllowOrigin'),
        };
      }
    }
  }
  withIntegerFormats(document.paths);
  withIntegerFormats(document.components.schemas);
  withIntegerFormats(document.components.parameters);
  return document;
}
