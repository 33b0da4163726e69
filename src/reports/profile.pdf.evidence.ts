/**
 * The evidence given with the answers, last: per question, each item's title and where to find it
 * (the uploaded file's name and the start of its sha256, which the evidence pack's index gives in
 * full; or the link, or the citation). A report without the field (validated before it existed,
 * or a published profile, which lists its own evidence) has no such section.
 */
import { MUTED, type ProfileLayout, winAnsi } from './profile.pdf.layout.ts';
import type { ReportEvidence } from './report.evidence.ts';

const SHORT_SHA = 12;

/**
 * People's text as the standard fonts can draw it: control characters and bidirectional
 * overrides (which an uploaded file's name may hold) are dropped rather than drawn as boxes.
 */
const plain = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  winAnsi(text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ''));

/** Where an item's proof is: its document, its link, or its citation; empty when it has none. */
function whereLine(p: ProfileLayout, item: ReportEvidence['items'][number]): string {
  const d = item.document;
  if (d?.name !== undefined && d.sha256 !== undefined)
    return p.tr('profile.evidenceFile', { name: plain(d.name), sha: d.sha256.slice(0, SHORT_SHA) });
  if (d) return p.tr('profile.evidenceMissing', { id: d.id });
  return plain(item.url ?? item.citation ?? '');
}

export function evidenceSection(p: ProfileLayout): void {
  const { doc } = p;
  const evidence = p.report.evidence;
  if (!evidence || evidence.length === 0) return;
  // An annex on pages of its own: the profile before it stays the two to four pages it was.
  doc.addPage();
  p.heading(p.tr('profile.section.evidence'));
  p.body(p.tr('profile.evidenceIntro'), { color: MUTED, size: 9 });
  doc.moveDown(0.3);
  for (const { question, items } of evidence) {
    for (const item of items) {
      const title = `${question}  ${plain(item.title)}`;
      const where = whereLine(p, item);
      // An item's title and its source stay on one page, however long the title.
      doc.font('Helvetica-Bold').fontSize(9);
      p.ensure(doc.heightOfString(title, { width: p.width, lineGap: 1.5 }) + 16);
      p.body(title, { bold: true, size: 9 });
      if (where) p.body(where, { color: MUTED, size: 8.5, indent: 12 });
      doc.moveDown(0.25);
    }
  }
}
