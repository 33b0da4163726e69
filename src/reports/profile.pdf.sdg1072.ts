/**
 * SDG indicator 10.7.2 in the profile (framework 2.1.0 on): the official value and category of each
 * domain and overall, from the government's direct answers, and how many items the MiGOF answers
 * suggest otherwise. Reports of older frameworks have no official values and no such section.
 */
import { MUTED, type ProfileLayout, winAnsi } from './profile.pdf.layout.ts';

export function sdg1072Section(p: ProfileLayout): void {
  const { doc, report } = p;
  const view = report.sdg1072;
  if (!view || !('official' in view)) return;
  p.heading(p.tr('profile.section.sdg1072'));
  p.body(p.tr('profile.sdg1072Intro', { answered: view.answered }), { color: MUTED, size: 9 });
  doc.moveDown(0.3);
  for (const d of view.domains) {
    p.ensure(14);
    p.body(
      p.tr('profile.sdg1072Domain', {
        number: d.number,
        title: d.title,
        value: d.value,
        category: d.category.label,
      }),
      { size: 9.5 },
    );
  }
  doc.moveDown(0.2);
  p.body(
    p.tr('profile.sdg1072Overall', { value: view.overall.value, category: view.overall.category.label }),
    {
      bold: true,
    },
  );
  doc.moveDown(0.3);
  if (view.disagreements.length === 0) p.body(p.tr('profile.sdg1072Consistent'), { color: MUTED, size: 9 });
  for (const x of view.disagreements) {
    p.ensure(24);
    p.body(winAnsi(`${x.item} ${x.text}`), { size: 9 });
    p.body(p.tr('profile.sdg1072Disagreement', { questions: x.questions.join(', ') }), {
      color: MUTED,
      size: 8.5,
    });
  }
  p.body(winAnsi(view.source), { color: MUTED, size: 8 });
}
