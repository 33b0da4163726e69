/**
 * Shared pieces of the security tests: the committed OpenAPI document as a list of operations,
 * a cheap database fingerprint to prove a refused request wrote nothing, a non-throwing
 * problem+json check (for the fuzzer), and a small world of assessments in every status.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Role } from '../../src/auth/claims.ts';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';

export interface OpenApiSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  anyOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  default?: unknown;
  additionalProperties?: boolean | OpenApiSchema;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: OpenApiSchema;
}

export interface Operation {
  method: string;
  /** As written in the document: `/v1/assessments/{id}`. */
  path: string;
  operationId: string;
  parameters: OpenApiParameter[];
  body?: OpenApiSchema;
  /** False for the two public health routes (`security: []`). */
  authenticated: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

export const OPENAPI_PATH = resolve(import.meta.dirname, '../../openapi/openapi.json');

export function loadSpec(): OpenApiDocument {
  return JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApiDocument;
}

export function operationsOf(spec: OpenApiDocument): Operation[] {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = (op.requestBody as { content?: Record<string, { schema: OpenApiSchema }> } | undefined)
        ?.content;
      const security = op.security as unknown[] | undefined;
      return {
        method: method.toUpperCase(),
        path,
        operationId: String(op.operationId),
        parameters: (op.parameters as OpenApiParameter[] | undefined) ?? [],
        body: content?.['application/json']?.schema,
        authenticated: security === undefined || security.length > 0,
      };
    }),
  );
}

export function deref(spec: OpenApiDocument, schema: OpenApiSchema): OpenApiSchema {
  let current = schema;
  while (current.$ref) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const target = spec.components.schemas[name];
    if (!target) throw new Error(`unresolved ${current.$ref}`);
    current = { ...target, ...current, $ref: undefined };
  }
  return current;
}

/** `/v1/assessments/{id}` with `{ id: 'x' }` -> `/v1/assessments/x`; values are used as given (already encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return value;
  });
}

/**
 * Counts and sums that move whenever anything is written: rows, revisions, the size of what
 * answers hold. One query, cheap enough to run around every fuzzed request.
 */
export function fingerprint(ctx: TestContext): string {
  const row = ctx.app.db.$client
    .prepare(
      `SELECT
         (SELECT count(*) FROM assessments) AS assessments,
         (SELECT coalesce(sum(revision), 0) FROM assessments) AS revisions,
         (SELECT group_concat(status) FROM (SELECT status FROM assessments ORDER BY id)) AS statuses,
         (SELECT count(*) FROM answers) AS answers,
         (SELECT coalesce(sum(length(coalesce(value, '')) + length(coalesce(comment, '')) + length(evidence)), 0)
            FROM answers) AS answerBytes,
         (SELECT count(*) FROM events) AS events,
         (SELECT coalesce(max(id), 0) FROM events) AS lastEvent,
         (SELECT count(*) FROM idempotency_keys) AS idempotencyKeys,
         (SELECT count(*) FROM report_snapshots) AS snapshots`,
    )
    .get();
  return JSON.stringify(row);
}

