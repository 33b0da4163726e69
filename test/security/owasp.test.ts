/**
 * OWASP API Security Top 10 (2023), the items other than authorization (see owasp-authz.test.ts):
 * API2 authentication, API3 mass assignment, API4 resource consumption, API7 server-side request
 * forgery, API8 misconfiguration (and injection), API9 inventory. Each runs against every route of
 * openapi/openapi.json where it applies.
 */
import { randomUUID } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH, MAX_EVIDENCE } from '../../src/assessments/assessment.schemas.ts';
import { createTestApp, expectProblem, foreignToken, type TestContext, unsignedToken } from '../helper.ts';
import {
  type Builder,
  contractViolation,
  describeReply,
  fillPath,
  fingerprint,
  type Headers,
  loadSpec,
  type Made,
  type Operation,
  operationsOf,
  type Principals,
  securityApp,
  tolerateOverload,
} from './support.ts';

const spec = loadSpec();
const operations = operationsOf(spec);
const SAMPLE_PARAMS = {
  id: randomUUID(),
  question: 'P1.1.1',
  key: 'migof',
  version: '1.0.0',
  iso3: 'KEN',
  ministryId: randomUUID(),
  commentId: randomUUID(),
  deliveryId: randomUUID(),
  docId: randomUUID(),
};
const SAMPLE_BODIES: Record<string, object> = {
  createAssessment: { country: 'KEN', period: '2030' },
  putAnswers: { answers: [{ question: 'P1.1.1', value: 'yes' }] },
  returnAssessment: { reason: 'Cite the act' },
};
const SAMPLE_QUERIES: Record<string, string> = {
  getSdg1072: '?period=2026',
  getSdg1072Sdmx: '?period=2026',
  getSdg1072Csv: '?period=2026',
};

/** The operation as a request with plausible values: only what is under test should refuse it. */
const sample = (op: Operation, headers: Headers = {}) => ({
  method: op.method as 'GET',
  url: fillPath(op.path, SAMPLE_PARAMS) + (SAMPLE_QUERIES[op.operationId] ?? ''),
  headers: { 'if-match': '"r1"', ...headers },
  ...(SAMPLE_BODIES[op.operationId] ? { payload: SAMPLE_BODIES[op.operationId] } : {}),
});

let ctx: TestContext;
let who: Principals;
let build: Builder;

beforeAll(async () => {
  ({ ctx, who, build } = await securityApp());
});

/** The pages, the probes and the open data of published profiles (issue 28): no token, on purpose. */
const PROFILE = '/v1/public/profiles/{iso3}/{period}';
const PUBLIC_PATHS = [
  '/',
  '/app-config.json',
  '/assets/{name}',
  '/healthz',
  '/readyz',
  '/v1/public/profiles',
  '/v1/public/indicators/sdg-10-7-2',
  '/profiles',
  '/profiles/',
  '/profiles/{iso3}/{period}',
  '/profiles/sdg-10-7-2',
  '/profiles/sitemap.xml',
  '/profiles/portal.css',
  ...[PROFILE, `${PROFILE}/versions/{version}`].flatMap((base) =>
    ['', '/profile.pdf', '/report.svg', '/data.csv', '/documents/{documentId}'].map(
      (file) => `${base}${file}`,
    ),
  ),
];

