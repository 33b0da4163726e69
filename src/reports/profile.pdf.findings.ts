/** The well-developed areas and the areas with potential for further development. */
import { MARGIN, MUTED, type ProfileLayout, winAnsi } from './profile.pdf.layout.ts';
import { bandKeyOf } from './report.bands.ts';

const GAPS_SHOWN = 8;

export function strengthsSection(p: ProfileLayout): void {
  const { doc, report } = p;
  p.heading(p.tr('profile.section.strengths'));
  p.body(p.tr('profile.strengthsIntro'), { color: MUTED, size: 9 });
  doc.moveDown(0.3);
  for (const s of report.strengths) {
    p.ensure(14);
    const y = doc.y;
    p.swatch(bandKeyOf(report, s.score), MARGIN + 4, y + 1);
    p.body(`${s.subdomain}  ${winAnsi(s.title)} · ${p.score(s.score)}`, { indent: 18 });
  }
}

/** The largest gaps first, each with its question, score and what closing it would add. */
export function gapsSection(p: ProfileLayout): void {
  const { doc, report } = p;
  p.heading(p.tr('profile.section.gaps'));
  p.body(p.tr('profile.gapsIntro'), { color: MUTED, size: 9 });
  doc.moveDown(0.3);
  if (report.gaps.length === 0) p.body(p.tr('profile.noGaps'));
  for (const g of report.gaps.slice(0, GAPS_SHOWN)) {
    p.ensure(36);
    p.body(winAnsi(g.text), { bold: true, size: 9.5 });
    p.body(
      g.potentialGain === null
        ? p.tr('profile.gapMetaNoGain', { question: g.question, score: p.score(g.score) })
        : p.tr('profile.gapMeta', {
            question: g.question,
            score: p.score(g.score),
            gain: p.score(g.potentialGain),
          }),
      { color: MUTED, size: 8.5 },
    );
    doc.moveDown(0.4);
  }
}
