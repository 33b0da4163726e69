import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Contract, ContractError, type ContractResponse, contract } from './contract.ts';
import { enforceContract, type TestContext } from './helper.ts';

const ID = '019a1b2c-3d4e-7f00-8a00-0123456789ab';

const json = (
  method: string,
  url: string,
  statusCode: number,
  body: unknown,
  type = 'application/json; charset=utf-8',
): ContractResponse => ({
  method,
  url,
  statusCode,
  headers: { 'content-type': type },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const problem = (status: number, url: string) => ({
  type: 'urn:migov:problem:not-found',
  title: 'Not found',
  status,
  detail: 'nothing here',
  instance: url,
  requestId: 'req-1',
});

describe('the contract checker', () => {
  const spec = contract();

  it('accepts a response that conforms', () => {
    expect(spec.check(json('GET', '/healthz', 200, { status: 'ok' }))).toEqual([]);
    expect(
      spec.check(
        json(
          'GET',
          `/v1/assessments/${ID}`,
          404,
          problem(404, '/v1/assessments/x'),
          'application/problem+json',
        ),
      ),
    ).toEqual([]);
  });

  it('rejects a body that does not match the schema, naming the field', () => {
    const problems = spec.check(json('GET', '/healthz', 200, { status: 'fine', extra: 1 }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/does not match its schema/);
    expect(problems[0]).toMatch(/\/status/);
    expect(problems[0]).toMatch(/extra/);
  });

  it('rejects a body that is not JSON', () => {
    expect(spec.check(json('GET', '/healthz', 200, '{"status":'))[0]).toMatch(/not JSON/);
  });

  it('rejects an undocumented status', () => {
    const problems = spec.check(
      json('GET', '/healthz', 418, problem(418, '/healthz'), 'application/problem+json'),
    );
    expect(problems[0]).toMatch(/status 418 is not documented for GET \/healthz/);
  });

  it('rejects an undocumented content type, and a problem sent as plain JSON', () => {
    expect(spec.check(json('GET', '/healthz', 200, { status: 'ok' }, 'text/html'))[0]).toMatch(
      /Content-Type text\/html is not documented/,
    );
    expect(
      spec.check(json('GET', `/v1/assessments/${ID}`, 404, problem(404, '/x'), 'application/json'))[0],
    ).toMatch(/not documented/);
  });

  it('rejects a problem body that lacks the RFC 9457 members', () => {
    const problems = spec.check(
      json('GET', `/v1/assessments/${ID}`, 404, { message: 'nope' }, 'application/problem+json'),
    );
    expect(problems[0]).toMatch(/must have required property/);
  });

  it('matches path templates, literal suffixes included', () => {
    expect(spec.template(`/v1/assessments/${ID}/report`)).toBe('/v1/assessments/{id}/report');
    expect(spec.template(`/v1/assessments/${ID}/report.svg`)).toBe('/v1/assessments/{id}/report.svg');
    expect(spec.template(`/v1/assessments/${ID}/reportXsvg`)).toBeUndefined();
    expect(spec.template('/v1/frameworks/migof/1.0.0')).toBe('/v1/frameworks/{key}/{version}');
  });

  it('only asks a documented content type of text bodies', () => {
    const csv = json(
      'GET',
      `/v1/assessments/${ID}/report`,
      200,
      'question,score\n',
      'text/csv; charset=utf-8',
    );
    expect(spec.check(csv)).toEqual([]);
    const svg = json('GET', `/v1/assessments/${ID}/report.svg`, 200, '<svg/>', 'image/svg+xml');
    expect(spec.check(svg)).toEqual([]);
    expect(spec.check({ ...svg, headers: { 'content-type': 'image/png' } })[0]).toMatch(/not documented/);
  });

  it('accepts an empty 304 and refuses a 304 with a body', () => {
    const notModified = { ...json('GET', `/v1/assessments/${ID}/report`, 304, ''), headers: {} };
    expect(spec.check(notModified)).toEqual([]);
    expect(spec.check({ ...notModified, body: '{}' })[0]).toMatch(/documents no body/);
  });

  it('refuses paths and methods the document does not have, unless no route answered', () => {
    expect(spec.check(json('GET', '/v1/secret', 200, {}))[0]).toMatch(/no path of the document matches/);
    expect(spec.check(json('PATCH', '/healthz', 200, {}))[0]).toMatch(
      /PATCH \/healthz is not in the document/,
    );
    const notFound = json('GET', '/v1/secret', 404, problem(404, '/v1/secret'), 'application/problem+json');
    expect(spec.check(notFound, { routed: false })).toEqual([]);
    expect(spec.check({ ...notFound, statusCode: 500 }, { routed: false })[0]).toMatch(
      /only 404, 400, 413, 415, 429, 503 are acceptable/,
    );
  });

  it('leaves the docs UI and the document itself alone', () => {
    expect(spec.check(json('GET', '/docs/static/index.html', 200, '<html>', 'text/html'))).toEqual([]);
    expect(spec.check(json('GET', '/openapi.json', 200, {}))).toEqual([]);
  });

  it('finds every example in the document valid against its own schema', () => {
    expect(spec.checkExamples()).toEqual([]);
    const broken = structuredClone(spec.document);
    const health = broken.components?.schemas?.Health as { example?: unknown };
    health.example = { status: 'sleeping' };
    expect(new Contract(broken).checkExamples()).toEqual([
      expect.stringMatching(/^#\/components\/schemas\/Health: .*must be equal to constant/),
    ]);
  });

  it('throws an error naming method, url, status and the validator errors', () => {
    const response = json('GET', '/healthz?x=1', 200, { status: 1 });
    expect(() => spec.assert(response)).toThrow(ContractError);
    expect(() => spec.assert(response)).toThrow(
      /GET \/healthz\?x=1 -> 200[\s\S]*\/status must be equal to constant/,
    );
  });
});

describe("createTestApp's inject", () => {
  it('fails the request whose response breaks the document, and passes one that keeps it', async () => {
    const app = Fastify();
    app.get('/healthz', async () => ({ status: 'ok' }));
    app.get('/readyz', async () => ({ status: 'ready' }));
    app.get('/v1/me', async (_request, reply) => reply.code(418).send({ teapot: true }));
    enforceContract(app as unknown as TestContext['app']);
    await app.ready();
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await expect(app.inject({ method: 'GET', url: '/readyz' })).rejects.toThrow(
        /GET \/readyz -> 200[\s\S]*\/status must be equal to constant/,
      );
      await expect(app.inject({ method: 'GET', url: '/v1/me' })).rejects.toThrow(
        /status 418 is not documented/,
      );
      // fastify's own not-found answer is plain JSON, not problem+json.
      await expect(app.inject({ method: 'GET', url: '/v1/nothing' })).rejects.toThrow(
        /must be application\/problem\+json/,
      );
    } finally {
      await app.close();
    }
  });
});
