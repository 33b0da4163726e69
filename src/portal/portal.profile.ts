import type { Locale } from '../i18n/locale.ts';
import type { PublicProfile } from '../publication/publication.schemas.ts';
import { type Html, html, tr } from './html.ts';

/** The country profile page: the published profile of one language, as IOM's profiles read. */

export interface ProfileLinks {
  /** The API path of the version shown, e.g. `/v1/public/profiles/KEN/2026`. */
  api: string;
}

const numberIn = (locale: Locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

function bandName(profile: PublicProfile, band: string | null): string {
  if (band === null) return '';
  return profile.methodology.bands.find((b) => b.key === band)?.label ?? band;
}

function composite(profile: PublicProfile, locale: Locale): Html {
  const n = numberIn(locale);
  const c = profile.composite;
  const u = c.uncertainty;
  return html`<section aria-labelledby="mgi"><h2 id="mgi">${tr(locale, 'portal.mgi')}</h2>
<p class="mgi">${
    c.score === null
      ? tr(locale, 'portal.notScored')
      : tr(locale, 'portal.mgiValue', { score: n.format(c.score), band: bandName(profile, c.band) })
  }</p>
${u ? html`<p>${tr(locale, 'portal.uncertainty', { p5: n.format(u.p5), p95: n.format(u.p95), stability: Math.round(u.bandStability * 100) })}</p>` : ''}
${c.provisional ? html`<p>${tr(locale, 'portal.provisional')}</p>` : ''}
<img class="chart" src="${profileApi(profile)}/report.svg?lang=${locale}" alt="${tr(locale, 'portal.chart')}" width="560" height="560">
</section>`;
}

const profileApi = (profile: PublicProfile) =>
  `/v1/public/profiles/${profile.country}/${profile.period}/versions/${profile.version}`;

function domains(profile: PublicProfile, locale: Locale): Html {
  const n = numberIn(locale);
  const score = (s: number | null) => (s === null ? tr(locale, 'portal.notScored') : n.format(s));
  const rows = profile.domains.map(
    (
      d,
    ) => html`<tr class="domain"><th scope="row">${d.key} ${d.title}</th><td>${score(d.score)}</td><td>${bandName(profile, d.band)}</td></tr>
${d.subdomains.map((s) => html`<tr><th scope="row" class="sub">${s.key} ${s.title}</th><td>${score(s.score)}</td><td>${bandName(profile, s.band)}</td></tr>`)}`,
  );
  return html`<section aria-labelledby="domains"><h2 id="domains">${tr(locale, 'portal.domains')}</h2>
<table><thead><tr><th scope="col">${tr(locale, 'portal.domain')}</th><th scope="col">${tr(locale, 'portal.score')}</th><th scope="col">${tr(locale, 'portal.band')}</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function findings(profile: PublicProfile, locale: Locale): Html {
  const n = numberIn(locale);
  const gaps = profile.areasForDevelopment.slice(0, 10);
  return html`<section aria-labelledby="strengths"><h2 id="strengths">${tr(locale, 'portal.strengths')}</h2>
${
  profile.strengths.length
    ? html`<ul>${profile.strengths.map((s) => html`<li>${s.subdomain} ${s.title} (${n.format(s.score)})</li>`)}</ul>`
    : html`<p>${tr(locale, 'portal.noStrengths')}</p>`
}</section>
<section aria-labelledby="gaps"><h2 id="gaps">${tr(locale, 'portal.gaps')}</h2>
${
  gaps.length
    ? html`<ul>${gaps.map(
        (g) =>
          html`<li>${g.question}: ${g.text}${g.potentialGain === null ? '' : html` (${tr(locale, 'portal.gain', { gain: n.format(g.potentialGain) })})`}</li>`,
      )}</ul>`
    : html`<p>${tr(locale, 'portal.noGaps')}</p>`
}</section>`;
}

function sdg(profile: PublicProfile, locale: Locale): Html | string {
  const s = profile.sdg1072;
  if (!s) return '';
  const n = numberIn(locale);
  return html`<section aria-labelledby="sdg"><h2 id="sdg">${tr(locale, 'portal.sdg')}</h2>
<p>${tr(locale, 'portal.sdgOverall', { value: n.format(s.overall.value), category: s.overall.category.label })}</p>
<table><thead><tr><th scope="col">${tr(locale, 'portal.domain')}</th><th scope="col">%</th><th scope="col">${tr(locale, 'portal.band')}</th></tr></thead>
<tbody>${s.domains.map((d) => html`<tr><th scope="row">${d.number}. ${d.title}</th><td>${n.format(d.value)}</td><td>${d.category.label}</td></tr>`)}</tbody></table></section>`;
}

function change(profile: PublicProfile, locale: Locale): Html {
  const c = profile.comparison;
  if (!c)
    return html`<section aria-labelledby="change"><h2 id="change">${tr(locale, 'portal.change', { period: '—' })}</h2><p>${tr(locale, 'portal.noChange')}</p></section>`;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  const plain = numberIn(locale);
  const cell = (v: number | null, f: Intl.NumberFormat) => (v === null ? '—' : f.format(v));
  return html`<section aria-labelledby="change"><h2 id="change">${tr(locale, 'portal.change', { period: c.period })}</h2>
<table><thead><tr><th scope="col">${tr(locale, 'portal.domain')}</th><th scope="col">${tr(locale, 'portal.previous')}</th><th scope="col">${tr(locale, 'portal.delta')}</th></tr></thead>
<tbody><tr><th scope="row">${tr(locale, 'portal.mgi')}</th><td>${cell(c.composite, plain)}</td><td>${cell(c.compositeDelta, n)}</td></tr>
${c.domains.map((d) => html`<tr><th scope="row">${d.key}</th><td>${cell(d.score, plain)}</td><td>${cell(d.delta, n)}</td></tr>`)}</tbody></table></section>`;
}

function downloads(profile: PublicProfile, locale: Locale): Html {
  const api = profileApi(profile);
  const docs = profile.documents.map(
    (d) => html`<li><a href="${api}/documents/${d.id}">${d.name}</a> (${d.mediaType})</li>`,
  );
  return html`<section aria-labelledby="downloads"><h2 id="downloads">${tr(locale, 'portal.downloads')}</h2>
<ul><li><a href="${api}/profile.pdf?lang=${locale}">${tr(locale, 'portal.pdf')}</a></li>
<li><a href="${api}/data.csv?lang=${locale}">${tr(locale, 'portal.csv')}</a></li>
<li><a href="${api}?lang=${locale}">${tr(locale, 'portal.json')}</a></li></ul>
<h3>${tr(locale, 'portal.documents')}</h3>
${docs.length ? html`<ul>${docs}</ul>` : html`<p>${tr(locale, 'portal.noDocuments')}</p>`}
</section>`;
}

/** The body of a country's profile page. */
export function profileBody(profile: PublicProfile, locale: Locale): Html {
  return html`<h1>${tr(locale, 'portal.profileTitle', { country: profile.countryName, period: profile.period })}</h1>
<p class="meta">${tr(locale, 'portal.version', { version: profile.version, date: new Date(profile.publishedAt) })}<br>
${tr(locale, 'portal.approvedBy', { authority: profile.approval.authority, date: new Date(profile.approval.approvedAt) })}</p>
<section aria-labelledby="summary"><h2 id="summary">${tr(locale, 'portal.summary')}</h2>${profile.narrative.map((p) => html`<p>${p}</p>`)}</section>
${composite(profile, locale)}
${domains(profile, locale)}
${findings(profile, locale)}
${sdg(profile, locale)}
${change(profile, locale)}
${downloads(profile, locale)}`;
}

export const profileDescription = (profile: PublicProfile): string =>
  `${profile.countryName} ${profile.period}: ${profile.narrative[0] ?? ''}`.slice(0, 300);
