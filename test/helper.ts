import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll } from 'vitest';
import { type App, type BuildOptions, buildApp } from '../src/app.ts';
import type { Role } from '../src/auth/claims.ts';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../src/auth/keys.ts';
import { type Config, testConfig } from '../src/config.ts';
import { contract } from './contract.ts';

export interface TestContext {
  app: App;
  config: Config;
  dataDir: string;
  /** A valid token for these claims, signed with the app's local key. */
  token: (claims: TokenClaims, options?: TokenOptions) => Promise<string>;
  /** `{ authorization: 'Bearer …' }` for those claims. */
  auth: (claims: TokenClaims) => Promise<{ authorization: string }>;
}

export interface TokenClaims {
  role: Role | string;
  country?: string;
  sub?: string;
  [claim: string]: unknown;
}

export interface TokenOptions {
  issuer?: string;
  audience?: string;
  expiresIn?: string | number;
  omitExp?: boolean;
}

/**
 * The tests' answer sets (fixtures.ts `migof()`) are written for migof 1.0.0, which new
 * assessments opened on until 2.0.0 was published: tests keep it as the default unless they load
 * their own frameworks or choose 2.0.0 explicitly.
 */
export const FIRST_EDITION = { key: 'migof', version: '1.0.0' } as const;

export function pinnedToFirstEdition(options: BuildOptions = {}): BuildOptions {
  if (options.seeds?.frameworksDir) return options;
  return { ...options, seeds: { defaultFramework: FIRST_EDITION, ...options.seeds } };
}

export function tempDir(prefix = 'migov-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A fresh app on a fresh SQLite file (real migrations, real seeds) for one test file;
 * closed and deleted after the file's tests. Every response `app.inject` returns is checked
 * against openapi/openapi.json first (see ./contract.ts): a response the document does not
 * describe fails the test that asked for it.
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  options: BuildOptions = {},
): Promise<TestContext> {
  const dataDir = overrides.DATA_DIR ?? tempDir();
  // The test runner shares the event loop with the app: a busy moment on a loaded CI machine is
  // not overload, so the 503 guard is out of the way unless a test sets its own threshold.
  const config = testConfig({
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: 1_000_000,
    MAX_EVENT_LOOP_DELAY_MS: 600_000,
    ...overrides,
  });
  const app = await buildApp(config, pinnedToFirstEdition(options));
  enforceContract(app);
  await app.ready();
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const token = (claims: TokenClaims, options: TokenOptions = {}) => signToken(config, claims, options);
  return {
    app,
    config,
    dataDir,
    token,
    auth: async (claims) => ({ authorization: `Bearer ${await token(claims)}` }),
  };
}

/** The body of an injected response as text, decoded from its content coding. */
function decoded(response: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }): string {
  const coding = response.headers['content-encoding'];
  if (coding === 'gzip') return gunzipSync(response.rawPayload).toString('utf8');
  if (coding === 'br') return brotliDecompressSync(response.rawPayload).toString('utf8');
  return response.body;
}

/**
 * Wraps `app.inject` so that each response is validated against the committed OpenAPI
 * document before the test sees it. Must run before `app.ready()` (it adds a hook).
 */
export function enforceContract(app: App): void {
  // Whether a route answered, or the not-found handler: keyed by the raw request, which the
  // injected response carries too. onSend runs for every reply, errors and 404s included.
  const routed = new WeakMap<object, boolean>();
  app.addHook('onSend', (request, _reply, payload, done) => {
    routed.set(request.raw, request.routeOptions.url !== undefined);
    done(null, payload);
  });
  const original = app.inject.bind(app);
  const checked = async (options: InjectOptions | string) => {
    const response = await original(options);
    const request = response.raw.req;
    contract().assert(
      {
        method: request.method ?? 'GET',
        url: request.url ?? '',
        statusCode: response.statusCode,
        headers: response.headers,
        // A gzip- or brotli-coded body is checked as what it decodes to.
        body: decoded(response),
      },
      { routed: routed.get(request) },
    );
    return response;
  };
  app.inject = ((options?: InjectOptions | string, callback?: unknown) => {
    if (options === undefined || callback !== undefined) {
      throw new Error(
        'createTestApp: use `await app.inject(options)`, whose response is checked against the spec',
      );
    }
    return checked(options);
  }) as App['inject'];
}

export async function signToken(
  config: Config,
  claims: TokenClaims,
  options: TokenOptions = {},
): Promise<string> {
  const keys = await loadOrCreateLocalKeys(config.DATA_DIR);
  const { sub = `${claims.role}-test`, ...rest } = claims;
  const jwt = new SignJWT(rest)
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: keys.kid })
    .setSubject(String(sub))
    .setIssuer(options.issuer ?? config.AUTH_ISSUER)
    .setAudience(options.audience ?? config.AUTH_AUDIENCE)
    .setIssuedAt();
  if (!options.omitExp) jwt.setExpirationTime(options.expiresIn ?? '1h');
  return jwt.sign(keys.privateKey);
}

/** An admin token with `alg: none`, right in every other way: the service must refuse it. */
export function unsignedToken(config: Config): string {
  return new UnsecuredJWT({ role: 'admin' })
    .setSubject('mallory')
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setExpirationTime('1h')
    .encode();
}

/**
 * An admin token right in every other way but signed with a key the service never saw (ES256),
 * or with an HMAC secret (HS256, an algorithm it does not allow): it must refuse both.
 */
export async function foreignToken(config: Config, alg: 'ES256' | 'HS256' = 'ES256'): Promise<string> {
  const key =
    alg === 'ES256'
      ? (await generateKeyPair('ES256')).privateKey
      : new TextEncoder().encode('a-secret-that-is-at-least-32-bytes-long!!');
  return new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg })
    .setSubject('mallory')
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setExpirationTime('1h')
    .sign(key);
}

/** Asserts a problem+json answer, with the body in the failure message. */
export function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
): Record<string, unknown> {
  const context = `${response.statusCode} ${response.body}`;
  if (response.statusCode !== status) throw new Error(`expected ${status}, got ${context}`);
  if (!String(response.headers['content-type']).startsWith('application/problem+json')) {
    throw new Error(`expected problem+json, got ${String(response.headers['content-type'])}: ${context}`);
  }
  const body = JSON.parse(response.body) as Record<string, unknown>;
  for (const field of ['type', 'title', 'status', 'detail', 'instance']) {
    if (!(field in body)) throw new Error(`problem lacks ${field}: ${context}`);
  }
  if (body.status !== status) throw new Error(`problem status ${String(body.status)} != ${status}`);
  if (/\bat \S+:\d+:\d+/.test(response.body)) throw new Error(`stack trace leaked: ${context}`);
  return body;
}
