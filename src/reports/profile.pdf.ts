/**
 * The printable country profile: two to four A4 pages in the manner of IOM's published MGI
 * country profiles (key figures and chart, results by domain, well-developed areas, areas with
 * potential for further development, change since the last round, method, status and dates).
 * Drawn with pdfkit and its built-in Helvetica (no font files, no browser at run time); the chart
 * is the same SVG the API serves, placed with svg-to-pdfkit. Each section is its own module; this
 * one makes the document, lays the sections out in order and adds the footers.
 */
import PDFDocument from 'pdfkit';
import { DEFAULT_LOCALE } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { changeSection } from './profile.pdf.change.ts';
import { coverPage } from './profile.pdf.cover.ts';
import { domainsSection } from './profile.pdf.domains.ts';
import { evidenceSection } from './profile.pdf.evidence.ts';
import { gapsSection, strengthsSection } from './profile.pdf.findings.ts';
import { MARGIN, MUTED, ProfileLayout, type ProfileOptions, winAnsi } from './profile.pdf.layout.ts';
import { sdg1072Section } from './profile.pdf.sdg1072.ts';
import { methodSection, statusSection } from './profile.pdf.status.ts';
import type { Report } from './report.schemas.ts';

export type { ProfileOptions } from './profile.pdf.layout.ts';

function newDocument(report: Report, options: ProfileOptions): PDFKit.PDFDocument {
  const locale = options.locale ?? DEFAULT_LOCALE;
  return new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: winAnsi(`${t(locale, 'profile.series')}: ${report.countryName} ${report.period}`),
      Author: 'migov',
      Subject: winAnsi(t(locale, 'profile.mgi')),
      CreationDate: options.now ?? new Date(report.generatedAt),
    },
    lang: locale,
    displayTitle: true,
  });
}

/** The document's bytes once it has ended. */
function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

/** Footers, once the page count is known. */
function footers(p: ProfileLayout): void {
  const { doc, report } = p;
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
        p.tr('profile.footer', {
          country: report.countryName,
          period: report.period,
          page: i + 1,
          pages: range.count,
        }),
        MARGIN,
        y,
        { width: p.width, align: 'center', lineBreak: false },
      );
  }
}

/** The country profile of a report as PDF bytes. */
export function profilePdf(report: Report, options: ProfileOptions = {}): Promise<Buffer> {
  const doc = newDocument(report, options);
  const done = collect(doc);
  const p = new ProfileLayout(doc, report, options);
  coverPage(p);
  // The results by domain start a page of their own.
  doc.addPage();
  domainsSection(p);
  strengthsSection(p);
  // Then areas with potential for further development and the change since the last round.
  gapsSection(p);
  changeSection(p);
  sdg1072Section(p);
  methodSection(p);
  statusSection(p);
  evidenceSection(p);
  footers(p);
  doc.end();
  return done;
}
