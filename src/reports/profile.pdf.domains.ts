/** The results by domain: a table of each domain and its sub-domains with score, band and coverage. */
import { INK, MARGIN, type ProfileLayout, winAnsi } from './profile.pdf.layout.ts';
import type { Report } from './report.schemas.ts';

interface Cells {
  key: string;
  title: string;
  score: string;
  band: string;
  bandKey: string | null;
  answered: string;
}

interface RowStyle {
  bold?: boolean;
  size?: number;
  indent?: number;
}

const columnsOf = (width: number) => ({
  key: MARGIN,
  title: MARGIN + 30,
  score: MARGIN + width - 190,
  band: MARGIN + width - 140,
  answered: MARGIN + width - 40,
});

/** One row, as tall as its longest cell; on the next page when it does not fit. */
function row(p: ProfileLayout, cells: Cells, opts: RowStyle = {}): void {
  const { doc } = p;
  const columns = columnsOf(p.width);
  const size = opts.size ?? 9;
  const titleWidth = columns.score - columns.title - 10 - (opts.indent ?? 0);
  doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
  const height =
    Math.max(
      doc.heightOfString(cells.title, { width: titleWidth }),
      doc.heightOfString(cells.band, { width: 95 }),
    ) + 4;
  p.ensure(height);
  const y = doc.y;
  doc.fillColor(INK);
  doc.text(cells.key, columns.key + (opts.indent ?? 0), y, { width: 40, lineBreak: false });
  doc.text(cells.title, columns.title + (opts.indent ?? 0), y, { width: titleWidth });
  doc.text(cells.score, columns.score, y, { width: 40, align: 'right' });
  if (cells.bandKey) p.swatch(cells.bandKey, columns.band, y);
  doc
    .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(size)
    .fillColor(INK);
  doc.text(cells.band, columns.band + 13, y, { width: 95 });
  doc.text(cells.answered, columns.answered, y, { width: 40, align: 'right' });
  doc.x = MARGIN;
  doc.y = y + height;
}

type Scored = Pick<Report['domains'][number], 'key' | 'title' | 'score' | 'band' | 'coverage'>;

const cellsOf = (p: ProfileLayout, s: Scored): Cells => ({
  key: s.key,
  title: winAnsi(s.title),
  score: p.score(s.score),
  band: p.band(s.band),
  bandKey: s.band,
  answered: p.tr('profile.answeredCell', s.coverage),
});

export function domainsSection(p: ProfileLayout): void {
  p.heading(p.tr('profile.section.domains'));
  const header = {
    key: '',
    title: p.tr('profile.table.domain'),
    score: p.tr('profile.table.score'),
    band: p.tr('profile.table.band'),
    bandKey: null,
    answered: p.tr('profile.table.answered'),
  };
  row(p, header, { bold: true, size: 8 });
  for (const d of p.report.domains) {
    p.rule(p.doc.y, 0.5);
    p.doc.y += 3;
    row(p, cellsOf(p, d), { bold: true });
    for (const s of d.subdomains) row(p, cellsOf(p, s), { size: 8, indent: 8 });
  }
}
