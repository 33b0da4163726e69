/// <reference lib="dom" />
/**
 * Sign-in with an identity provider: OpenID Connect, authorization code with PKCE, from the web
 * app in Chromium, against oidc-provider (panva's certified OpenID provider) on loopback. The
 * API verifies the provider's JWT access tokens (resource indicator = AUTH_AUDIENCE) through
 * AUTH_JWKS_URL, and the app learns the provider from GET /app-config.json.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/server-process.ts';
import { haveChromium } from '../reports/browser.ts';
import { axe, launch, type Server, Session, shot, startServer } from './harness.ts';

const RESOURCE = 'urn:migov:api';
const CLIENT_ID = 'migov-web';
/** The provider's accounts and the claims migov needs in their access tokens. */
const ACCOUNTS: Record<string, { role: string; country?: string }> = {
  amina: { role: 'focal_point', country: 'KEN' },
};

let idp: HttpServer;
let server: Server;
let browser: Browser;
let issuer = '';

beforeAll(async () => {
  const appPort = await freePort();
  idp = createServer();
  await new Promise<void>((done) => idp.listen(0, '127.0.0.1', done));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`http://127.0.0.1:${appPort}/`],
        post_logout_redirect_uris: [`http://127.0.0.1:${appPort}/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'idp-test', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: ['a-cookie-key-for-the-test-provider'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    // migov's claims go into the access tokens issued for its API.
    extraTokenClaims: (_ctx, token) => ACCOUNTS[(token as { accountId?: string }).accountId ?? ''],
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== RESOURCE) throw new errors.InvalidTarget();
          return { scope: 'api', audience: RESOURCE, accessTokenFormat: 'jwt', accessTokenTTL: 600 };
        },
      },
    },
  });
  idp.on('request', provider.callback());
  server = await startServer(
    {
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: RESOURCE,
      AUTH_JWKS_URL: `${issuer}/jwks`,
      WEB_OIDC_CLIENT_ID: CLIENT_ID,
      WEB_OIDC_SCOPE: 'openid api',
    },
    appPort,
  );
  if (haveChromium) browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((done) => idp?.close(done));
});

describe.skipIf(!haveChromium)('sign-in with an OpenID provider', () => {
  it('publishes the provider in /app-config.json and allows it in connect-src', async () => {
    const res = await fetch(`${server.url}/app-config.json`);
    expect(await res.json()).toEqual({
      languages: ['en', 'fr', 'es'],
      localTokens: false,
      oidc: { issuer, clientId: CLIENT_ID, scope: 'openid api', resource: RESOURCE },
    });
    const page = await fetch(`${server.url}/`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${issuer}`);
  });

  it('signs in with the authorization code flow and PKCE, then calls the API with the access token', {
    timeout: 120_000,
  }, async () => {
    const session = await Session.open(browser);
    const { page } = session;
    const authorize: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${issuer}/auth`)) authorize.push(request.url());
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Sign in with your identity provider' }).click();
    // The provider's own pages (oidc-provider's development interactions).
    await page.locator('input[name="login"]').fill('amina');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assessments for Kenya' }).waitFor();
    await expect(page.locator('header .who').textContent()).resolves.toContain('amina');
    // The code came back in the fragment and is gone from the address bar.
    expect(page.url()).not.toMatch(/code=|state=/);
    const request = new URL(authorize[0] ?? '');
    expect(request.searchParams.get('code_challenge_method')).toBe('S256');
    expect(request.searchParams.get('response_mode')).toBe('fragment');
    expect(request.searchParams.get('resource')).toBe(RESOURCE);
    // The API accepted the provider's token: the focal point opens an assessment.
    await page.getByLabel('Period').fill('2027');
    await page.getByRole('button', { name: 'Open assessment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kenya 2027: questionnaire' }).waitFor();
    await shot(page, 'oidc-signed-in');
    // Signing out ends the session at the provider too (RP-initiated logout), then comes back.
    const endSession: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${issuer}/session/end`)) endSession.push(r.url());
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('button[type="submit"]', { hasText: /sign me out/i }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const logout = new URL(endSession[0] ?? '');
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(`${server.url}/`);
    expect(logout.searchParams.get('id_token_hint')).toBeTruthy();
    // Signing in again asks for the password: the provider's session is over.
    await page.getByRole('button', { name: 'Sign in with your identity provider' }).click();
    await page.locator('input[name="login"]').waitFor();
    const signedOut = await Session.open(browser);
    await signedOut.page.goto(`${server.url}/`);
    await signedOut.page.getByRole('button', { name: 'Sign in with your identity provider' }).waitFor();
    expect((await axe(signedOut.page, 'signin-oidc')).serious).toEqual([]);
    await shot(signedOut.page, 'signin-oidc');
    expect(session.refused).toEqual([]);
    await session.context.close();
    await signedOut.context.close();
  });

  it('says so when the provider offers no sign-out', { timeout: 120_000 }, async () => {
    const session = await Session.open(browser);
    const { page } = session;
    // A provider without end_session_endpoint in its discovery document.
    await page.route(`${issuer}/.well-known/openid-configuration`, async (route) => {
      const response = await route.fetch();
      const { end_session_endpoint: _, ...rest } = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: rest });
    });
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Sign in with your identity provider' }).click();
    await page.locator('input[name="login"]').fill('amina');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Assessments for Kenya' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('The identity provider offers no sign-out').waitFor();
    await session.context.close();
  });
});
