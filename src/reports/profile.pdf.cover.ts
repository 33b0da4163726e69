/** Page 1 of the country profile: who and when, the MGI in a box, the chart, and the report in brief. */
import SVGtoPDF from 'svg-to-pdfkit';
import { INK, MARGIN, MUTED, type ProfileLayout, RULE, winAnsi } from './profile.pdf.layout.ts';
import { chartInput } from './report.svg.input.ts';
import { radarSvg } from './report.svg.ts';

/** The series, the title, the framework and, unless validated, a dashed banner with the status. */
function titleBlock(p: ProfileLayout): void {
  const { doc, report, width } = p;
  doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(p.tr('profile.series'), MARGIN, MARGIN, { width });
  doc
    .font('Helvetica-Bold')
    .fontSize(22)
    .fillColor(INK)
    .text(winAnsi(p.tr('profile.title', { country: report.countryName, period: report.period })), { width });
  p.body(
    p.tr('profile.framework', {
      framework: report.framework.key,
      version: report.framework.version,
      methodology: report.methodology.version,
      aggregation: p.tr(`profile.aggregation.${report.methodology.aggregation}`),
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
      .text(p.tr(`profile.banner.${report.status}`), MARGIN, y + 7, { width, align: 'center' });
    doc.y = y + 30;
  } else doc.moveDown(0.5);
}

/** The MGI with its band's swatch, or why there is none. */
function mgiHeadline(p: ProfileLayout): void {
  const { doc, report, width } = p;
  const { composite } = report;
  if (composite.score === null) {
    p.body(p.tr('profile.mgiNone', { count: report.domains.filter((d) => d.score === null).length }), {
      size: 12,
      bold: true,
      indent: 10,
    });
    return;
  }
  p.swatch(composite.band, MARGIN + 10, doc.y + 4);
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor(INK)
    .text(
      p.tr('profile.mgiValue', { score: p.score(composite.score), band: p.band(composite.band) }),
      MARGIN + 24,
      doc.y,
      { width: width - 34 },
    );
}

/** Under the MGI: its coverage, sensitivity, the HMG-I reading and any imbalance between domains. */
function mgiNotes(p: ProfileLayout): void {
  const { composite, coverage, hmgiComposite } = p.report;
  const scored = (coverage as { scored?: number }).scored ?? coverage.answered;
  p.body(
    composite.provisional
      ? p.tr('profile.provisional', { answered: coverage.answered, enabled: coverage.enabled, scored })
      : p.tr('profile.complete', { enabled: coverage.enabled, scored }),
    { indent: 10, size: 9 },
  );
  const note = { indent: 10, size: 9, color: MUTED };
  if (composite.uncertainty && composite.score !== null) {
    const { p5, p95, bandStability } = composite.uncertainty;
    p.body(
      p.tr('profile.uncertainty', { p5: p.score(p5), p95: p.score(p95), stability: bandStability }),
      note,
    );
  }
  if (hmgiComposite && hmgiComposite.score !== null) {
    p.body(
      p.tr('profile.hmgi', { score: p.score(hmgiComposite.score), band: p.band(hmgiComposite.band) }),
      note,
    );
  }
  const imbalance = (composite as { imbalance?: string[] }).imbalance ?? [];
  if (imbalance.length > 0)
    p.body(p.tr('profile.imbalance', { domains: imbalance.join(', ') }), { indent: 10, size: 9, bold: true });
}

/** The MGI in a box, with its band, coverage and sensitivity. */
function mgiBox(p: ProfileLayout): void {
  const { doc, width } = p;
  const boxTop = doc.y;
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(MUTED)
    .text(p.tr('profile.mgi'), MARGIN + 10, boxTop + 8, { width: width - 20 });
  mgiHeadline(p);
  mgiNotes(p);
  doc.y += 6;
  doc
    .rect(MARGIN, boxTop, width, doc.y - boxTop)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
  doc.y += 8;
}

/** The chart, without its own heading (the page has one), scaled to the room left on page 1. */
function chart(p: ProfileLayout): void {
  const { doc, width } = p;
  const source = winAnsi(radarSvg({ ...chartInput(p.report, p.locale), showHeading: false }));
  const [, svgWidth = 820, svgHeight = 800] = /viewBox="0 0 (\d+) (\d+)"/.exec(source)?.map(Number) ?? [];
  const room = p.bottom() - doc.y - 24;
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
  p.body(p.tr('profile.chartCaption'), { size: 8, color: MUTED });
}

/** In brief, under the chart where it fits. */
function brief(p: ProfileLayout): void {
  const narrative = p.report.narrative ?? [];
  if (narrative.length === 0) return;
  p.heading(p.tr('profile.section.brief'));
  for (const sentence of narrative) {
    p.body(`•  ${winAnsi(sentence)}`, { indent: 4 });
    p.doc.moveDown(0.2);
  }
}

export function coverPage(p: ProfileLayout): void {
  titleBlock(p);
  mgiBox(p);
  chart(p);
  brief(p);
}