describe('API2 broken authentication: every non-public route answers 401 problem+json', () => {
  const protectedOps = operations.filter((op) => op.authenticated);

  it('covers every route but the two health checks and the landing page', () => {
    expect(
      operations
        .filter((op) => !op.authenticated)
        .map((op) => op.path)
        .sort(),
    ).toEqual([...PUBLIC_PATHS].sort());
    expect(protectedOps.length).toBe(operations.length - PUBLIC_PATHS.length);
  });

  const badTokens: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    [
      'an expired token',
      async () =>
        `Bearer ${await ctx.token({ role: 'admin' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`,
    ],
    [
      'a token for another audience',
      async () => `Bearer ${await ctx.token({ role: 'admin' }, { audience: 'x' })}`,
    ],
    ['an unsigned (alg none) admin token', async () => `Bearer ${unsignedToken(ctx.config)}`],
    ['an admin token signed with a foreign key', async () => `Bearer ${await foreignToken(ctx.config)}`],
    ['HTTP Basic credentials', async () => 'Basic YWRtaW46YWRtaW4='],
  ];

  describe.each(badTokens)('%s', (_name, header) => {
    it.each(protectedOps.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (_where, op) => {
      const authorization = await header();
      const before = fingerprint(ctx);
      const res = await ctx.app.inject(sample(op, authorization ? { authorization } : {}));
      const problem = expectProblem(res, 401);
      expect(problem.type).toBe('urn:migov:problem:unauthorized');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="migov"/);
      expect(fingerprint(ctx)).toBe(before);
    });
  });

  it('leaves /healthz and /readyz public', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode, res.body).toBe(200);
    }
  });
});

