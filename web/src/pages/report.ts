import { api, download, ok, type Report } from '../api.ts';
import type { Context } from '../context.ts';
import { clear, h } from '../dom.ts';
import { formatDate, formatNumber, formatPercent, t } from '../i18n.ts';
import { statusLabel } from './home.ts';
import { isOfficial, officialSdg1072Section } from './report-sdg1072.ts';

let chartUrl: string | undefined;

/** The radar chart, fetched with the token and shown from a blob: URL (an SVG <img> runs no script). */
async function chart(id: string): Promise<string | undefined> {
  const { data, response } = await api.GET('/v1/assessments/{id}/report.svg', {
    params: { path: { id } },
    parseAs: 'blob',
  });
  if (!response.ok || !(data instanceof Blob)) return undefined;
  if (chartUrl) URL.revokeObjectURL(chartUrl);
  chartUrl = URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' }));
  return chartUrl;
}

export async function loadReport(id: string): Promise<{ report: Report; chart: string | undefined }> {
  const [report, image] = await Promise.all([
    ok(api.GET('/v1/assessments/{id}/report', { params: { path: { id } } })),
    chart(id),
  ]);
  // The JSON variant (Accept: text/csv gives the CSV one).
  return { report: report.data as Report, chart: image };
}

const bandLabel = (report: Report, band: string | null | undefined) =>
  band ? (report.methodology.bands.find((b) => b.key === band)?.label ?? band) : '—';

const bandChip = (report: Report, band: string | null | undefined) =>
  h('span', { class: `band band-${band ?? 'none'}` }, bandLabel(report, band));

