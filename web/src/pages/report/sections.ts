import type { Report } from '../../api.ts';
import { h } from '../../dom.ts';
import { formatNumber, formatPercent, t } from '../../i18n.ts';
import { isOfficial, officialSdg1072Section } from '../report-sdg1072.ts';
import { comparisonSection, sdg1072Section } from './comparison.ts';
import { ministriesSection } from './ministries.ts';
import { bandChip, bandLabel, type Heading, signed, table } from './parts.ts';

function compositeCard(report: Report, hx: Heading, domainTitle: Map<string, string>) {
  const c = report.composite;
  const u = c.uncertainty;
  return h(
    'section',
    { class: 'card composite', 'aria-label': t('r.composite') },
    hx(t('r.composite')),
    h(
      'p',
      { class: 'score' },
      h('span', { class: 'big' }, formatNumber(c.score)),
      ' ',
      bandChip(report, c.band),
      c.provisional && h('span', { class: 'provisional' }, t('r.provisional')),
    ),
    u &&
      h(
        'p',
        null,
        t('r.sensitivity', {
          p5: formatNumber(u.p5),
          p50: formatNumber(u.p50),
          p95: formatNumber(u.p95),
          stability: formatPercent(u.bandStability),
        }),
      ),
    h('p', null, t('r.coverage', { coverage: formatPercent(report.coverage.coverage) })),
    h(
      'p',
      null,
      // No "— (—)" on a draft: the composite is named as not available yet.
      report.hmgiComposite.score === null
        ? t('r.hmgiNone')
        : t('r.hmgi', {
            score: formatNumber(report.hmgiComposite.score),
            band: bandLabel(report, report.hmgiComposite.band),
          }),
    ),
    c.imbalance.length > 0 &&
      h(
        'p',
        { class: 'notice' },
        t('r.imbalance', {
          domains: c.imbalance.map((k) => `${k} ${domainTitle.get(k) ?? ''}`).join(', '),
        }),
      ),
  );
}

function scoreRow(
  report: Report,
  rowClass: string,
  title: string,
  row: Pick<Report['domains'][number], 'score' | 'band' | 'coverage'>,
) {
  return h(
    'tr',
    { class: rowClass },
    h('th', { scope: 'row' }, title),
    h('td', { class: 'num' }, formatNumber(row.score)),
    h('td', null, bandChip(report, row.band)),
    h('td', { class: 'num' }, formatPercent(row.coverage.coverage)),
  );
}

function domainsSection(report: Report, hx: Heading) {
  return h(
    'section',
    null,
    hx(t('r.domains')),
    table(
      t('r.domains'),
      [t('r.domain'), t('r.score'), t('r.band'), t('r.coverageCol')],
      report.domains.flatMap((d) => [
        scoreRow(report, 'domain-row', `${d.key} ${d.title}`, d),
        ...d.subdomains.map((sd) => scoreRow(report, 'sub-row', `${sd.key} ${sd.title}`, sd)),
      ]),
    ),
  );
}

function gapsSection(report: Report, hx: Heading) {
  return h(
    'section',
    null,
    hx(t('r.gaps')),
    report.gaps.length
      ? table(
          t('r.gaps'),
          [t('r.question'), t('r.score'), t('r.gain')],
          report.gaps
            .slice(0, 15)
            .map((g) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, `${g.question} ${g.text}`),
                h('td', { class: 'num' }, formatNumber(g.score)),
                h('td', { class: 'num' }, signed(g.potentialGain)),
              ),
            ),
        )
      : h('p', null, t('r.noGaps')),
  );
}

/** The report's sections; `level` is the heading level of the sections (2 on its own page). */
export function reportSections(report: Report, image: string | undefined, level: 2 | 3 = 2): Node[] {
  const hx: Heading = (text, id) => h(level === 2 ? 'h2' : 'h3', id ? { id } : null, text);
  const domainTitle = new Map(report.domains.map((d) => [d.key, d.title]));
  return [
    compositeCard(report, hx, domainTitle),
    report.narrative.length > 0 &&
      h(
        'section',
        { class: 'narrative' },
        hx(t('r.narrative')),
        report.narrative.map((line) => h('p', null, line)),
      ),
    image &&
      h(
        'figure',
        { class: 'chart' },
        h('img', { src: image, alt: t('r.chartAlt') }),
        h('figcaption', null, t('r.chartCaption')),
      ),
    domainsSection(report, hx),
    gapsSection(report, hx),
    comparisonSection(report, hx, domainTitle),
    isOfficial(report.sdg1072) ? officialSdg1072Section(report.sdg1072, hx) : null,
    sdg1072Section(report, hx),
    ministriesSection(report, hx),
  ].filter((n): n is HTMLElement => n instanceof Node);
}
