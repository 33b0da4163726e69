import { api, download, ok, type Schemas } from '../api.ts';
import type { Context } from '../context.ts';
import { clear, h, scrollBox } from '../dom.ts';
import { formatPercent, t } from '../i18n.ts';
import { excludedNote, officialAreasTable, officialDomainsTable } from './indicators-official.ts';

type Aggregate = Schemas['Sdg1072'];

/** The SDG 10.7.2 aggregate of validated assessments, by region. */
export async function indicatorsPage(context: Context): Promise<void> {
  const stored = sessionStorage.getItem('migov.period');
  const period = h('input', {
    id: 'period',
    inputmode: 'numeric',
    pattern: '(19|20|21)[0-9]{2}',
    required: true,
    value: stored ?? String(new Date().getFullYear()),
  });
  const groupBy = h(
    'select',
    { id: 'group-by' },
    h('option', { value: 'sdgRegion' }, t('i.bySdgRegion')),
    h('option', { value: 'region' }, t('i.byRegion')),
  );
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  const show = async () => {
    sessionStorage.setItem('migov.period', period.value);
    const data = (
      await ok(
        api.GET('/v1/indicators/sdg-10-7-2', {
          params: {
            query: { period: period.value.trim(), groupBy: groupBy.value as 'region' | 'sdgRegion' },
          },
        }),
      )
    ).data;
    // The JSON variant: the CSV one is asked for with Accept: text/csv only.
    if (context.current()) showResults(results, data as Aggregate, period.value.trim());
  };
  clear(
    context.main,
    context.title(t('i.title')),
    h('p', null, t('i.intro')),
    h(
      'form',
      {
        class: 'inline',
        onsubmit: (event: Event) => {
          event.preventDefault();
          show().catch((e: Error) => clear(results, h('p', { role: 'alert', class: 'error' }, e.message)));
        },
      },
      h('label', { for: 'period' }, t('i.period')),
      period,
      h('label', { for: 'group-by' }, t('i.groupBy')),
      groupBy,
      h('button', { type: 'submit' }, t('i.show')),
    ),
    results,
  );
  await show().catch((e: Error) => clear(results, h('p', { role: 'alert', class: 'error' }, e.message)));
}

/** The official aggregate first, then the count by MiGOF bands, and the CSV. */
function showResults(results: HTMLElement, data: Aggregate, period: string): void {
  clear(
    results,
    h('h2', null, t('i.official')),
    scrollBox(t('i.official'), officialAreasTable(data.official)),
    scrollBox(t('i.officialDomainsShort'), officialDomainsTable(data.official)),
    excludedNote(data.official),
    h('h2', null, t('i.bands')),
    h('p', { class: 'hint' }, t('i.bandsIntro')),
    scrollBox(t('i.title'), aggregateTable(data)),
    csvButton(period),
  );
}

function aggregateTable(data: Aggregate) {
  const bands = data.overall.bands;
  const row = (
    name: string,
    group: {
      total: number;
      bands: { key: string; count: number }[];
      meetsOrFullyMeets: { proportion: number | null };
    },
    header = true,
  ) =>
    h(
      'tr',
      null,
      header ? h('th', { scope: 'row' }, name) : h('td', null, name),
      h('td', null, String(group.total)),
      bands.map((b) => h('td', null, String(group.bands.find((x) => x.key === b.key)?.count ?? 0))),
      h('td', null, formatPercent(group.meetsOrFullyMeets.proportion)),
    );
  return h(
    'table',
    null,
    h('caption', null, t('i.caption', { period: data.period, total: data.total })),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('i.region')),
        h('th', { scope: 'col' }, t('i.countries')),
        bands.map((b) => h('th', { scope: 'col' }, b.label)),
        h('th', { scope: 'col' }, t('i.meets')),
      ),
    ),
    h(
      'tbody',
      null,
      (data.regions ?? []).map((r) => row(r.region, r)),
      row(t('i.world'), data.overall),
    ),
  );
}

/** The same aggregate as a file: the endpoint answers text/csv when asked (with the token, so a button). */
function csvButton(period: string) {
  const message = h('p', { role: 'alert', class: 'error' });
  return h(
    'p',
    { class: 'downloads' },
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () =>
          download(
            api.GET('/v1/indicators/sdg-10-7-2', {
              params: { query: { period, groupBy: 'region' } },
              headers: { accept: 'text/csv' },
              parseAs: 'blob',
            }),
            `sdg-10-7-2-${period}.csv`,
          ).catch((e: Error) => (message.textContent = e.message)),
      },
      t('sdg.csv'),
    ),
    message,
  );
}
