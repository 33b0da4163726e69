import { ApiError, type AssessmentSummary, api, ok } from '../api.ts';
import type { Context } from '../context.ts';
import { countryName } from '../countries.ts';
import { clear, h } from '../dom.ts';
import { formatDate, labelled, t } from '../i18n.ts';

type Status = AssessmentSummary['status'];

async function list(query: { status?: Status; country?: string }, limit = 100) {
  return (await ok(api.GET('/v1/assessments', { params: { query: { ...query, limit } } }))).data;
}

export const statusLabel = (status: Status) => t(`status.${status}` as 'status.draft');

function table(
  items: AssessmentSummary[],
  caption: string,
  actions: (a: AssessmentSummary) => (Node | string)[],
) {
  if (!items.length) return h('p', { class: 'empty' }, t('home.none'));
  return h(
    'table',
    null,
    h('caption', null, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('home.country')),
        h('th', { scope: 'col' }, t('home.period')),
        h('th', { scope: 'col' }, t('home.status')),
        h('th', { scope: 'col', class: 'wide' }, t('home.framework')),
        h('th', { scope: 'col', class: 'wide' }, t('home.updated')),
        h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('home.actions'))),
      ),
    ),
    h(
      'tbody',
      null,
      items.map((a) =>
        h(
          'tr',
          null,
          h('td', null, countryName(a.country)),
          h('th', { scope: 'row' }, a.period),
          h('td', null, h('span', { class: `status status-${a.status}` }, statusLabel(a.status))),
          h('td', { class: 'wide' }, `${a.framework.key} ${a.framework.version}`),
          h('td', { class: 'wide' }, formatDate(a.updatedAt)),
          h('td', { class: 'actions' }, actions(a)),
        ),
      ),
    ),
  );
}

const link = (href: string, text: string, label: string) => h('a', { href, 'aria-label': label }, text);

export async function homePage(context: Context): Promise<void> {
  const { me, main } = context;
  const forRow = (a: AssessmentSummary, text: string) =>
    labelled(text, `${countryName(a.country)} ${a.period}`);
  const reportLink = (a: AssessmentSummary) =>
    link(`#/a/${a.id}/report`, t('home.report'), forRow(a, t('home.report')));

  if (me.role === 'focal_point') {
    const page = await list({ country: me.country });
    if (!context.current()) return;
    const lastValidated = page.items
      .filter((a) => a.status === 'validated')
      .sort((a, b) => b.period.localeCompare(a.period))[0];
    clear(
      main,
      context.title(t('home.focalTitle', { country: countryName(me.country ?? '') })),
      table(page.items, t('home.assessments'), (a) =>
        a.status === 'draft' || a.status === 'returned'
          ? [link(`#/a/${a.id}`, t('home.answer'), forRow(a, t('home.answer'))), ' ', reportLink(a)]
          : [reportLink(a)],
      ),
      newAssessmentForm(me.country ?? '', lastValidated),
    );
    return;
  }

  if (me.role === 'reviewer' || me.role === 'admin') {
    await reviewerHome(context, forRow, reportLink);
    return;
  }
  if (me.role === 'contributor') {
    await contributorHome(context, forRow, reportLink);
    return;
  }

  const validated = await list({ status: 'validated' });
  if (!context.current()) return;
  clear(
    main,
    context.title(t('home.viewerTitle')),
    table(validated.items, t('home.validated'), (a) => [reportLink(a)]),
    h('p', null, h('a', { href: '#/indicators' }, t('home.indicatorsLink'))),
  );
}