describe('API3 mass assignment: server-owned fields in a body are refused (400) and change nothing', () => {
  const SERVER_OWNED = ['status', 'country', 'score', 'revision', 'id', 'createdBy'] as const;
  let draft: Made;
  let submitted: Made;

  beforeAll(async () => {
    draft = await build.make('KEN', 'draft', 'full');
    submitted = await build.make('KEN', 'submitted');
  });

  const HOSTILE: Record<(typeof SERVER_OWNED)[number], unknown> = {
    status: 'validated',
    country: 'UGA',
    score: 100,
    revision: 99,
    id: '00000000-0000-7000-8000-000000000000',
    createdBy: 'mallory',
  };

  async function expectRefused(
    request: { method: 'POST' | 'PUT'; url: string; headers?: Headers; payload: object },
    field: string,
  ) {
    const before = fingerprint(ctx);
    const res = await ctx.app.inject({ ...request, headers: { ...who.admin, ...request.headers } });
    const problem = expectProblem(res, 400);
    const errors = problem.errors as { path: string; message: string }[];
    expect(
      errors.some((e) => e.message.includes(`"${field}"`)),
      `errors should name ${field}: ${res.body}`,
    ).toBe(true);
    expect(fingerprint(ctx), `sending ${field} changed the database`).toBe(before);
  }

  // `country` is a field of create itself; the others are the server's to set.
  it.each(SERVER_OWNED.filter((f) => f !== 'country'))('create with %s', async (field) => {
    await expectRefused(
      {
        method: 'POST',
        url: '/v1/assessments',
        payload: { country: 'KEN', period: build.period(), [field]: HOSTILE[field] },
      },
      field,
    );
  });

  it.each(SERVER_OWNED)('put answers with %s beside `answers`', async (field) => {
    await expectRefused(
      {
        method: 'PUT',
        url: `/v1/assessments/${draft.id}/answers`,
        headers: { 'if-match': draft.etag },
        payload: { answers: [{ question: 'P1.1.1', value: 'no' }], [field]: HOSTILE[field] },
      },
      field,
    );
  });

  it.each([...SERVER_OWNED, 'answeredBy', 'answeredAt', 'enabled'])(
    'put answers with %s in an item',
    async (field) => {
      await expectRefused(
        {
          method: 'PUT',
          url: `/v1/assessments/${draft.id}/answers`,
          headers: { 'if-match': draft.etag },
          payload: { answers: [{ question: 'P1.1.1', value: 'no', [field]: 'mallory' }] },
        },
        field,
      );
    },
  );

  it.each(SERVER_OWNED)('return with %s', async (field) => {
    await expectRefused(
      {
        method: 'POST',
        url: `/v1/assessments/${submitted.id}/return`,
        headers: { 'if-match': submitted.etag },
        payload: { reason: 'Cite the act', [field]: HOSTILE[field] },
      },
      field,
    );
  });

  it.each(['submit', 'validate'])('%s with a status in the body', async (action) => {
    const target = action === 'submit' ? draft : submitted;
    await expectRefused(
      {
        method: 'POST',
        url: `/v1/assessments/${target.id}/${action}`,
        headers: { 'if-match': target.etag },
        payload: { status: 'validated' },
      },
      'status',
    );
  });

  it('refuses prototype-poisoning keys as well', async () => {
    for (const body of [
      '{"country":"KEN","period":"2140","__proto__":{"status":"validated"}}',
      '{"country":"KEN","period":"2140","constructor":{"prototype":{"status":"validated"}}}',
    ]) {
      const before = fingerprint(ctx);
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/v1/assessments',
        headers: { ...who.admin, 'content-type': 'application/json' },
        payload: body,
      });
      expectProblem(res, 400);
      expect(fingerprint(ctx)).toBe(before);
      expect(({} as Record<string, unknown>).status).toBeUndefined();
    }
  });

  it('left both assessments as they were, and the refused return can then be made properly', async () => {
    const res = await ctx.app.inject({ url: `/v1/assessments/${draft.id}`, headers: who.admin });
    expect(res.json()).toMatchObject({ status: 'draft', country: 'KEN', revision: 2, createdBy: 'ada' });
    const ok = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${submitted.id}/return`,
      headers: { ...who.reviewer, 'if-match': submitted.etag },
      payload: { reason: 'Cite the act' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'returned', country: 'KEN', createdBy: 'ada' });
  });
});

describe('API4 unrestricted resource consumption', () => {
  let draft: Made;
  // Apps with other settings, built before the tests (createTestApp registers their cleanup).
  let small: TestContext;
  let limited: TestContext;
  beforeAll(async () => {
    draft = await build.make('KEN', 'draft');
    small = await createTestApp({ BODY_LIMIT_BYTES: 4096 });
    tolerateOverload(small.app);
    limited = await createTestApp({ RATE_LIMIT_PER_MINUTE: 5 });
  });

  const putAnswers = (payload: unknown) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${draft.id}/answers`,
      headers: who.admin,
      payload: payload as object,
    });

  it('refuses a body over BODY_LIMIT_BYTES with 413 and writes nothing', async () => {
    const admin = await small.auth({ role: 'admin' });
    const created = await small.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: admin,
      payload: { country: 'KEN', period: '2026' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const before = fingerprint(small);
    const comment = 'x'.repeat(5000);
    for (const request of [
      {
        method: 'PUT' as const,
        url: `/v1/assessments/${created.json().id}/answers`,
        payload: { answers: [{ question: 'P1.1.1', value: 'yes', comment }] },
      },
      {
        method: 'POST' as const,
        url: '/v1/assessments',
        payload: { country: 'KEN', period: '2027', comment },
      },
      // Over the limit and on no route: the limit still holds, and the answer is still problem+json.
      { method: 'POST' as const, url: '/v1/nothing', payload: { comment } },
    ]) {
      const res = await small.app.inject({ ...request, headers: admin });
      expect(res.statusCode, `${request.method} ${request.url}: ${describeReply(res)}`).toBe(413);
      expectProblem(res, 413);
    }
    expect(fingerprint(small)).toBe(before);
  });

  it.each([
    ['101', 400],
    ['100', 200],
    ['0', 400],
    ['-1', 400],
    ['1000000', 400],
    ['1e3', 400],
    ['Infinity', 400],
    ['NaN', 400],
    ['', 400],
  ] as const)('caps the page size: limit=%s -> %i', async (limit, status) => {
    const res = await ctx.app.inject({ url: `/v1/assessments?limit=${limit}`, headers: who.admin });
    if (status === 200) expect(res.statusCode, res.body).toBe(200);
    else expectProblem(res, status);
  });

  it(`refuses a batch of more than ${MAX_BATCH} answers, and more than ${MAX_EVIDENCE} evidence items`, async () => {
    const before = fingerprint(ctx);
    const tooMany = Array.from({ length: MAX_BATCH + 1 }, () => ({ question: 'P1.1.1', value: 'yes' }));
    expectProblem(await putAnswers({ answers: tooMany }), 400);
    const evidence = Array.from({ length: MAX_EVIDENCE + 1 }, (_, i) => ({ title: `doc ${i}` }));
    const problem = expectProblem(
      await putAnswers({ answers: [{ question: 'P1.1.1', value: 'yes', evidence }] }),
      400,
    );
    expect(JSON.stringify(problem.errors)).toContain('evidence');
    expect(fingerprint(ctx)).toBe(before);
  });

  it('refuses oversized strings inside an item (comment, evidence title, url, citation)', async () => {
    const before = fingerprint(ctx);
    for (const item of [
      { question: 'P1.1.1', value: 'yes', comment: 'x'.repeat(4001) },
      { question: 'P1.1.1', value: 'yes', evidence: [{ title: 'x'.repeat(301) }] },
      {
        question: 'P1.1.1',
        value: 'yes',
        evidence: [{ title: 't', url: `https://e.org/${'x'.repeat(2000)}` }],
      },
      { question: 'P1.1.1', value: 'yes', evidence: [{ title: 't', citation: 'x'.repeat(1001) }] },
      { question: 'P'.repeat(21), value: 'yes' },
      { question: 'P1.1.1', value: 'y'.repeat(41) },
      { question: 'O1.3.1', value: 1e13 },
    ]) {
      expectProblem(await putAnswers({ answers: [item] }), 400);
    }
    expect(fingerprint(ctx)).toBe(before);
  });

  it('answers deeply nested JSON within the body limit with 400, quickly', async () => {
    const depth = 200_000;
    const started = performance.now();
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${draft.id}/answers`,
      headers: { ...who.admin, 'content-type': 'application/json' },
      payload: `{"answers":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    });
    expectProblem(res, 400);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rate-limits: the 6th request in a minute at RATE_LIMIT_PER_MINUTE=5 is 429 with Retry-After', async () => {
    const headers = await limited.auth({ role: 'viewer' });
    for (let i = 1; i <= 5; i++) {
      const res = await limited.app.inject({ url: '/v1/me', headers });
      expect(res.statusCode, `request ${i}: ${res.body}`).toBe(200);
      expect(res.headers['x-ratelimit-remaining']).toBe(String(5 - i));
    }
    const res = await limited.app.inject({ url: '/v1/me', headers });
    const problem = expectProblem(res, 429);
    expect(problem.type).toBe('urn:migov:problem:rate-limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Unauthenticated callers are counted too: the limit comes before the token is checked.
    expectProblem(await limited.app.inject({ url: '/v1/me' }), 429);
    expectProblem(
      await limited.app.inject({ url: '/v1/me', headers: { authorization: 'Bearer a.b.c' } }),
      429,
    );
    // A forged client address does not buy a fresh allowance (no proxy is trusted by default).
    const spoofed = await limited.app.inject({
      url: '/v1/me',
      headers: { ...headers, 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.8' },
    });
    expectProblem(spoofed, 429);
  });
});

