import { api, ok, type Report, type Schemas } from '../../api.ts';
import { h } from '../../dom.ts';
import { type Draft, describeValue, loadFramework, questionIndex } from '../../framework.ts';
import { formatDate, t } from '../../i18n.ts';
import { statusLabel } from '../home.ts';

/* ---------- the history: newest first, each change with the values as a person reads them ---------- */

type Event = Schemas['HistoryEvent'];
type State = Event['before'] | Event['after'];

/** Newest first, as a person reads a history (`order=desc`, the API's default, said outright). */
const fetchPage = (id: string, cursor: string | undefined) =>
  ok(
    api.GET('/v1/assessments/{id}/history', {
      params: { path: { id }, query: { limit: 50, order: 'desc', ...(cursor ? { cursor } : {}) } },
    }),
  );

function valueText(
  state: State,
  framework: Awaited<ReturnType<typeof loadFramework>> | null,
  key: string | null,
) {
  if (!state) return t('q.cleared');
  if ('status' in state) return statusLabel(state.status);
  if (!('value' in state)) return '';
  const draft: Draft = {
    ...(state.notApplicable ? { notApplicable: true } : {}),
    ...(state.value !== null ? { value: state.value } : {}),
    comment: state.comment ?? '',
    evidence: state.evidence,
  };
  const question = key && framework ? questionIndex(framework).get(key) : undefined;
  return describeValue(question, draft, t('q.notApplicable'));
}

function eventItem(
  event: Event,
  framework: Awaited<ReturnType<typeof loadFramework>> | null,
  codes: ReadonlyMap<string, string>,
) {
  const answer = event.type === 'answer_set' || event.type === 'answer_cleared';
  // A contributor's change names their ministry beside them.
  const ministry = 'ministry' in event && event.ministry ? (codes.get(event.ministry) ?? null) : null;
  const actor = ministry ? t('r.actorMinistry', { actor: event.actor, ministry }) : event.actor;
  return h(
    'li',
    null,
    h('time', { datetime: event.at }, formatDate(event.at)),
    ' ',
    t(`h.${event.type}` as 'h.created', { actor, question: event.question ?? '' }),
    answer &&
      h(
        'span',
        { class: 'change' },
        t('app.colon'),
        t('r.historyChange', {
          before: event.before ? valueText(event.before, framework, event.question) : '—',
          after: valueText(event.after, framework, event.question),
        }),
      ),
    event.reason ? `${t('app.colon')}${event.reason}` : '',
  );
}

export async function historyPage(
  id: string,
  version: Report['framework'],
  container: HTMLElement,
  cursor: string | undefined,
  codes: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const [page, framework] = await Promise.all([
    fetchPage(id, cursor),
    loadFramework(version.key, version.version).catch(() => null),
  ]);
  let list = container.querySelector('ol');
  if (!list) {
    list = h('ol', { class: 'events' });
    container.append(list);
  }
  for (const event of page.data.events) list.append(eventItem(event, framework, codes));
  container.querySelector('button.more')?.remove();
  const next = page.data.nextCursor;
  if (next) {
    container.append(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary more',
          onclick: () => void historyPage(id, version, container, next, codes),
        },
        t('r.moreHistory'),
      ),
    );
  }
}