/** A contributor's home: their country's assessments, to answer their ministry's part. */
async function contributorHome(
  context: Context,
  forRow: (a: AssessmentSummary, text: string) => string,
  reportLink: (a: AssessmentSummary) => HTMLAnchorElement,
): Promise<void> {
  const { me, main } = context;
  const page = await list({ country: me.country });
  if (!context.current()) return;
  clear(
    main,
    context.title(
      t('home.contributorTitle', { country: countryName(me.country ?? ''), ministry: me.ministry ?? '' }),
    ),
    table(page.items, t('home.assessments'), (a) =>
      a.status === 'draft' || a.status === 'returned'
        ? [
            link(`#/a/${a.id}`, t('home.answer'), forRow(a, t('home.answer'))),
            ' ',
            link(`#/a/${a.id}/consultation`, t('cons.link'), forRow(a, t('cons.link'))),
            ' ',
            reportLink(a),
          ]
        : [reportLink(a)],
    ),
  );
}

/** The reviewer's (and admin's) home: the queue, what was returned, and the rest. */
async function reviewerHome(
  context: Context,
  forRow: (a: AssessmentSummary, text: string) => string,
  reportLink: (a: AssessmentSummary) => HTMLAnchorElement,
): Promise<void> {
  const { me, main } = context;
  // A returned assessment stays in sight until the focal point sends it back.
  const [queue, returned, others] = await Promise.all([
    list({ status: 'submitted' }),
    me.role === 'admin' ? null : list({ status: 'returned' }),
    list(me.role === 'admin' ? {} : { status: 'validated' }),
  ]);
  if (!context.current()) return;
  clear(
    main,
    context.title(t(me.role === 'reviewer' ? 'home.queueTitle' : 'home.adminTitle')),
    h('h2', null, t('home.queue')),
    table(queue.items, t('home.queueCaption'), (a) => [
      link(`#/a/${a.id}/review`, t('home.review'), forRow(a, t('home.review'))),
    ]),
    returned && [
      h('h2', null, t('home.returned')),
      table(returned.items, t('home.returned'), (a) => [reportLink(a)]),
    ],
    h('h2', null, t(me.role === 'admin' ? 'home.all' : 'home.validated')),
    table(others.items, t(me.role === 'admin' ? 'home.all' : 'home.validated'), (a) =>
      me.role === 'admin' && (a.status === 'draft' || a.status === 'returned')
        ? [link(`#/a/${a.id}`, t('home.answer'), forRow(a, t('home.answer'))), ' ', reportLink(a)]
        : [reportLink(a)],
    ),
  );
}

function newAssessmentForm(country: string, lastValidated: AssessmentSummary | undefined) {
  const period = h('input', {
    id: 'new-period',
    name: 'period',
    inputmode: 'numeric',
    pattern: '(19|20|21)[0-9]{2}',
    required: true,
    autocomplete: 'off',
    value: String(new Date().getFullYear()),
    'aria-describedby': 'new-period-hint',
  });
  const copy = h('input', { type: 'checkbox', id: 'new-copy', checked: true });
  const message = h('p', { role: 'alert', class: 'error' });
  return h(
    'section',
    { 'aria-labelledby': 'new-heading', class: 'card' },
    h('h2', { id: 'new-heading' }, t('home.newTitle')),
    h(
      'form',
      {
        onsubmit: async (event: Event) => {
          event.preventDefault();
          message.textContent = '';
          try {
            const body = {
              country,
              period: period.value.trim(),
              ...(lastValidated && copy.checked ? { copyFrom: lastValidated.id } : {}),
            };
            const created = await ok(api.POST('/v1/assessments', { body }));
            location.hash = `#/a/${created.data.id}`;
          } catch (error) {
            message.textContent =
              error instanceof ApiError && error.problem ? error.problem.detail : (error as Error).message;
          }
        },
      },
      h('label', { for: 'new-period' }, t('home.newPeriod')),
      h('p', { id: 'new-period-hint', class: 'hint' }, t('home.newPeriodHint')),
      period,
      lastValidated &&
        h(
          'div',
          { class: 'check' },
          copy,
          h('label', { for: 'new-copy' }, t('home.newCopy', { period: lastValidated.period })),
        ),
      h('button', { type: 'submit' }, t('home.newButton')),
      message,
    ),
  );
}
