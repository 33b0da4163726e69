/** The last sections: the method, then the status, dates and people behind the report. */
import { MUTED, type ProfileLayout } from './profile.pdf.layout.ts';

export function methodSection(p: ProfileLayout): void {
  p.heading(p.tr('profile.section.method'));
  p.body(
    p.tr('profile.method', { aggregation: p.tr(`profile.aggregation.${p.report.methodology.aggregation}`) }),
    {
      size: 9,
    },
  );
}

export function statusSection(p: ProfileLayout): void {
  const { report } = p;
  p.heading(p.tr('profile.section.status'));
  p.body(p.tr('profile.status', { status: p.tr(`profile.statusName.${report.status}`) }), { bold: true });
  if (report.submittedAt) p.body(p.tr('profile.submitted', { date: new Date(report.submittedAt) }));
  if (report.validatedAt)
    // A published profile names no reviewer (src/publication/allow-list.ts): the date alone.
    p.body(
      report.validatedBy
        ? p.tr('profile.validated', { date: new Date(report.validatedAt), by: report.validatedBy })
        : p.tr('profile.validatedOn', { date: new Date(report.validatedAt) }),
    );
  if (report.contributors && report.contributors.length > 0) {
    p.body(
      p.tr('profile.contributors', {
        list: report.contributors
          .map((c) => p.tr('profile.contributor', { sub: c.sub, count: c.answers }))
          .join(', '),
      }),
    );
  }
  if (report.ministries && report.ministries.length > 0) {
    const list = report.ministries.map((m) =>
      p.tr('profile.ministry', {
        name: m.name,
        code: m.code,
        count: m.answers,
        questions: m.questions.join(', '),
      }),
    );
    p.body(p.tr('profile.ministries', { list: list.join('; ') }));
  }
  p.body(
    p.tr('profile.generated', { date: p.generated, id: report.assessmentId, revision: report.revision }),
    { color: MUTED, size: 8.5 },
  );
}