describe('API7 server-side request forgery: evidence URLs are stored, never fetched', () => {
  it('makes no request to an evidence URL while answering, reporting, exporting and validating', async () => {
    const connections: string[] = [];
    const listener = createServer((socket) => {
      connections.push(String(socket.remoteAddress));
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const port = (listener.address() as AddressInfo).port;
    try {
      const target = await build.make('KEN', 'draft', 'full');
      const internal = [`http://127.0.0.1:${port}/latest/meta-data`, `http://localhost:${port}/admin`];
      const put = await ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${target.id}/answers`,
        headers: { ...who.admin, 'if-match': target.etag },
        payload: {
          answers: [
            {
              question: 'P1.1.1',
              value: 'yes',
              evidence: internal.map((url) => ({ title: 'internal', url })),
            },
          ],
        },
      });
      expect(put.statusCode, put.body).toBe(200);
      let etag = String(put.headers.etag);
      for (const url of ['report', 'report.svg', 'answers', 'history']) {
        const res = await ctx.app.inject({ url: `/v1/assessments/${target.id}/${url}`, headers: who.admin });
        expect(res.statusCode, res.body).toBe(200);
      }
      const csv = await ctx.app.inject({
        url: `/v1/assessments/${target.id}/report`,
        headers: { ...who.admin, accept: 'text/csv' },
      });
      expect(csv.statusCode).toBe(200);
      for (const action of ['submit', 'validate']) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: `/v1/assessments/${target.id}/${action}`,
          headers: { ...who.admin, 'if-match': etag },
        });
        expect(res.statusCode, res.body).toBe(200);
        etag = String(res.headers.etag);
      }
      // Give a stray asynchronous fetch the chance to arrive.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(connections).toEqual([]);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('refuses evidence URLs that are not http(s)', async () => {
    const target = await build.make('KEN', 'draft');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'gopher://127.0.0.1:6379/_INFO',
      'data:text/html,x',
    ]) {
      const before = fingerprint(ctx);
      const res = await ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${target.id}/answers`,
        headers: who.admin,
        payload: { answers: [{ question: 'P1.1.1', value: 'yes', evidence: [{ title: 't', url }] }] },
      });
      expectProblem(res, 400);
      expect(fingerprint(ctx), url).toBe(before);
    }
  });
});