const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value > 0 ? '+' : ''}${formatNumber(value)}`;

/** The report's sections; `level` is the heading level of the sections (2 on its own page). */
export function reportSections(report: Report, image: string | undefined, level: 2 | 3 = 2): Node[] {
  const hx = (text: string, id?: string) => h(level === 2 ? 'h2' : 'h3', id ? { id } : null, text);
  const c = report.composite;
  const u = c.uncertainty;
  const domainTitle = new Map(report.domains.map((d) => [d.key, d.title]));
  return [
    h(
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
        t('r.hmgi', {
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
    ),
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
    h(
      'section',
      null,
      hx(t('r.domains')),
      h(
        'table',
        null,
        h('caption', { class: 'sr-only' }, t('r.domains')),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, t('r.domain')),
            h('th', { scope: 'col' }, t('r.score')),
            h('th', { scope: 'col' }, t('r.band')),
            h('th', { scope: 'col' }, t('r.coverageCol')),
          ),
        ),
        h(
          'tbody',
          null,
          report.domains.flatMap((d) => [
            h(
              'tr',
              { class: 'domain-row' },
              h('th', { scope: 'row' }, `${d.key} ${d.title}`),
              h('td', null, formatNumber(d.score)),
              h('td', null, bandChip(report, d.band)),
              h('td', null, formatPercent(d.coverage.coverage)),
            ),
            ...d.subdomains.map((sd) =>
              h(
                'tr',
                { class: 'sub-row' },
                h('th', { scope: 'row' }, `${sd.key} ${sd.title}`),
                h('td', null, formatNumber(sd.score)),
                h('td', null, bandChip(report, sd.band)),
                h('td', null, formatPercent(sd.coverage.coverage)),
              ),
            ),
          ]),
        ),
      ),
    ),
    h(
      'section',
      null,
      hx(t('r.gaps')),
      report.gaps.length
        ? h(
            'table',
            null,
            h('caption', { class: 'sr-only' }, t('r.gaps')),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, t('r.question')),
                h('th', { scope: 'col' }, t('r.score')),
                h('th', { scope: 'col' }, t('r.gain')),
              ),
            ),
            h(
              'tbody',
              null,
              report.gaps
                .slice(0, 15)
                .map((g) =>
                  h(
                    'tr',
                    null,
                    h('th', { scope: 'row' }, `${g.question} ${g.text}`),
                    h('td', null, formatNumber(g.score)),
                    h('td', null, signed(g.potentialGain)),
                  ),
                ),
            ),
          )
        : h('p', null, t('r.noGaps')),
    ),
    h(
      'section',
      null,
      hx(t('r.comparison')),
      report.comparison
        ? [
            h(
              'p',
              null,
              t('r.comparedWith', {
                period: report.comparison.period,
                composite: formatNumber(report.comparison.composite),
                delta: signed(report.comparison.compositeDelta),
              }),
            ),
            report.comparison.commonQuestionsOnly && h('p', null, t('r.commonOnly')),
            h(
              'table',
              null,
              h('caption', { class: 'sr-only' }, t('r.comparison')),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', { scope: 'col' }, t('r.domain')),
                  h('th', { scope: 'col' }, t('r.previous')),
                  h('th', { scope: 'col' }, t('r.change')),
                ),
              ),
              h(
                'tbody',
                null,
                report.comparison.domains.map((d) =>
                  h(
                    'tr',
                    null,
                    h('th', { scope: 'row' }, `${d.key} ${domainTitle.get(d.key) ?? ''}`),
                    h('td', null, formatNumber(d.score)),
                    h('td', null, signed(d.delta)),
                  ),
                ),
              ),
            ),
            h('p', null, t('r.changed', { count: report.comparison.changedQuestions.length })),
          ]
        : h('p', null, t('r.noComparison')),
    ),
    isOfficial(report.sdg1072) ? officialSdg1072Section(report.sdg1072, hx) : null,
    // Methodology 2's unofficial view (2.0.0 reports).
    report.sdg1072 &&
      !isOfficial(report.sdg1072) &&
      h(
        'section',
        null,
        hx(t('r.sdg1072')),
        h(
          'p',
          null,
          t('r.sdg1072Overall', {
            category: bandLabel(report, report.sdg1072.overall.category),
            score: formatNumber(report.sdg1072.overall.score),
          }),
        ),
        h(
          'table',
          null,
          h('caption', { class: 'sr-only' }, t('r.sdg1072')),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, t('r.sdgDomain')),
              h('th', { scope: 'col' }, t('r.inPlace')),
              h('th', { scope: 'col' }, t('r.category')),
            ),
          ),
          h(
            'tbody',
            null,
            report.sdg1072.domains.map((d) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, `${d.number}. ${d.title}`),
                h('td', null, t('r.inPlaceOf', { inPlace: d.inPlace, assessed: d.assessed })),
                h('td', null, bandChip(report, d.category)),
              ),
            ),
          ),
        ),
      ),
  ].filter((n): n is HTMLElement => n instanceof Node);
}

export async function reportPage(context: Context, id: string): Promise<void> {
  const { report, chart: image } = await loadReport(id);
  if (!context.current()) return;
  const message = h('p', { role: 'status', class: 'hint' });
  const filename = (ext: string) => `migov-${report.country}-${report.period}.${ext}`;
  const history = h('div', { class: 'history' });
  clear(
    context.main,
    context.title(t('r.title', { country: report.countryName ?? report.country, period: report.period })),
    h(
      'p',
      { class: 'meta' },
      t('r.meta', {
        status: statusLabel(report.status),
        framework: `${report.framework.key} ${report.framework.version}`,
        generated: formatDate(report.generatedAt),
      }),
      report.status !== 'validated' && h('strong', { class: 'draft-mark' }, ` ${t('r.notValidated')}`),
    ),
    h(
      'div',
      { class: 'downloads', role: 'group', 'aria-label': t('r.downloads') },
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () =>
            download(
              api.GET('/v1/assessments/{id}/report', {
                params: { path: { id } },
                headers: { accept: 'text/csv' },
                parseAs: 'blob',
              }),
              filename('csv'),
            ).catch((e: Error) => (message.textContent = e.message)),
        },
        t('r.csv'),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: 'download-pdf',
          onclick: () =>
            download(
              api.GET('/v1/assessments/{id}/profile.pdf', { params: { path: { id } }, parseAs: 'blob' }),
              filename('pdf'),
            ).catch((e: Error) => (message.textContent = e.message)),
        },
        t('r.pdf'),
      ),
      message,
    ),
    ...reportSections(report, image),
    h(
      'section',
      { 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, t('r.history')),
      history,
    ),
  );
  await historyPage(id, history, undefined);
}

async function historyPage(id: string, container: HTMLElement, cursor: string | undefined): Promise<void> {
  const page = await ok(
    api.GET('/v1/assessments/{id}/history', {
      params: { path: { id }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
    }),
  );
  let list = container.querySelector('ol');
  if (!list) {
    list = h('ol', { class: 'events' });
    container.append(list);
  }
  for (const event of page.data.events) {
    list.append(
      h(
        'li',
        null,
        h('time', { datetime: event.at }, formatDate(event.at)),
        ' ',
        t(`h.${event.type}` as 'h.created', { actor: event.actor, question: event.question ?? '' }),
        event.reason ? `: ${event.reason}` : '',
      ),
    );
  }
  container.querySelector('button.more')?.remove();
  const next = page.data.nextCursor;
  if (next) {
    container.append(
      h(
        'button',
        { type: 'button', class: 'secondary more', onclick: () => void historyPage(id, container, next) },
        t('r.moreHistory'),
      ),
    );
  }
}
