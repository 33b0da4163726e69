import type { Schemas } from '../api.ts';
import { h } from '../dom.ts';
import { formatNumber, t } from '../i18n.ts';

/**
 * SDG indicator 10.7.2 by the official rule (framework 2.1.0 on): for the year, each country's
 * latest validated official answers, the share of countries in each category and the share that
 * meet or fully meet (the headline the SDG database publishes as SG_CPA_MIGRP), overall for each
 * area and per policy domain for the world (or the chosen region).
 */

type Official = Schemas['Sdg1072OfficialAggregate'];
type Tally = Official['overall'];

const percent = (proportion: number | null) =>
  proportion === null ? '—' : `${formatNumber(Math.round(proportion * 1000) / 10)} %`;

function tallyCells(tally: Tally): HTMLElement[] {
  return [
    h('td', null, String(tally.total)),
    ...tally.categories.map((c) => h('td', null, `${c.count} (${percent(c.proportion)})`)),
    h('td', null, percent(tally.meetsOrFullyMeets.proportion)),
  ];
}

function head(first: string, categories: Tally['categories']): HTMLElement {
  return h(
    'thead',
    null,
    h(
      'tr',
      null,
      h('th', { scope: 'col' }, first),
      h('th', { scope: 'col' }, t('i.countries')),
      categories.map((c) => h('th', { scope: 'col' }, `${c.code}. ${c.label}`)),
      h('th', { scope: 'col' }, t('i.meets')),
    ),
  );
}

/** Per area (the groups asked for, then the world or the region): the overall categories. */
export function officialAreasTable(data: Official): HTMLTableElement {
  const areas = [...(data.groups ?? []), { area: data.area, total: data.total, overall: data.overall }];
  return h(
    'table',
    null,
    h('caption', null, t('i.officialCaption', { year: data.year, total: data.total })),
    head(t('i.region'), data.overall.categories),
    h(
      'tbody',
      null,
      areas.map((a) =>
        h('tr', null, h('th', { scope: 'row' }, `${a.area.name} (${a.area.code})`), tallyCells(a.overall)),
      ),
    ),
  );
}

/** The world's (or the region's) six policy domains. */
export function officialDomainsTable(data: Official): HTMLTableElement {
  return h(
    'table',
    null,
    h('caption', null, t('i.officialDomains', { area: data.area.name })),
    head(t('i.domain'), data.overall.categories),
    h(
      'tbody',
      null,
      data.domains.map((d) =>
        h('tr', null, h('th', { scope: 'row' }, t('i.domainNumber', { number: d.number })), tallyCells(d)),
      ),
    ),
  );
}

/** What was left out, and why (assessments of frameworks without the official instrument). */
export function excludedNote(data: Official): HTMLElement | null {
  const items = data.excluded.filter((e) => e.count > 0);
  if (items.length === 0) return null;
  return h(
    'p',
    { class: 'hint' },
    items.map((e) => t(`i.excluded.${e.reason}`, { count: e.count })).join(' '),
  );
}
