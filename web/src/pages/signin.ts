import { startOidc } from '../auth.ts';
import type { Context } from '../context.ts';
import { h } from '../dom.ts';
import { t } from '../i18n.ts';

function oidcSection(oidc: NonNullable<Context['config']['oidc']>, error: HTMLElement) {
  return h(
    'section',
    { 'aria-labelledby': 'signin-idp' },
    h('h2', { id: 'signin-idp' }, t('signin.idpHeading')),
    h(
      'button',
      {
        type: 'button',
        id: 'signin-oidc',
        onclick: async () => {
          try {
            await startOidc(oidc, location.hash.startsWith('#/') ? location.hash : '#/');
          } catch (e) {
            error.textContent = (e as Error).message;
          }
        },
      },
      t('signin.idpButton'),
    ),
  );
}

function localTokenSection() {
  const field = h('textarea', {
    id: 'signin-token',
    rows: 3,
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  return h(
    'section',
    { 'aria-labelledby': 'signin-local' },
    h('h2', { id: 'signin-local' }, t('signin.localHeading')),
    h('p', null, t('signin.localLink')),
    h('pre', null, h('code', null, 'npm run token -- --role focal_point --country KEN --sub amina --link')),
    h(
      'form',
      {
        onsubmit: (event: Event) => {
          event.preventDefault();
          const token = field.value.trim();
          if (!token) return;
          // The same path as a link: the token goes through the fragment, never to the server.
          location.hash = `token=${encodeURIComponent(token)}`;
        },
      },
      h('label', { for: 'signin-token' }, t('signin.tokenLabel')),
      field,
      h('button', { type: 'submit' }, t('signin.tokenButton')),
    ),
  );
}

export function signInPage(context: Context, state: { expired: boolean; error?: string | undefined }): void {
  const { config, main } = context;
  const error = h('p', { role: 'alert', class: 'error' }, state.error ?? '');
  main.append(
    context.title(t('signin.title')),
    state.expired
      ? h('div', { class: 'notice', role: 'alert' }, h('p', null, t('signin.expired')))
      : h('p', null, t('signin.intro')),
    error,
  );
  if (config.oidc) main.append(oidcSection(config.oidc, error));
  if (config.localTokens) main.append(localTokenSection());
}