export interface Reply {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** What is wrong with a response by the service's error contract, or null. Never throws. */
export function contractViolation(res: Reply): string | null {
  if (res.statusCode >= 500) return `server error ${res.statusCode}`;
  if (/\bat [^\s]+:\d+:\d+/.test(res.body) || /node_modules|"stack"/.test(res.body)) {
    return 'stack trace or internal path in the body';
  }
  if (res.statusCode < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) return `a ${res.statusCode} answered as ${type}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    return 'problem body is not JSON';
  }
  for (const field of ['type', 'title', 'status', 'detail', 'instance'] as const) {
    if (typeof body[field] !== (field === 'status' ? 'number' : 'string')) return `problem lacks ${field}`;
  }
  if (body.status !== res.statusCode) return `problem status ${String(body.status)} != ${res.statusCode}`;
  return null;
}

export const describeReply = (res: Reply) => `${res.statusCode} ${res.body.slice(0, 600)}`;

/** @fastify/under-pressure's answer while the event loop lags: a refusal before any hook or handler ran. */
export const isOverloaded = (res: Reply) =>
  res.statusCode === 503 &&
  res.body.includes('urn:migov:problem:unavailable') &&
  'retry-after' in res.headers;

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes `app.inject` wait out overload 503s. The app shares its event loop with the test
 * runner, and the machine with other jobs: under load the loop can lag past under-pressure's
 * threshold with no request at fault, and these tests are about something else. The fuzzer
 * checks each request's CPU time instead, which is what an input-made stall would show.
 */
export function tolerateOverload(app: TestContext['app']): void {
  const inject = app.inject.bind(app) as (options: object) => Promise<Reply>;
  app.inject = (async (options: object) => {
    let res = await inject(options);
    for (let attempt = 0; isOverloaded(res) && attempt < 40; attempt++) {
      await pause(250);
      res = await inject(options);
    }
    return res;
  }) as unknown as TestContext['app']['inject'];
}

export type Headers = Record<string, string>;

export interface Principals {
  admin: Headers;
  focalKen: Headers;
  focalUga: Headers;
  reviewer: Headers;
  viewerKen: Headers;
  viewerUga: Headers;
  viewerAll: Headers;
}

export async function principals(ctx: TestContext): Promise<Principals> {
  const [admin, focalKen, focalUga, reviewer, viewerKen, viewerUga, viewerAll] = await Promise.all([
    ctx.auth({ role: 'admin', sub: 'ada' }),
    ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'amina' }),
    ctx.auth({ role: 'focal_point', country: 'UGA', sub: 'okello' }),
    ctx.auth({ role: 'reviewer', sub: 'rita' }),
    ctx.auth({ role: 'viewer', country: 'KEN', sub: 'vik' }),
    ctx.auth({ role: 'viewer', country: 'UGA', sub: 'vu' }),
    ctx.auth({ role: 'viewer', sub: 'public' }),
  ]);
  return { admin, focalKen, focalUga, reviewer, viewerKen, viewerUga, viewerAll };
}

export const ROLE_OF: Record<keyof Principals, Role> = {
  admin: 'admin',
  focalKen: 'focal_point',
  focalUga: 'focal_point',
  reviewer: 'reviewer',
  viewerKen: 'viewer',
  viewerUga: 'viewer',
  viewerAll: 'viewer',
};

export const FULL_ANSWERS = answerSet(migof(), 1);

export interface Made {
  id: string;
  etag: string;
}

/**
 * Builds assessments through the HTTP API as an admin. Each call takes a fresh period, so
 * any number can be open at once for one country.
 */
export class Builder {
  private nextPeriod = 1900;

  constructor(
    private readonly ctx: TestContext,
    private readonly admin: Headers,
  ) {}

  /** A period no other assessment built here uses. */
  period(): string {
    if (this.nextPeriod > 2199) throw new Error('out of periods');
    return String(this.nextPeriod++);
  }

  private async send(method: 'POST' | 'PUT', url: string, etag: string | undefined, payload?: unknown) {
    const res = await this.ctx.app.inject({
      method,
      url,
      headers: { ...this.admin, ...(etag ? { 'if-match': etag } : {}) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} failed: ${describeReply(res)}`);
    return res;
  }

  /** `draft` (optionally answered), `submitted`, `returned` or `validated`; `prepare` runs on the draft. */
  async make(
    country: string,
    status: 'draft' | 'submitted' | 'returned' | 'validated',
    answers: 'none' | 'full' = status === 'draft' ? 'none' : 'full',
    prepare?: (id: string) => Promise<unknown>,
  ): Promise<Made> {
    const created = await this.send('POST', '/v1/assessments', undefined, { country, period: this.period() });
    const id = created.json().id as string;
    let etag = String(created.headers.etag);
    if (answers === 'full') {
      etag = String(
        (await this.send('PUT', `/v1/assessments/${id}/answers`, etag, { answers: FULL_ANSWERS })).headers
          .etag,
      );
    }
    if (prepare) {
      await prepare(id);
      const read = await this.ctx.app.inject({ url: `/v1/assessments/${id}`, headers: this.admin });
      etag = String(read.headers.etag);
    }
    if (status === 'draft') return { id, etag };
    etag = String((await this.send('POST', `/v1/assessments/${id}/submit`, etag)).headers.etag);
    if (status === 'returned') {
      etag = String(
        (await this.send('POST', `/v1/assessments/${id}/return`, etag, { reason: 'Check P1.1.1' })).headers
          .etag,
      );
    }
    if (status === 'validated') {
      etag = String((await this.send('POST', `/v1/assessments/${id}/validate`, etag)).headers.etag);
    }
    return { id, etag };
  }
}

/** A `multipart/form-data` body with one small plain-text `file` part, as `curl -F` sends it. */
export function textUpload(text = 'Labour Migration Act 2024, s. 12'): { headers: Headers; payload: Buffer } {
  const boundary = 'migov-security-test';
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="act.txt"\r\n` +
    `Content-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.from(body),
  };
}

/**
 * A fresh app for one security test file: overload answers tolerated, a token for every role,
 * and a builder of assessments acting as admin.
 */
export async function securityApp(): Promise<{ ctx: TestContext; who: Principals; build: Builder }> {
  // Webhook deliveries go to a connector that opens nothing: no test packet leaves this process.
  const ctx = await createTestApp({}, { events: { connector: async () => ({ status: 200 }) } });
  tolerateOverload(ctx.app);
  const who = await principals(ctx);
  return { ctx, who, build: new Builder(ctx, who.admin) };
}