describe('API8 security misconfiguration', () => {
  const requests = () => [
    { name: '200 JSON', method: 'GET' as const, url: '/v1/me', headers: who.admin },
    { name: '401', method: 'GET' as const, url: '/v1/me', headers: {} },
    { name: '404 route', method: 'GET' as const, url: '/v1/nothing', headers: who.admin },
    { name: '400 query', method: 'GET' as const, url: '/v1/assessments?limit=x', headers: who.admin },
    { name: '200 public', method: 'GET' as const, url: '/healthz', headers: {} },
  ];

  it('sends helmet`s headers on successes and errors alike, and no X-Powered-By', async () => {
    for (const { name, ...request } of requests()) {
      const res = await ctx.app.inject(request);
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.headers['strict-transport-security'], name).toMatch(/max-age=\d+/);
      expect(res.headers['x-frame-options'], name).toBeDefined();
      expect(res.headers['referrer-policy'], name).toBe('no-referrer');
      expect(res.headers['cross-origin-resource-policy'], name).toBe('same-origin');
      expect(res.headers['x-powered-by'], name).toBeUndefined();
      expect(res.headers.server, name).toBeUndefined();
    }
  });

  it('answers a malformed URL (refused by the router, before any hook) with problem+json and nosniff', async () => {
    for (const url of [
      '/v1/frameworks/%/1',
      `/v1/frameworks/migof/${'9'.repeat(300)}`,
      '/v1/countries/%C0%AF/trend',
    ]) {
      const res = await ctx.app.inject({ url, headers: who.admin });
      expectProblem(res, 400);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-request-id'], url).toBeTruthy();
    }
  });

  it('sends no CORS headers to a foreign Origin, nor to a preflight', async () => {
    for (const { name, ...request } of requests()) {
      const res = await ctx.app.inject({
        ...request,
        headers: { ...request.headers, origin: 'https://evil.example' },
      });
      expect(res.headers['access-control-allow-origin'], name).toBeUndefined();
      expect(res.headers['access-control-allow-credentials'], name).toBeUndefined();
    }
    const preflight = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/v1/assessments',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('never puts a stack trace or a file path in an error body', async () => {
    const draft = await build.make('KEN', 'draft');
    const json = { ...who.admin, 'content-type': 'application/json' };
    const cases = [
      {
        method: 'PUT' as const,
        url: `/v1/assessments/${draft.id}/answers`,
        headers: json,
        payload: '{"answers":',
      },
      { method: 'PUT' as const, url: `/v1/assessments/${draft.id}/answers`, headers: json, payload: '' },
      {
        method: 'PUT' as const,
        url: `/v1/assessments/${draft.id}/answers`,
        headers: { ...who.admin, 'content-type': 'text/xml' },
        payload: '<a/>',
      },
      { method: 'PUT' as const, url: `/v1/assessments/${draft.id}/answers`, headers: who.admin, payload: {} },
      { method: 'POST' as const, url: `/v1/assessments/${draft.id}/submit`, headers: who.admin },
      {
        method: 'POST' as const,
        url: `/v1/assessments/${draft.id}/submit`,
        headers: { ...who.admin, 'if-match': '"r9"' },
      },
      {
        method: 'POST' as const,
        url: `/v1/assessments/${draft.id}/submit`,
        headers: { ...who.admin, 'if-match': draft.etag },
      },
      { method: 'GET' as const, url: '/v1/frameworks/%E0%A4%A/1', headers: who.admin },
      { method: 'GET' as const, url: `/v1/frameworks/migof/${'9'.repeat(300)}`, headers: who.admin },
      { method: 'GET' as const, url: '/v1/assessments/not-a-uuid', headers: who.admin },
      { method: 'GET' as const, url: '/v1/me', headers: { authorization: 'Bearer a.b.c' } },
      { method: 'DELETE' as const, url: `/v1/assessments/${draft.id}/answers/P1.1.1`, headers: who.admin },
    ];
    for (const request of cases) {
      const res = await ctx.app.inject(request);
      const where = `${request.method} ${request.url}: ${describeReply(res)}`;
      expect(res.statusCode, where).toBeGreaterThanOrEqual(400);
      expect(contractViolation(res), where).toBeNull();
      expect(res.body, where).not.toMatch(/\/work\/|\/src\/|\.ts\b|node_modules|"stack"|Error:/);
    }
  });

  const lines: string[] = [];
  let logged: TestContext;
  beforeAll(async () => {
    const memory = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    logged = await createTestApp({}, { logger: pino({ level: 'trace' }, memory) });
    tolerateOverload(logged.app);
  });

  it('never logs a bearer token, even at trace level and on failures', async () => {
    const good = await logged.token({ role: 'focal_point', country: 'KEN', sub: 'amina' });
    const viewer = await logged.token({ role: 'viewer', sub: 'vik' });
    const expired = await logged.token(
      { role: 'admin' },
      { expiresIn: Math.floor(Date.now() / 1000) - 3600 },
    );
    const [h, p, s] = good.split('.');
    const tampered = `${h}.${p}.${s?.slice(0, -4)}AAAA`;
    const secrets = [good, viewer, expired, tampered];
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const requests = [
      { url: '/v1/me', headers: bearer(good) },
      { url: `/v1/assessments/${randomUUID()}`, headers: bearer(good) },
      {
        method: 'POST' as const,
        url: '/v1/assessments',
        headers: bearer(good),
        payload: { country: 'UGA', period: '2026' },
      },
      { method: 'POST' as const, url: '/v1/assessments', headers: bearer(good), payload: { nope: 1 } },
      {
        method: 'POST' as const,
        url: '/v1/assessments',
        headers: bearer(viewer),
        payload: { country: 'KEN', period: '2026' },
      },
      { url: '/v1/me', headers: bearer(expired) },
      { url: '/v1/me', headers: bearer(tampered) },
      { url: '/v1/me', headers: { authorization: `Bearer ${good} trailing` } },
      { url: '/v1/me', headers: { authorization: good } },
      { url: '/v1/frameworks/%/x', headers: bearer(good) },
      { url: '/v1/nothing', headers: bearer(good) },
    ];
    for (const request of requests) await logged.app.inject(request);
    const log = lines.join('');
    expect(lines.length, 'the logger captured nothing: the test would prove nothing').toBeGreaterThanOrEqual(
      requests.length,
    );
    expect(log).toContain('"requestId"');
    for (const secret of secrets) {
      expect(log.includes(secret), 'a token was logged').toBe(false);
      // Its signature alone identifies it too.
      expect(log.includes(secret.split('.')[2] ?? secret), 'a token signature was logged').toBe(false);
    }
  });
});

