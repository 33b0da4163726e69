/**
 * The country profile's page layout and typography, shared by its sections: the margins and
 * colours, headings that keep what follows with them, body text, band swatches, and the words and
 * numbers in the reader's language, encoded for the standard PDF fonts.
 */
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { bandLabel } from './report.bands.ts';
import type { Report } from './report.schemas.ts';
import { BAND_FILLS } from './report.svg.draw.ts';

export const MARGIN = 50;
export const INK = '#111827';
export const MUTED = '#4b5563';
export const RULE = '#9ca3af';

/** The fields of the report that older snapshots may lack (reports keep the shape they were validated with). */
export type Extras = Partial<
  Pick<Report, 'narrative' | 'contributors' | 'submittedAt' | 'validatedAt' | 'validatedBy' | 'hmgiComposite'>
>;

export interface ProfileOptions {
  locale?: Locale;
  /** For tests and reproducible output; defaults to the report's generatedAt. */
  now?: Date;
  /** The label a person reads for a stored answer value (an option's label); the value itself when absent. */
  answerLabel?: (question: string, value: string | number) => string | undefined;
}

export interface BodyStyle {
  size?: number;
  color?: string;
  bold?: boolean;
  indent?: number;
}

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

/** A profile being written: the document, the report, and the layout every section draws with. */
export class ProfileLayout {
  readonly report: Report & Extras;
  readonly locale: Locale;
  readonly generated: Date;
  readonly width: number;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    report: Report,
    private readonly options: ProfileOptions,
  ) {
    this.report = report as Report & Extras;
    this.locale = options.locale ?? DEFAULT_LOCALE;
    this.generated = options.now ?? new Date(report.generatedAt);
    this.width = doc.page.width - 2 * MARGIN;
  }

  tr(key: string, values?: Record<string, string | number | Date | null | undefined>): string {
    return winAnsi(t(this.locale, key, values));
  }

  score(value: number | null): string {
    return value === null ? this.tr('profile.notScored') : this.tr('profile.score', { score: value });
  }

  delta(value: number): string {
    return this.tr('profile.delta', { delta: value });
  }

  band(key: string | null): string {
    return key === null ? '' : winAnsi(bandLabel(this.report, key, this.locale) ?? key);
  }

  /** A stored answer as a person reads it: its option's label when known, the value otherwise. */
  answerText(question: string, value: unknown): string {
    if (value === null || value === undefined) return this.tr('profile.noAnswer');
    if (typeof value === 'object') return this.tr('profile.notApplicable');
    const plain = value as string | number;
    return winAnsi(this.options.answerLabel?.(question, plain) ?? String(plain));
  }

  bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** A new page unless `height` more fits on this one. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom()) this.doc.addPage();
  }

  /** A horizontal rule across the text width at `y`. */
  rule(y: number, lineWidth: number): void {
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(lineWidth)
      .strokeColor(RULE)
      .stroke();
  }

  /** A heading keeps a few lines of what follows with it: none alone at the foot of a page. */
  heading(text: string): void {
    const { doc } = this;
    this.ensure(110);
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(text, MARGIN, doc.y, { width: this.width });
    const y = doc.y + 2;
    this.rule(y, 0.8);
    doc.y = y + 6;
  }

  body(text: string, opts: BodyStyle = {}): void {
    const indent = opts.indent ?? 0;
    this.doc
      .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(opts.size ?? 9.5)
      .fillColor(opts.color ?? INK)
      .text(text, MARGIN + indent, this.doc.y, { width: this.width - indent, lineGap: 1.5 });
  }

  /** The band's colour as on the chart's rings; nothing for a score with no band. */
  swatch(key: string | null, x: number, y: number): void {
    const index = this.report.methodology.bands.findIndex((b) => b.key === key);
    if (index < 0) return;
    this.doc.rect(x, y, 9, 9).fillAndStroke(BAND_FILLS[index] ?? '#eeeeee', '#6b7280');
    this.doc.fillColor(INK);
  }
}
