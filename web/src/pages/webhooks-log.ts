import { api, ok, type Schemas } from '../api.ts';
import { clear, h, scrollBox } from '../dom.ts';
import { formatNumber, type MessageKey, t } from '../i18n.ts';

type Webhook = Schemas['Webhook'];
type Delivery = Schemas['WebhookDelivery'];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The delivery log of one subscription (latest 50), each delivery with a button to send it again. */
export async function deliveryLog(where: HTMLElement, hook: Webhook): Promise<void> {
  const path = { id: hook.id };
  const show = async () => {
    const { items } = (
      await ok(api.GET('/v1/webhooks/{id}/deliveries', { params: { path, query: { limit: 50 } } }))
    ).data;
    const heading = t('wh.logOf', { url: hook.url });
    clear(
      where,
      h('h2', null, heading),
      items.length ? scrollBox(heading, logTable(items, redeliver)) : h('p', null, t('wh.noDeliveries')),
    );
  };
  const redeliver = async (delivery: Delivery) => {
    await ok(
      api.POST('/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
        params: { path: { id: hook.id, deliveryId: delivery.id } },
      }),
    );
    await show();
  };
  try {
    await show();
  } catch (error) {
    clear(where, h('p', { role: 'alert', class: 'error' }, (error as Error).message));
  }
}

function logTable(items: Delivery[], redeliver: (d: Delivery) => Promise<void>): HTMLTableElement {
  const head = [
    t('wh.event'),
    t('wh.status'),
    t('wh.attempts'),
    t('wh.response'),
    t('wh.duration'),
    t('wh.updated'),
    '',
  ];
  return h(
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
      items.map((d) =>
        h(
          'tr',
          null,
          h('td', null, h('code', null, d.eventType)),
          h('td', null, t(`wh.status.${d.status}` as MessageKey)),
          h('td', null, String(d.attempts)),
          h('td', null, d.responseStatus === null ? (d.error ?? '—') : String(d.responseStatus)),
          h('td', null, d.durationMs === null ? '—' : t('wh.ms', { ms: formatNumber(d.durationMs, 0) })),
          h('td', null, when(d.updatedAt)),
          h(
            'td',
            null,
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': t('wh.redeliverOne', { type: d.eventType }),
                onclick: () => void redeliver(d),
              },
              t('wh.redeliver'),
            ),
          ),
        ),
      ),
    ),
  );
}