describe('API8 injection: SQL-shaped input is data, never query text', () => {
  const SQL = [
    "' OR '1'='1",
    "KEN' --",
    "2025' OR 1=1 --",
    "x'); DROP TABLE answers; --",
    '1 UNION SELECT * FROM idempotency_keys',
  ];

  it('refuses SQL in every filter, cursor and path parameter, and the schema survives', async () => {
    const draft = await build.make('KEN', 'draft', 'full');
    const tables = () =>
      ctx.app.db.$client
        .prepare("SELECT group_concat(name) AS names FROM sqlite_master WHERE type = 'table'")
        .get();
    const before = { db: fingerprint(ctx), tables: tables() };
    for (const sql of SQL) {
      const q = encodeURIComponent(sql);
      for (const url of [
        `/v1/assessments?country=${q}`,
        `/v1/assessments?period=${q}`,
        `/v1/assessments?status=${q}`,
        `/v1/assessments?cursor=${Buffer.from(sql).toString('base64url')}`,
        `/v1/assessments/${q}`,
        `/v1/frameworks/${q}/${q}`,
        `/v1/countries/${q}/trend`,
        `/v1/indicators/sdg-10-7-2?period=2026&region=${q}`,
      ]) {
        const res = await ctx.app.inject({ url, headers: who.admin });
        expect([400, 404], `${url}: ${describeReply(res)}`).toContain(res.statusCode);
        expect(contractViolation(res)).toBeNull();
      }
      const cleared = await ctx.app.inject({
        method: 'DELETE',
        url: `/v1/assessments/${draft.id}/answers/${encodeURIComponent(sql.slice(0, 20))}`,
        headers: who.admin,
      });
      // A question key has a shape (#31): SQL is refused as malformed (400) or not found (404).
      expect([400, 404], describeReply(cleared)).toContain(cleared.statusCode);
      expect(contractViolation(cleared)).toBeNull();
    }
    expect({ db: fingerprint(ctx), tables: tables() }).toEqual(before);
  });

  it('stores SQL-shaped text verbatim and gives it back unchanged', async () => {
    const draft = await build.make('KEN', 'draft');
    const comment = SQL.join(' | ');
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${draft.id}/answers`,
      headers: who.admin,
      payload: {
        answers: [{ question: 'P1.1.2', value: 1, comment, evidence: [{ title: SQL[3] as string }] }],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const res = await ctx.app.inject({ url: `/v1/assessments/${draft.id}/answers`, headers: who.admin });
    const answer = (
      res.json().answers as { question: string; comment: string; evidence: { title: string }[] }[]
    ).find((a) => a.question === 'P1.1.2');
    expect(answer).toMatchObject({ comment, evidence: [{ title: SQL[3] }] });
  });
});

describe('API9 improper inventory management', () => {
  /** `app.printRoutes()` as [METHOD, /path/{param}] pairs. */
  function servedRoutes(): [string, string][] {
    const tree = ctx.app.printRoutes({ commonPrefix: false });
    const stack: string[] = [];
    const routes: [string, string][] = [];
    for (const line of tree.split('\n')) {
      const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line.replace(/\u00a0/g, ' '));
      if (!match) continue;
      const depth = (match[1] ?? '').length / 4;
      stack.length = depth;
      stack.push(match[2] ?? '');
      const path = stack.join('').replace(/:(\w+)/g, '{$1}');
      for (const method of (match[3] ?? '')
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean)) {
        routes.push([method, path]);
      }
    }
    return routes;
  }

  const hidden = (path: string) => path === '/openapi.json' || path === '/docs' || path.startsWith('/docs/');

  it('serves nothing that openapi/openapi.json does not describe (but /docs, /openapi.json and HEAD)', () => {
    const served = servedRoutes();
    expect(served.length).toBeGreaterThan(operations.length);
    const undocumented = served
      .filter(([method, path]) => method !== 'HEAD' && !hidden(path))
      .filter(([method, path]) => !spec.paths[path]?.[method.toLowerCase()]);
    expect(undocumented).toEqual([]);
  });

  it('serves everything the document describes', () => {
    for (const op of operations) {
      expect(
        ctx.app.hasRoute({ method: op.method as 'GET', url: op.path.replace(/\{(\w+)\}/g, ':$1') }),
        op.path,
      ).toBe(true);
    }
  });

  const id = randomUUID();
  const probes: [string, string][] = [
    ['TRACE', '/v1/me'],
    ['TRACE', '/healthz'],
    ['PATCH', '/v1/assessments'],
    ['DELETE', '/v1/assessments'],
    ['PUT', '/v1/assessments'],
    ['POST', '/v1/me'],
    ['OPTIONS', '/v1/assessments'],
    ['PATCH', `/v1/assessments/${id}`],
    ['PUT', `/v1/assessments/${id}`],
    ['DELETE', `/v1/assessments/${id}`],
    ['DELETE', `/v1/assessments/${id}/answers`],
    ['POST', `/v1/assessments/${id}/reopen`],
    ['GET', `/v1/assessments/${id}/events`],
    ['POST', '/v1/frameworks'],
    ['DELETE', '/v1/frameworks/migof/1.0.0'],
    ['GET', '/v1/admin'],
    ['GET', '/v1/admin/users'],
    ['GET', '/v1/users'],
    ['GET', '/v2/assessments'],
    ['GET', '/api/v1/assessments'],
    ['GET', '/V1/ME'],
    ['GET', '/.env'],
    ['GET', '/.git/config'],
    ['GET', '/metrics'],
    ['GET', '/status'],
    ['GET', '/debug/pprof'],
    ['GET', '/data/migov.sqlite'],
    ['GET', '/data/jwt-signing-key.json'],
    ['GET', '/jwt-signing-key.json'],
    ['GET', '/v1/assessments/../../etc/passwd'],
    ['GET', '/docs/static/../../package.json'],
    ['GET', '/docs/static/%2e%2e/%2e%2e/package.json'],
    ['GET', '/v1/me/'],
    ['GET', '//v1/me'],
  ];

  it.each(probes)('%s %s answers 404/405 problem+json, never 2xx', async (method, url) => {
    for (const headers of [{}, who.admin]) {
      const res = await ctx.app.inject({ method: method as 'GET', url, headers });
      const where = `${method} ${url}: ${describeReply(res)}`;
      expect([404, 405], where).toContain(res.statusCode);
      expect(contractViolation(res), where).toBeNull();
    }
  });

  it('refuses path traversal inside a parameter without serving anything', async () => {
    for (const url of [
      '/v1/assessments/..%2F..%2Fetc%2Fpasswd',
      '/v1/assessments/%2e%2e%2f%2e%2e%2fetc%2fpasswd/report',
      '/v1/frameworks/..%2F..%2Fseeds/migof-1.0.0.json',
      `/v1/assessments/${id}/answers/..%2F..%2F..%2Fpackage.json`,
    ]) {
      const res = await ctx.app.inject({ url, headers: who.admin });
      const where = `${url}: ${describeReply(res)}`;
      expect([400, 404, 405], where).toContain(res.statusCode);
      expect(contractViolation(res), where).toBeNull();
    }
  });
});
