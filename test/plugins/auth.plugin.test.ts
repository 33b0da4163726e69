import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../../src/auth/keys.ts';
import { createTestApp, expectProblem, foreignToken, type TestContext, unsignedToken } from '../helper.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

const me = (authorization?: string) =>
  ctx.app.inject({ method: 'GET', url: '/v1/me', headers: authorization ? { authorization } : {} });

describe('GET /v1/me', () => {
  it('returns the verified claims of a valid token', async () => {
    const res = await me(`Bearer ${await ctx.token({ role: 'focal_point', country: 'KEN', sub: 'amina' })}`);
    expect(res.statusCode, res.body).toBe(200);
    // The person record (consultation, issue #25) adds preferences, first and last seen, visits.
    expect(res.json()).toMatchObject({ sub: 'amina', role: 'focal_point', country: 'KEN', preferences: {} });
  });

  it('accepts a viewer without a country and an admin', async () => {
    for (const role of ['viewer', 'admin', 'reviewer']) {
      const res = await me(`Bearer ${await ctx.token({ role })}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().role).toBe(role);
    }
  });
});

describe('hostile and broken tokens get 401 problem+json', () => {
  const cases: [string, () => Promise<string | undefined>][] = [
    ['no Authorization header', async () => undefined],
    ['a Basic header', async () => 'Basic YWRtaW46YWRtaW4='],
    ['Bearer with no token', async () => 'Bearer '],
    ['a token that is not a JWT', async () => 'Bearer not-a-jwt'],
    ['three segments of garbage', async () => 'Bearer aaa.bbb.ccc'],
    [
      'an expired token',
      async () =>
        `Bearer ${await ctx.token({ role: 'admin' }, { expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`,
    ],
    ['a token without exp', async () => `Bearer ${await ctx.token({ role: 'admin' }, { omitExp: true })}`],
    [
      'a wrong issuer',
      async () => `Bearer ${await ctx.token({ role: 'admin' }, { issuer: 'https://evil.example' })}`,
    ],
    [
      'a wrong audience',
      async () => `Bearer ${await ctx.token({ role: 'admin' }, { audience: 'another-service' })}`,
    ],
    ['alg none', async () => `Bearer ${unsignedToken(ctx.config)}`],
    [
      'a tampered payload',
      async () => {
        const [h, , s] = (await ctx.token({ role: 'viewer' })).split('.');
        const forged = Buffer.from(
          JSON.stringify({
            role: 'admin',
            sub: 'mallory',
            iss: ctx.config.AUTH_ISSUER,
            aud: ctx.config.AUTH_AUDIENCE,
            exp: Math.floor(Date.now() / 1000) + 3600,
          }),
        ).toString('base64url');
        return `Bearer ${h}.${forged}.${s}`;
      },
    ],
    ['a token signed with a foreign key', async () => `Bearer ${await foreignToken(ctx.config)}`],
    [
      'an HMAC token (algorithm not allowed)',
      async () => `Bearer ${await foreignToken(ctx.config, 'HS256')}`,
    ],
    ['an unknown role', async () => `Bearer ${await ctx.token({ role: 'superuser' })}`],
    ['a focal point without a country', async () => `Bearer ${await ctx.token({ role: 'focal_point' })}`],
    [
      'a malformed country claim',
      async () => `Bearer ${await ctx.token({ role: 'focal_point', country: 'ke' })}`,
    ],
  ];

  it.each(cases)('%s', async (_name, header) => {
    const res = await me(await header());
    const problem = expectProblem(res, 401);
    expect(problem.type).toBe('urn:migov:problem:unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });
});

describe('token lifetime (issue 19, item 8)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  /** A token signed with the app's own key, with exactly these iat and exp (seconds). */
  async function timed(iat: number | undefined, exp: number): Promise<string> {
    const keys = await loadOrCreateLocalKeys(ctx.config.DATA_DIR);
    const jwt = new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: keys.kid })
      .setSubject('timed')
      .setIssuer(ctx.config.AUTH_ISSUER)
      .setAudience(ctx.config.AUTH_AUDIENCE)
      .setExpirationTime(exp);
    if (iat !== undefined) jwt.setIssuedAt(iat);
    return jwt.sign(keys.privateKey);
  }

  it('refuses a token issued a year in the future, saying so', async () => {
    const iat = now() + 365 * 86_400;
    const body = expectProblem(await me(`Bearer ${await timed(iat, iat + 3600)}`), 401);
    expect(body.detail).toMatch(/"iat" is in the future/);
  });

  it('allows a small clock difference with the issuer', async () => {
    const res = await me(`Bearer ${await timed(now() + 10, now() + 3600)}`);
    expect(res.statusCode, res.body).toBe(200);
  });

  it(`refuses a token valid for longer than AUTH_MAX_TOKEN_LIFETIME_SECONDS (24 h by default)`, async () => {
    expect(ctx.config.AUTH_MAX_TOKEN_LIFETIME_SECONDS).toBe(86_400);
    const body = expectProblem(await me(`Bearer ${await timed(now(), now() + 30 * 86_400)}`), 401);
    expect(body.detail).toMatch(/longer than the 86400 s this service accepts/);
    // Without iat, the lifetime counts from now.
    expectProblem(await me(`Bearer ${await timed(undefined, now() + 2 * 86_400)}`), 401);
    const ok = await me(`Bearer ${await timed(now(), now() + 86_000)}`);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('accepts the scheme in lower case', async () => {
    const res = await me(`bearer ${await ctx.token({ role: 'viewer' })}`);
    expect(res.statusCode, res.body).toBe(200);
  });
});
