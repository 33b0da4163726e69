/**
 * The printable country profile: two to four A4 pages in the manner of IOM's published MGI
 * country profiles (key figures and chart, results by domain, well-developed areas, areas with
 * potential for further development, change since the last round, method, status and dates).
 * Drawn with pdfkit and its built-in Helvetica (no font files, no browser at run time); the chart
 * is the same SVG the API serves, placed with svg-to-pdfkit.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import type { Report } from './report.schemas.ts';
import { BAND_FILLS, bandKeyOf, bandLabel, chartInput, previousScores, radarSvg } from './report.svg.ts';

const MARGIN = 50;
const INK = '#111827';
const MUTED = '#4b5563';
const RULE = '#9ca3af';
const GAPS_SHOWN = 8;
const CHANGES_SHOWN = 8;

/** The fields of the report that older snapshots may lack (reports keep the shape they were validated with). */
type Extras = Partial<
  Pick<Report, 'narrative' | 'contributors' | 'submittedAt' | 'validatedAt' | 'validatedBy' | 'hmgiComposite'>
>;
type ChangedQuestion = {
  question: string;
  text: string;
  before: unknown;
  after: unknown;
  /** The answers as a person reads them, in the report's language (reports from methodology 2). */
  beforeLabel?: string;
  afterLabel?: string;
};

/**
 * The standard PDF fonts encode WinAnsi only: characters outside it (the narrow no-break space
 * French number formats use, arrows, the minus sign) become their nearest WinAnsi equivalent.
 */
export const winAnsi = (text: string) =>
  text
    .replace(/[\u202f\u2009\u2007]/g, '\u00a0')
    .replace(/\u2212/g, '-')
    .replace(/\u2192/g, '->')
    .replace(/\u2265/g, '>=')
    .replace(/\u2264/g, '<=');

export interface ProfileOptions {
  locale?: Locale;
  /** For tests and reproducible output; defaults to the report's generatedAt. */
  now?: Date;
  /** The label a person reads for a stored answer value (an option's label); the value itself when absent. */
  answerLabel?: (question: string, value: string | number) => string | undefined;
}

