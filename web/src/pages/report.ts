import { api, download, ok, type Report } from '../api.ts';
import type { Context } from '../context.ts';
import { countryName } from '../countries.ts';
import { clear, h } from '../dom.ts';
import { formatDate, t } from '../i18n.ts';
import { statusLabel } from './home.ts';
import { historyPage } from './report/history.ts';
import { ministryCodes } from './report/ministries.ts';
import { reportSections } from './report/sections.ts';

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

/** The CSV and PDF download buttons, with a line for what went wrong. */
function downloads(id: string, report: Report) {
  const message = h('p', { role: 'status', class: 'hint' });
  const filename = (ext: string) => `migov-${report.country}-${report.period}.${ext}`;
  return h(
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
  );
}

export async function reportPage(context: Context, id: string): Promise<void> {
  const { report, chart: image } = await loadReport(id);
  if (!context.current()) return;
  const history = h('div', { class: 'history' });
  clear(
    context.main,
    context.title(t('r.title', { country: countryName(report.country), period: report.period })),
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
    downloads(id, report),
    report.status === 'validated' &&
      h('p', null, h('a', { href: `#/a/${id}/publication`, id: 'publication-link' }, t('pub.link'))),
    ...reportSections(report, image),
    h(
      'section',
      { 'aria-labelledby': 'history-title' },
      h('h2', { id: 'history-title' }, t('r.history')),
      history,
    ),
  );
  await historyPage(id, report.framework, history, undefined, ministryCodes(report));
}
