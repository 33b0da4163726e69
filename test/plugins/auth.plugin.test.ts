import { beforeAll, describe, expect, it } from 'vitest';
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
    expect(res.json()).toEqual({ sub: 'amina', role: 'focal_point', country: 'KEN' });
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
