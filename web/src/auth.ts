import * as oauth from 'oauth4webapi';

/** GET /app-config.json: how people sign in here. */
export interface AppConfig {
  languages: string[];
  localTokens: boolean;
  oidc: { issuer: string; clientId: string; scope: string; resource: string } | null;
}

const TOKEN = 'migov.token';
const RETURN_TO = 'migov.returnTo';
const OIDC_PENDING = 'migov.oidc';
const ID_TOKEN = 'migov.idToken';

export const getToken = () => sessionStorage.getItem(TOKEN);
export const setToken = (token: string) => sessionStorage.setItem(TOKEN, token);
export const clearToken = () => sessionStorage.removeItem(TOKEN);

/** Where to go back to after signing in again (the route the person was on). */
export const rememberRoute = (hash: string) => sessionStorage.setItem(RETURN_TO, hash);
export function takeRememberedRoute(): string | null {
  const hash = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  return hash;
}

/**
 * A sign-in link from `npm run token -- --link`: the token is in the fragment, which browsers
 * never send to the server. It is kept for this tab only and removed from the address bar and
 * the history at once.
 */
export function takeTokenFromFragment(): boolean {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token');
  if (!token) return false;
  setToken(token);
  history.replaceState(null, '', `${location.pathname}${takeRememberedRoute() ?? '#/'}`);
  return true;
}

const redirectUri = () => `${location.origin}/`;

/**
 * oauth4webapi speaks only https to an identity provider; plain http is allowed for a provider
 * on this machine's loopback (development, and the test suite's provider), never beyond.
 */
const insecure = (issuer: URL) =>
  issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname)
    ? { [oauth.allowInsecureRequests]: true }
    : {};

async function server(config: NonNullable<AppConfig['oidc']>) {
  const issuer = new URL(config.issuer);
  const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure(issuer) });
  return oauth.processDiscoveryResponse(issuer, response);
}

/** Starts the authorization code flow with PKCE: the browser leaves for the identity provider. */
export async function startOidc(config: NonNullable<AppConfig['oidc']>, returnTo: string): Promise<void> {
  const as = await server(config);
  if (!as.authorization_endpoint) throw new Error('The identity provider has no authorization endpoint');
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(OIDC_PENDING, JSON.stringify({ verifier, state }));
  rememberRoute(returnTo);
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  // The code comes back in the fragment: like the token links, it never reaches a server log.
  url.searchParams.set('response_mode', 'fragment');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  url.searchParams.set('resource', config.resource);
  location.assign(url.href);
}

/**
 * Finishes the flow when the identity provider sent the person back with a code (or an error)
 * in the fragment. Returns false when this page load is not such a return.
 */
export async function finishOidc(config: AppConfig['oidc']): Promise<boolean> {
  const params = new URLSearchParams(location.hash.slice(1));
  if (!config || !(params.has('code') || params.has('error')) || !params.has('state')) return false;
  const pending = JSON.parse(sessionStorage.getItem(OIDC_PENDING) ?? 'null') as {
    verifier: string;
    state: string;
  } | null;
  sessionStorage.removeItem(OIDC_PENDING);
  const returnTo = takeRememberedRoute() ?? '#/';
  history.replaceState(null, '', `${location.pathname}${returnTo}`);
  if (!pending) throw new Error('This sign-in was not started here; start again.');
  const as = await server(config);
  const client: oauth.Client = { client_id: config.clientId };
  const callback = oauth.validateAuthResponse(as, client, params, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    callback,
    redirectUri(),
    pending.verifier,
    { additionalParameters: { resource: config.resource }, ...insecure(new URL(config.issuer)) },
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response);
  setToken(result.access_token);
  if (result.id_token) sessionStorage.setItem(ID_TOKEN, result.id_token);
  return true;
}

/**
 * Ends the session at the identity provider too (RP-initiated logout): the browser leaves for its
 * end_session_endpoint and comes back to the app. False when the provider offers none.
 */
export async function endOidcSession(config: NonNullable<AppConfig['oidc']>, idToken: string | null) {
  const as = await server(config);
  if (!as.end_session_endpoint) return false;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', config.clientId);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', redirectUri());
  location.assign(url.href);
  return true;
}

/* ---------- tabs of this browser share the session ---------- */

type TabMessage =
  | { type: 'ask' }
  | { type: 'token'; token: string; idToken: string | null }
  | { type: 'signout' };
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('migov.session') : null;

export const idToken = () => sessionStorage.getItem(ID_TOKEN);

/**
 * A tab of this browser that has the session hands it to a new tab that asks (a report opened in a
 * new tab, a pasted link), over a same-origin BroadcastChannel: never in a URL, never in storage
 * that outlives the browser session. A sign-out in any tab signs every tab out.
 */
export function shareSession(onSignOut: () => void): void {
  channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
    const token = getToken();
    if (event.data.type === 'ask' && token) channel.postMessage({ type: 'token', token, idToken: idToken() });
    else if (event.data.type === 'signout') onSignOut();
  });
}

/** Asks the other tabs for the session; false when none answers soon. */
export function askOtherTabs(wait = 400): Promise<boolean> {
  const tabs = channel;
  if (!tabs || getToken()) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (found: boolean) => {
      clearTimeout(timer);
      tabs.removeEventListener('message', onMessage);
      resolve(found);
    };
    const onMessage = (event: MessageEvent<TabMessage>) => {
      if (event.data.type !== 'token') return;
      setToken(event.data.token);
      if (event.data.idToken) sessionStorage.setItem(ID_TOKEN, event.data.idToken);
      done(true);
    };
    const timer = setTimeout(() => done(false), wait);
    tabs.addEventListener('message', onMessage);
    tabs.postMessage({ type: 'ask' } satisfies TabMessage);
  });
}

export const signOutOtherTabs = () => channel?.postMessage({ type: 'signout' } satisfies TabMessage);
