import { api, download, ok, type Report } from '../api.ts';
import type { Context } from '../context.ts';
import { clear, h } from '../dom.ts';
import { formatDate, t } from '../i18n.ts';
import { statusLabel } from './home.ts';
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
    downloads(id, report),
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
