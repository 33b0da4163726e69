import { ApiError, api, ok, type Principal, whenExpired } from './api.ts';
import {
  type AppConfig,
  askOtherTabs,
  clearToken,
  endOidcSession,
  finishOidc,
  getToken,
  idToken,
  rememberRoute,
  shareSession,
  signOutOtherTabs,
  takeRememberedRoute,
  takeTokenFromFragment,
} from './auth.ts';
import type { Context } from './context.ts';
import { countryName } from './countries.ts';
import { clear, h } from './dom.ts';
import { LANGUAGE_NAMES, LOCALES, type Locale, locale, setLocale, t } from './i18n.ts';
import { consultationPage } from './pages/consultation.ts';
import { homePage } from './pages/home.ts';
import { indicatorsPage } from './pages/indicators.ts';
import { preferencesPage } from './pages/preferences.ts';
import { publicationPage } from './pages/publication.ts';
import { questionnairePage } from './pages/questionnaire.ts';
import { reportPage } from './pages/report.ts';
import { reviewPage } from './pages/review.ts';
import { signInPage } from './pages/signin.ts';
import { webhooksPage } from './pages/webhooks.ts';

let config: AppConfig = { languages: [...LOCALES], localTokens: true, oidc: null };
let me: Principal | null = null;
let renderId = 0;
let expired = false;
let signInError: string | undefined;

const root = document.getElementById('app') as HTMLElement;
const main = h('main', { id: 'main', tabindex: '-1' });
const header = h('header', { class: 'banner' });
const footer = h('footer', { class: 'footer' });

function title(text: string): HTMLHeadingElement {
  document.title = `${text} · migov`;
  return h('h1', { tabindex: '-1' }, text);
}

function renderHeader(): void {
  clear(footer, h('a', { href: '/docs' }, t('app.apiDocs')));
  const select = h(
    'select',
    {
      id: 'language',
      onchange: (event: Event) => {
        setLocale((event.target as HTMLSelectElement).value as Locale);
        renderHeader();
        void route(false);
      },
    },
    LOCALES.map((l) => h('option', { value: l, lang: l, selected: l === locale() }, LANGUAGE_NAMES[l])),
  );
  const role = me ? t(`role.${me.role}` as 'role.viewer') : '';
  clear(
    header,
    h('a', { class: 'skip', href: '#main', onclick: skipToMain }, t('app.skip')),
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: '#/' }, 'migov'),
      me &&
        h(
          'nav',
          { 'aria-label': t('nav.label') },
          h(
            'ul',
            null,
            h('li', null, h('a', { href: '#/' }, t(me.role === 'reviewer' ? 'nav.queue' : 'nav.home'))),
            me.role !== 'focal_point' && h('li', null, h('a', { href: '#/indicators' }, t('nav.indicators'))),
            me.role === 'admin' && h('li', null, h('a', { href: '#/webhooks' }, t('nav.webhooks'))),
            h('li', null, h('a', { href: '#/preferences' }, t('nav.mail'))),
          ),
        ),
      h(
        'div',
        { class: 'tools' },
        me &&
          h(
            'p',
            { class: 'who' },
            t('app.signedInAs', {
              sub: me.sub,
              role,
              country: me.country ? ` · ${countryName(me.country)}` : '',
            }),
          ),
        h('label', { for: 'language' }, t('app.language')),
        select,
        me &&
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => void signOut() },
            t('app.signOut'),
          ),
      ),
    ),
  );
}

function skipToMain(event: Event): void {
  event.preventDefault();
  main.focus();
}

/** Signs this tab out (what another tab's sign-out does here). */
function signOutHere(): void {
  sessionStorage.clear();
  me = null;
  expired = false;
  history.replaceState(null, '', `${location.pathname}#/`);
  renderHeader();
  void route(true);
}

