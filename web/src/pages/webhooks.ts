import { api, ok, type Schemas } from '../api.ts';
import type { Context } from '../context.ts';
import { clear, h, scrollBox } from '../dom.ts';
import { t } from '../i18n.ts';
import { deliveryLog } from './webhooks-log.ts';

type Webhook = Schemas['Webhook'];
type EventType = Schemas['WebhookEventType'];

const EVENT_TYPES: EventType[] = [
  'assessment.created',
  'assessment.answers_changed',
  'assessment.submitted',
  'assessment.returned',
  'assessment.validated',
  'assessment.published',
  'assessment.unpublished',
  'comment.posted',
  'ministry.ready',
  'ministry.assigned',
  'document.added',
];

const failed = (where: HTMLElement, error: unknown) =>
  clear(where, h('p', { role: 'alert', class: 'error' }, (error as Error).message));

/** A secret shown once: the person copies it now, the API never shows it again. */
const secretNote = (secret: string) =>
  h(
    'div',
    { class: 'flash', role: 'status' },
    h('p', null, t('wh.secretOnce')),
    h('p', null, h('code', { class: 'secret' }, secret)),
  );

/** The admin's webhooks: subscriptions, a new one (its secret shown once), the delivery log. */
export async function webhooksPage(context: Context): Promise<void> {
  const list = h('div', { 'aria-live': 'polite' });
  const message = h('div');
  const log = h('div');
  const refresh = async () => {
    const { items } = (await ok(api.GET('/v1/webhooks'))).data;
    if (context.current()) clear(list, items.length ? table(items, actions) : h('p', null, t('wh.none')));
  };
  const act = (work: () => Promise<HTMLElement | null>) => () => {
    work()
      .then((shown) => {
        clear(message, shown);
        return refresh();
      })
      .catch((error: unknown) => failed(message, error));
  };
  const actions = (hook: Webhook) => rowActions(hook, act, log);
  clear(
    context.main,
    context.title(t('wh.title')),
    h('p', null, t('wh.intro')),
    createForm((secret) => {
      clear(message, secretNote(secret));
      refresh().catch((error: unknown) => failed(message, error));
    }, message),
    message,
    h('h2', null, t('wh.subscriptions')),
    list,
    log,
  );
  await refresh();
}

type Act = (work: () => Promise<HTMLElement | null>) => () => void;

/** A subscription's buttons: its log, enable or disable, a new secret (shown once), delete. */
function rowActions(hook: Webhook, act: Act, log: HTMLElement): HTMLElement[] {
  return [
    h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => void deliveryLog(log, hook) },
      t('wh.log'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: act(async () => {
          await ok(
            api.PATCH('/v1/webhooks/{id}', {
              params: { path: { id: hook.id } },
              body: { enabled: !hook.enabled },
            }),
          );
          return null;
        }),
      },
      hook.enabled ? t('wh.disable') : t('wh.enable'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: act(async () => {
          const path = { id: hook.id };
          const { data } = await ok(
            api.POST('/v1/webhooks/{id}/rotate-secret', { params: { path }, body: {} }),
          );
          return secretNote(data.secret);
        }),
      },
      t('wh.rotate'),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: act(async () => {
          await ok(api.DELETE('/v1/webhooks/{id}', { params: { path: { id: hook.id } } }));
          clear(log);
          return null;
        }),
      },
      t('wh.delete'),
    ),
  ];
}

function createForm(created: (secret: string) => void, message: HTMLElement): HTMLFormElement {
  const url = h('input', {
    id: 'wh-url',
    type: 'url',
    required: true,
    placeholder: 'https://',
    autocomplete: 'off',
  });
  const boxes = EVENT_TYPES.map((type) =>
    h(
      'div',
      { class: 'check' },
      h('input', { type: 'checkbox', id: `wh-${type}`, value: type }),
      h('label', { for: `wh-${type}` }, h('code', null, type)),
    ),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    const events = boxes
      .map((b) => b.querySelector('input') as HTMLInputElement)
      .filter((b) => b.checked)
      .map((b) => b.value as EventType);
    try {
      const { data } = await ok(
        api.POST('/v1/webhooks', { body: { url: url.value.trim(), ...(events.length ? { events } : {}) } }),
      );
      url.value = '';
      created(data.secret);
    } catch (error) {
      failed(message, error);
    }
  };
  return h(
    'form',
    { onsubmit: submit },
    h('h2', null, t('wh.new')),
    h('label', { for: 'wh-url' }, t('wh.url')),
    url,
    h(
      'fieldset',
      null,
      h('legend', null, t('wh.events')),
      h('p', { class: 'hint' }, t('wh.eventsHint')),
      boxes,
    ),
    h('p', null, h('button', { type: 'submit' }, t('wh.create'))),
  );
}

function table(items: Webhook[], actions: (hook: Webhook) => HTMLElement[]): HTMLElement {
  const head = [t('wh.url'), t('wh.events'), t('wh.state'), t('wh.actions')];
  return scrollBox(
    t('wh.subscriptions'),
    h(
      'table',
      null,
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          head.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        null,
        items.map((hook) =>
          h(
            'tr',
            null,
            h('td', null, h('code', null, hook.url)),
            h('td', null, hook.events ? hook.events.join(', ') : t('wh.allEvents')),
            h(
              'td',
              null,
              hook.enabled
                ? t('wh.enabled')
                : hook.disabledReason === 'gone'
                  ? t('wh.gone')
                  : t('wh.disabled'),
            ),
            h('td', { class: 'actions' }, actions(hook)),
          ),
        ),
      ),
    ),
  );
}
