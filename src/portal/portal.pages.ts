import type { Locale } from '../i18n/locale.ts';
import { LOCALES } from '../i18n/locale.ts';
import type { OfficialArea } from '../indicators/sdg1072.types.ts';
import type { PublicAggregate } from '../publication/public.service.ts';
import { esc, type Html, html, pageUrl, tr } from './html.ts';

/** The portal's list page, the regional 10.7.2 page, and the sitemap. */

export interface Listed {
  country: string;
  name: string;
  region: string | null;
  period: string;
}

const REGIONS = ['002', '019', '142', '150', '009'];

/** Published countries by region, each region's in alphabetical order: never by score. */
export function indexBody(items: Listed[], locale: Locale): Html {
  const collator = new Intl.Collator(locale);
  const groups = [...REGIONS, null].map((region) => ({
    region,
    items: items
      .filter((i) => (region === null ? !REGIONS.includes(i.region ?? '') : i.region === region))
      .sort((a, b) => collator.compare(a.name, b.name) || b.period.localeCompare(a.period)),
  }));
  const sections = groups
    .filter((g) => g.items.length > 0)
    .map((g) => {
      const title = g.region ? tr(locale, `portal.region.${g.region}`) : tr(locale, 'portal.otherRegion');
      const id = `region-${g.region ?? 'other'}`;
      return html`<section aria-labelledby="${id}"><h3 id="${id}">${title}</h3><ul class="countries">${g.items.map(
        (i) =>
          html`<li><a href="${pageUrl('', `/profiles/${i.country}/${i.period}`, locale)}">${tr(locale, 'portal.profileLink', { country: i.name, period: i.period })}</a></li>`,
      )}</ul></section>`;
    });
  return html`<h1>${tr(locale, 'portal.title')}</h1>
<p>${tr(locale, 'portal.intro')}</p>
<aside class="note" aria-labelledby="not-ranking"><h2 id="not-ranking">${tr(locale, 'portal.notRanking')}</h2><p>${tr(locale, 'portal.notRankingText')}</p></aside>
<h2>${tr(locale, 'portal.byRegion')}</h2>
${sections.length ? sections : html`<p>${tr(locale, 'portal.none')}</p>`}
<p><a href="${pageUrl('', '/profiles/sdg-10-7-2', locale)}">${tr(locale, 'portal.sdgLink')}</a></p>`;
}

function areaRow(area: OfficialArea, locale: Locale): Html {
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const share = (p: number | null) => (p === null ? '—' : pct.format(p));
  const name = area.area.kind === 'region' ? tr(locale, `portal.region.${area.area.code}`) : area.area.name;
  return html`<tr><th scope="row">${name}</th><td>${area.total}</td>${area.overall.categories.map(
    (c) => html`<td>${c.count} (${share(c.proportion)})</td>`,
  )}<td>${share(area.overall.meetsOrFullyMeets.proportion)}</td></tr>`;
}

/** The regional proportions of 10.7.2 categories among the published profiles of a period. */
export function sdgBody(aggregate: PublicAggregate, periods: string[], locale: Locale): Html {
  const labels = aggregate.world.overall.categories.map((c) => html`<th scope="col">${c.label}</th>`);
  return html`<h1>${tr(locale, 'portal.sdgTitle', { period: aggregate.period })}</h1>
<p>${tr(locale, 'portal.sdgIntro', { period: aggregate.period })}</p>
<nav aria-label="${tr(locale, 'portal.periods')}"><ul class="periods">${periods.map((p) =>
    p === aggregate.period
      ? html`<li><a href="${pageUrl('', `/profiles/sdg-10-7-2?period=${p}`, locale)}" aria-current="page">${p}</a></li>`
      : html`<li><a href="${pageUrl('', `/profiles/sdg-10-7-2?period=${p}`, locale)}">${p}</a></li>`,
  )}</ul></nav>
<table><caption>${tr(locale, 'portal.sdgTitle', { period: aggregate.period })}</caption>
<thead><tr><th scope="col">${tr(locale, 'portal.area')}</th><th scope="col">${tr(locale, 'portal.countries')}</th>${labels}<th scope="col">${tr(locale, 'portal.meets')}</th></tr></thead>
<tbody>${[aggregate.world, ...aggregate.regions].map((a) => areaRow(a, locale))}</tbody></table>`;
}

export function notFoundBody(locale: Locale): Html {
  return html`<h1>${tr(locale, 'portal.notFound')}</h1><p>${tr(locale, 'portal.notFoundText')}</p>`;
}

/** Every page in every language, with its alternates, from PUBLIC_BASE_URL. */
export function sitemap(base: string, paths: string[]): string {
  const urls = paths.flatMap((path) =>
    LOCALES.map(
      (locale) =>
        `<url><loc>${esc(pageUrl(base, path, locale))}</loc>${LOCALES.map(
          (l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(pageUrl(base, path, l))}"/>`,
        ).join('')}</url>`,
    ),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}
