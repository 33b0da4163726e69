import { api, ok, type Schemas } from '../api.ts';
import type { Context } from '../context.ts';
import { clear, h } from '../dom.ts';
import { LANGUAGE_NAMES, LOCALES, type MessageKey, t } from '../i18n.ts';

type Kind = keyof NonNullable<Schemas['Preferences']['notifications']>;

/** The kinds a person is told of by e-mail, in the order the page lists them. */
const KINDS: Kind[] = ['assigned', 'thread', 'remark', 'review', 'validated', 'published'];

/** A person's e-mail choices: each kind on or off, and the language mail is written in. */
export async function preferencesPage(context: Context): Promise<void> {
  const me = (await ok(api.GET('/v1/me'))).data;
  if (!context.current()) return;
  const chosen = me.preferences.notifications ?? {};
  const boxes = KINDS.map((kind) => {
    const box = h('input', {
      type: 'checkbox',
      id: `mail-${kind}`,
      name: kind,
      checked: (chosen[kind] ?? 'immediate') !== 'off',
    });
    return h(
      'div',
      { class: 'check' },
      box,
      h('label', { for: `mail-${kind}` }, t(`mail.kind.${kind}` as MessageKey)),
    );
  });
  const language = h(
    'select',
    { id: 'mail-language' },
    h('option', { value: '', selected: !me.preferences.language }, t('mail.languageLast')),
    LOCALES.map((l) =>
      h('option', { value: l, lang: l, selected: me.preferences.language === l }, LANGUAGE_NAMES[l]),
    ),
  );
  const status = h('p', { role: 'status', class: 'status' });
  const save = (event: Event) => {
    event.preventDefault();
    void saveChoices(language, status);
  };
  clear(
    context.main,
    context.title(t('mail.title')),
    h('p', null, me.email ? t('mail.address', { email: me.email }) : t('mail.noAddress')),
    h(
      'form',
      { onsubmit: save },
      h('fieldset', null, h('legend', null, t('mail.kinds')), boxes),
      h('label', { for: 'mail-language' }, t('mail.language')),
      language,
      h('p', null, h('button', { type: 'submit' }, t('mail.save'))),
    ),
    status,
  );
}

/** Sends the boxes and the language as they are now; says whether it was kept. */
async function saveChoices(language: HTMLSelectElement, status: HTMLElement): Promise<void> {
  const notifications = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      (document.getElementById(`mail-${kind}`) as HTMLInputElement).checked ? 'immediate' : 'off',
    ]),
  ) as Record<Kind, 'off' | 'immediate'>;
  try {
    await ok(
      api.PATCH('/v1/me/preferences', {
        body: { notifications, language: (language.value || null) as 'en' | 'fr' | 'es' | null },
      }),
    );
    clear(status, t('mail.saved'));
  } catch (error) {
    clear(status, h('span', { role: 'alert', class: 'error' }, (error as Error).message));
  }
}