/** The country profile of a report as PDF bytes. */
export function profilePdf(report: Report, options: ProfileOptions = {}): Promise<Buffer> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const tr = (key: string, values?: Record<string, string | number | Date | null | undefined>) =>
    winAnsi(t(locale, key, values));
  const score = (value: number | null) =>
    value === null ? tr('profile.notScored') : tr('profile.score', { score: value });
  const delta = (value: number) => tr('profile.delta', { delta: value });
  const band = (key: string | null) => (key === null ? '' : winAnsi(bandLabel(report, key, locale) ?? key));
  const extras = report as Report & Extras;
  const generated = options.now ?? new Date(report.generatedAt);

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: winAnsi(`${t(locale, 'profile.series')}: ${report.countryName} ${report.period}`),
      Author: 'migov',
      Subject: winAnsi(t(locale, 'profile.mgi')),
      CreationDate: generated,
    },
    lang: locale,
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  // A heading keeps a few lines of what follows with it: none alone at the foot of a page.
  const heading = (text: string) => {
    ensure(110);
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(text, MARGIN, doc.y, { width });
    const y = doc.y + 2;
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + width, y)
      .lineWidth(0.8)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + 6;
  };
  const body = (
    text: string,
    opts: { size?: number; color?: string; bold?: boolean; indent?: number } = {},
  ) => {
    doc
      .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(opts.size ?? 9.5)
      .fillColor(opts.color ?? INK)
      .text(text, MARGIN + (opts.indent ?? 0), doc.y, { width: width - (opts.indent ?? 0), lineGap: 1.5 });
  };
  const swatch = (key: string | null, x: number, y: number) => {
    const index = report.methodology.bands.findIndex((b) => b.key === key);
    if (index < 0) return;
    doc.rect(x, y, 9, 9).fillAndStroke(BAND_FILLS[index] ?? '#eeeeee', '#6b7280');
    doc.fillColor(INK);
  };

  // Page 1: who and when, the key figures, the chart.
  doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(tr('profile.series'), MARGIN, MARGIN, { width });
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(INK)
    .text(winAnsi(tr('profile.title', { country: report.countryName, period: report.period })), { width });
  body(
    tr('profile.framework', {
      framework: report.framework.key,
      version: report.framework.version,
      methodology: report.methodology.version,
      aggregation: tr(`profile.aggregation.${report.methodology.aggregation}`),
    }),
    { color: MUTED, size: 9 },
  );
  if (report.status !== 'validated') {
    doc.moveDown(0.5);
    const y = doc.y;
    doc.rect(MARGIN, y, width, 24).lineWidth(1.5).dash(6, { space: 3 }).strokeColor(INK).stroke().undash();
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(INK)
      .text(tr(`profile.banner.${report.status}`), MARGIN, y + 7, { width, align: 'center' });
    doc.y = y + 30;
  } else doc.moveDown(0.5);

  // The MGI in a box, with its band, coverage and sensitivity.
  const { composite, coverage } = report;
  const boxTop = doc.y;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(MUTED)
    .text(tr('profile.mgi'), MARGIN + 10, boxTop + 8, { width: width - 20 });
  if (composite.score === null) {
    body(tr('profile.mgiNone', { count: report.domains.filter((d) => d.score === null).length }), {
      size: 12,
      bold: true,
      indent: 10,
    });
  } else {
    swatch(composite.band, MARGIN + 10, doc.y + 4);
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .fillColor(INK)
      .text(
        tr('profile.mgiValue', { score: score(composite.score), band: band(composite.band) }),
        MARGIN + 24,
        doc.y,
        { width: width - 34 },
      );
  }
  const scored = (coverage as { scored?: number }).scored ?? coverage.answered;
  body(
    composite.provisional
      ? tr('profile.provisional', { answered: coverage.answered, enabled: coverage.enabled, scored })
      : tr('profile.complete', { enabled: coverage.enabled, scored }),
    { indent: 10, size: 9 },
  );
  if (composite.uncertainty && composite.score !== null) {
    body(
      tr('profile.uncertainty', {
        p5: score(composite.uncertainty.p5),
        p95: score(composite.uncertainty.p95),
        stability: composite.uncertainty.bandStability,
      }),
      { indent: 10, size: 9, color: MUTED },
    );
  }
  if (extras.hmgiComposite && extras.hmgiComposite.score !== null) {
    body(
      tr('profile.hmgi', { score: score(extras.hmgiComposite.score), band: band(extras.hmgiComposite.band) }),
      {
        indent: 10,
        size: 9,
        color: MUTED,
      },
    );
  }
  const imbalance = (composite as { imbalance?: string[] }).imbalance ?? [];
  if (imbalance.length > 0)
    body(tr('profile.imbalance', { domains: imbalance.join(', ') }), { indent: 10, size: 9, bold: true });
  doc.y += 6;
  doc
    .rect(MARGIN, boxTop, width, doc.y - boxTop)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
  doc.y += 8;

  // The chart, without its own heading (the page has one), scaled to the room left on page 1.
  const chart = chartInput(report, locale);
  const source = winAnsi(radarSvg({ ...chart, showHeading: false }));
  const [, svgWidth = 820, svgHeight = 800] = /viewBox="0 0 (\d+) (\d+)"/.exec(source)?.map(Number) ?? [];
  const room = bottom() - doc.y - 24;
  const scale = Math.min(width / svgWidth, room / svgHeight);
  const chartWidth = svgWidth * scale;
  // svg-to-pdfkit sizes the drawing by the root's width and height: give it the size on the page.
  const svg = source.replace(
    / width="\d+" height="\d+" viewBox=/,
    ` width="${chartWidth.toFixed(1)}" height="${(svgHeight * scale).toFixed(1)}" viewBox=`,
  );
  SVGtoPDF(doc, svg, MARGIN + (width - chartWidth) / 2, doc.y, {
    width: chartWidth,
    height: svgHeight * scale,
    assumePt: true,
    fontCallback: (_family: string, bold: boolean, italic: boolean) =>
      bold ? 'Helvetica-Bold' : italic ? 'Helvetica-Oblique' : 'Helvetica',
  });
  doc.y += svgHeight * scale + 4;
  body(tr('profile.chartCaption'), { size: 8, color: MUTED });

  // In brief, under the chart where it fits; then the results by domain on a page of their own.
  const narrative = extras.narrative ?? [];
  if (narrative.length > 0) {
    heading(tr('profile.section.brief'));
    for (const sentence of narrative) {
      body(`•  ${winAnsi(sentence)}`, { indent: 4 });
      doc.moveDown(0.2);
    }
  }
  doc.addPage();
  heading(tr('profile.section.domains'));
  const columns = {
    key: MARGIN,
    title: MARGIN + 30,
    score: MARGIN + width - 190,
    band: MARGIN + width - 140,
    answered: MARGIN + width - 40,
  };
  const row = (
    cells: {
      key: string;
      title: string;
      score: string;
      band: string;
      bandKey: string | null;
      answered: string;
    },
    opts: { bold?: boolean; size?: number; indent?: number } = {},
  ) => {
    const size = opts.size ?? 9;
    const titleWidth = columns.score - columns.title - 10 - (opts.indent ?? 0);
    doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const height =
      Math.max(
        doc.heightOfString(cells.title, { width: titleWidth }),
        doc.heightOfString(cells.band, { width: 95 }),
      ) + 4;
    ensure(height);
    const y = doc.y;
    doc.fillColor(INK);
    doc.text(cells.key, columns.key + (opts.indent ?? 0), y, { width: 40, lineBreak: false });
    doc.text(cells.title, columns.title + (opts.indent ?? 0), y, { width: titleWidth });
    doc.text(cells.score, columns.score, y, { width: 40, align: 'right' });
    if (cells.bandKey) swatch(cells.bandKey, columns.band, y);
    doc
      .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size)
      .fillColor(INK);
    doc.text(cells.band, columns.band + 13, y, { width: 95 });
    doc.text(cells.answered, columns.answered, y, { width: 40, align: 'right' });
    doc.x = MARGIN;
    doc.y = y + height;
  };
  row(
    {
      key: '',
      title: tr('profile.table.domain'),
      score: tr('profile.table.score'),
      band: tr('profile.table.band'),
      bandKey: null,
      answered: tr('profile.table.answered'),
    },
    { bold: true, size: 8 },
  );
  for (const d of report.domains) {
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + width, doc.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.y += 3;
    row(
      {
        key: d.key,
        title: winAnsi(d.title),
        score: score(d.score),
        band: band(d.band),
        bandKey: d.band,
        answered: tr('profile.answeredCell', d.coverage),
      },
      { bold: true },
    );
    for (const s of d.subdomains) {
      row(
        {
          key: s.key,
          title: winAnsi(s.title),
          score: score(s.score),
          band: band(s.band),
          bandKey: s.band,
          answered: tr('profile.answeredCell', s.coverage),
        },
        { size: 8, indent: 8 },
      );
    }
  }

  heading(tr('profile.section.strengths'));
  body(tr('profile.strengthsIntro'), { color: MUTED, size: 9 });
  doc.moveDown(0.3);
  for (const s of report.strengths) {
    ensure(14);
    const y = doc.y;
    swatch(bandKeyOf(report, s.score), MARGIN + 4, y + 1);
    body(`${s.subdomain}  ${winAnsi(s.title)} · ${score(s.score)}`, { indent: 18 });
  }

  // Then areas with potential for further development and the change since the last round.
  heading(tr('profile.section.gaps'));
  body(tr('profile.gapsIntro'), { color: MUTED, size: 9 });
  doc.moveDown(0.3);
  if (report.gaps.length === 0) body(tr('profile.noGaps'));
  for (const g of report.gaps.slice(0, GAPS_SHOWN)) {
    ensure(36);
    body(winAnsi(g.text), { bold: true, size: 9.5 });
    body(
      g.potentialGain === null
        ? tr('profile.gapMetaNoGain', { question: g.question, score: score(g.score) })
        : tr('profile.gapMeta', {
            question: g.question,
            score: score(g.score),
            gain: score(g.potentialGain),
          }),
      { color: MUTED, size: 8.5 },
    );
    doc.moveDown(0.4);
  }

  heading(tr('profile.section.change'));
  const comparison = report.comparison;
  const previous = previousScores(report);
  if (!comparison || !previous) body(tr('profile.noPrevious'));
  else {
    body(
      previous.composite !== null && composite.score !== null
        ? tr('profile.changeIntro', {
            period: comparison.period,
            before: score(previous.composite),
            after: score(composite.score),
            delta: delta(composite.score - previous.composite),
          })
        : tr('profile.changeIntroNoMgi', { period: comparison.period }),
    );
    if (comparison.commonQuestionsOnly) body(tr('profile.commonOnly'), { color: MUTED, size: 9 });
    doc.moveDown(0.3);
    for (const d of report.domains) {
      const before = previous.domains.get(d.key) ?? null;
      const values = { key: d.key, title: winAnsi(d.title), before: score(before), after: score(d.score) };
      body(
        before !== null && d.score !== null
          ? tr('profile.changeDomainDelta', { ...values, delta: delta(d.score - before) })
          : tr('profile.changeDomain', values),
        { size: 9, indent: 4 },
      );
    }
    const changed = comparison.changedQuestions as unknown as (ChangedQuestion | string)[];
    doc.moveDown(0.4);
    body(
      tr('profile.changedQuestions', {
        count: changed.length,
        shown: Math.min(CHANGES_SHOWN, changed.length),
      }),
      { size: 9, bold: true },
    );
    for (const change of changed.slice(0, CHANGES_SHOWN)) {
      ensure(24);
      if (typeof change === 'string') body(change, { size: 8.5, indent: 4 });
      else
        body(
          tr('profile.changedQuestion', {
            question: change.question,
            text: winAnsi(change.text),
            before: change.beforeLabel
              ? winAnsi(change.beforeLabel)
              : answerText(change.question, change.before),
            after: change.afterLabel ? winAnsi(change.afterLabel) : answerText(change.question, change.after),
          }),
          { size: 8.5, indent: 4 },
        );
      doc.moveDown(0.15);
    }
  }

  // Method, status and dates.
  heading(tr('profile.section.method'));
  body(tr('profile.method', { aggregation: tr(`profile.aggregation.${report.methodology.aggregation}`) }), {
    size: 9,
  });
  heading(tr('profile.section.status'));
  body(tr('profile.status', { status: tr(`profile.statusName.${report.status}`) }), { bold: true });
  if (extras.submittedAt) body(tr('profile.submitted', { date: new Date(extras.submittedAt) }));
  if (extras.validatedAt)
    body(tr('profile.validated', { date: new Date(extras.validatedAt), by: extras.validatedBy ?? '' }));
  if (extras.contributors && extras.contributors.length > 0) {
    body(
      tr('profile.contributors', {
        list: extras.contributors
          .map((c) => tr('profile.contributor', { sub: c.sub, count: c.answers }))
          .join(', '),
      }),
    );
  }
  body(tr('profile.generated', { date: generated, id: report.assessmentId, revision: report.revision }), {
    color: MUTED,
    size: 8.5,
  });

  // Footers, once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN + 10;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        tr('profile.footer', {
          country: report.countryName,
          period: report.period,
          page: i + 1,
          pages: range.count,
        }),
        MARGIN,
        y,
        { width, align: 'center', lineBreak: false },
      );
  }
  doc.end();
  return done;

  function answerText(question: string, value: unknown): string {
    if (value === null || value === undefined) return tr('profile.noAnswer');
    if (typeof value === 'object') return tr('profile.notApplicable');
    const plain = value as string | number;
    return winAnsi(options.answerLabel?.(question, plain) ?? String(plain));
  }
}