/** Signs out every tab of this browser, and at the identity provider where there is one. */
async function signOut(): Promise<void> {
  const hint = idToken();
  signOutOtherTabs();
  signOutHere();
  if (!config.oidc) return;
  let ended = false;
  try {
    ended = await endOidcSession(config.oidc, hint);
  } catch {
    // The provider cannot be reached: the person is told, as when it has no sign-out.
  }
  if (!ended) sessionStorage.setItem('migov.flash', t('app.signOutProvider'));
  if (!ended) void route(true);
}

whenExpired(() => {
  if (!getToken()) return;
  // Unsaved answers are already in sessionStorage (the questionnaire keeps them there); they
  // are restored when the person signs in again and comes back to this page.
  rememberRoute(location.hash.startsWith('#/') ? location.hash : '#/');
  clearToken();
  me = null;
  expired = true;
  renderHeader();
  void route(true);
});

async function signIn(): Promise<boolean> {
  if (!getToken()) return false;
  try {
    me = (await ok(api.GET('/v1/me'))).data;
    expired = false;
    return true;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) signInError = (error as Error).message;
    clearToken();
    me = null;
    return false;
  }
}

async function route(focus: boolean): Promise<void> {
  const id = ++renderId;
  const context: Context = { config, me: me as Principal, main, current: () => id === renderId, title };
  renderHeader();
  if (!me) {
    clear(main);
    signInPage(context, { expired, error: signInError });
    signInError = undefined;
    showFlash(context);
    if (focus) main.querySelector('h1')?.focus();
    return;
  }
  clear(main, h('p', { class: 'loading', role: 'status' }, t('app.loading')));
  try {
    // A malformed escape in a pasted link (`%E0%A4%A`) is a page that does not exist.
    const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    if (parts[0] === 'a' && parts[1]) {
      const [, assessmentId, view, key, , question] = parts;
      if (view === 'report') await reportPage(context, assessmentId);
      else if (view === 'review') await reviewPage(context, assessmentId);
      else if (view === 'consultation') await consultationPage(context, assessmentId);
      else if (view === 'publication') await publicationPage(context, assessmentId);
      else await questionnairePage(context, assessmentId, view === 'd' ? key : undefined, question);
    } else if (parts[0] === 'indicators') {
      await indicatorsPage(context);
    } else if (parts[0] === 'webhooks' && me.role === 'admin') {
      await webhooksPage(context);
    } else if (parts[0] === 'preferences') {
      await preferencesPage(context);
    } else {
      await homePage(context);
    }
  } catch (error) {
    if (!context.current() || !me) return;
    const message =
      (error instanceof ApiError && error.status === 404) || error instanceof URIError
        ? t('error.notFound')
        : (error as Error).message;
    clear(main, title(t('error.title')), h('p', { role: 'alert' }, message));
  }
  showFlash(context);
  if (focus && context.current() && !location.hash.includes('/q/')) main.querySelector('h1')?.focus();
}

/** A message left for the next page (a workflow step done, a sign-out the provider could not end). */
function showFlash(context: Context): void {
  const flash = sessionStorage.getItem('migov.flash');
  if (!flash || !context.current()) return;
  sessionStorage.removeItem('migov.flash');
  main.querySelector('h1')?.after(h('p', { class: 'flash', role: 'status' }, flash));
}

async function boot(): Promise<void> {
  root.replaceChildren(header, main, footer);
  try {
    const response = await fetch('/app-config.json');
    if (response.ok) config = (await response.json()) as AppConfig;
  } catch {
    // The page still works with links from `npm run token -- --link`.
  }
  try {
    await finishOidc(config.oidc);
  } catch (error) {
    signInError = (error as Error).message;
  }
  takeTokenFromFragment();
  shareSession(signOutHere);
  // A new tab (a link opened or pasted): another tab of this browser may hand over the session.
  if (!getToken()) await askOtherTabs();
  await signIn();
  if (me && location.hash.length < 2)
    history.replaceState(null, '', `${location.pathname}${takeRememberedRoute() ?? '#/'}`);
  await route(false);
  window.addEventListener('hashchange', async () => {
    if (takeTokenFromFragment()) {
      await signIn();
    }
    await route(true);
  });
}

void boot();
