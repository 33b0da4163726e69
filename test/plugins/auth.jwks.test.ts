import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';

/* The identity-provider path: keys from a JWKS URL (a loopback server standing in for the IdP). */

const ISSUER = 'https://idp.test';
let server: Server;
let ctx: TestContext;
let privateKey: CryptoKey;
let available = true;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
  server = createServer((request, response) => {
    if (!available || request.url !== '/jwks.json') {
      response.writeHead(available ? 404 : 500).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  ctx = await createTestApp({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, AUTH_ISSUER: ISSUER });
});

afterAll(() => {
  server.close();
});

const sign = (key: CryptoKey, kid = 'idp-key-1') =>
  new SignJWT({ role: 'reviewer' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject('idp-user')
    .setIssuer(ISSUER)
    .setAudience(ctx.config.AUTH_AUDIENCE)
    .setExpirationTime('10m')
    .sign(key);

describe('tokens verified against a JWKS URL', () => {
  it('accepts a token signed by the identity provider', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${await sign(privateKey)}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    // GET /v1/me is the person record: the verified claims, and what the server keeps of the person.
    expect(res.json()).toMatchObject({ sub: 'idp-user', role: 'reviewer', preferences: {} });
    expect(res.json()).not.toHaveProperty('country');
  });

  it('refuses a token signed by another key with the same kid', async () => {
    const other = await generateKeyPair('RS256');
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${await sign(other.privateKey)}` },
    });
    expectProblem(res, 401);
  });

  it('answers 503, not 401, while the identity provider cannot be reached', async () => {
    // A fresh service has no keys cached, so it must fetch them now.
    available = false;
    const cold = await createTestApp({ AUTH_JWKS_URL: ctx.config.AUTH_JWKS_URL, AUTH_ISSUER: ISSUER });
    const res = await cold.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${await sign(privateKey)}` },
    });
    available = true;
    expect(expectProblem(res, 503).detail).toMatch(/identity provider/);
    const unreachable = await createTestApp({
      AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
      AUTH_ISSUER: ISSUER,
    });
    expectProblem(
      await unreachable.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { authorization: `Bearer ${await sign(privateKey)}` },
      }),
      503,
    );
  });
});
