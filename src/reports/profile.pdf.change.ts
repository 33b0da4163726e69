/** The change since the last round: the MGI and each domain then and now, and the answers that changed. */
import { MUTED, type ProfileLayout, winAnsi } from './profile.pdf.layout.ts';
import { changeCounts } from './report.narrative.ts';
import { previousScores } from './report.previous.ts';

const CHANGES_SHOWN = 8;

type ChangedQuestion = {
  question: string;
  text: string;
  before: unknown;
  after: unknown;
  /** The answers as a person reads them, in the report's language (reports from methodology 2). */
  beforeLabel?: string;
  afterLabel?: string;
};
type Previous = NonNullable<ReturnType<typeof previousScores>>;
type Comparison = NonNullable<ProfileLayout['report']['comparison']>;

/** The MGI then and now, then each domain's. */
function scoresThenAndNow(p: ProfileLayout, comparison: Comparison, previous: Previous): void {
  const { composite, domains } = p.report;
  p.body(
    previous.composite !== null && composite.score !== null
      ? p.tr('profile.changeIntro', {
          period: comparison.period,
          before: p.score(previous.composite),
          after: p.score(composite.score),
          delta: p.delta(composite.score - previous.composite),
        })
      : p.tr('profile.changeIntroNoMgi', { period: comparison.period }),
  );
  if (comparison.commonQuestionsOnly) p.body(p.tr('profile.commonOnly'), { color: MUTED, size: 9 });
  p.doc.moveDown(0.3);
  for (const d of domains) {
    const before = previous.domains.get(d.key) ?? null;
    const values = { key: d.key, title: winAnsi(d.title), before: p.score(before), after: p.score(d.score) };
    p.body(
      before !== null && d.score !== null
        ? p.tr('profile.changeDomainDelta', { ...values, delta: p.delta(d.score - before) })
        : p.tr('profile.changeDomain', values),
      { size: 9, indent: 4 },
    );
  }
}

/** How many answers changed, and the first few of them, before and after. */
function changedAnswers(p: ProfileLayout, comparison: Comparison): void {
  const all = comparison.changedQuestions as unknown as (ChangedQuestion | string)[];
  const { notAnswered } = changeCounts(all);
  // Answers given differently; questions with no answer now are counted, not listed.
  const changed = all.filter((c) => typeof c === 'string' || c.after !== null);
  p.doc.moveDown(0.4);
  p.body(
    p.tr('profile.changedQuestions', {
      count: changed.length,
      shown: Math.min(CHANGES_SHOWN, changed.length),
    }),
    { size: 9, bold: true },
  );
  if (notAnswered > 0) p.body(p.tr('profile.notAnsweredNow', { count: notAnswered }), { size: 9 });
  for (const change of changed.slice(0, CHANGES_SHOWN)) {
    p.ensure(24);
    if (typeof change === 'string') p.body(change, { size: 8.5, indent: 4 });
    else
      p.body(
        p.tr('profile.changedQuestion', {
          question: change.question,
          text: winAnsi(change.text),
          before: change.beforeLabel
            ? winAnsi(change.beforeLabel)
            : p.answerText(change.question, change.before),
          after: change.afterLabel ? winAnsi(change.afterLabel) : p.answerText(change.question, change.after),
        }),
        { size: 8.5, indent: 4 },
      );
    p.doc.moveDown(0.15);
  }
}

export function changeSection(p: ProfileLayout): void {
  p.heading(p.tr('profile.section.change'));
  const { comparison } = p.report;
  const previous = previousScores(p.report);
  if (!comparison || !previous) {
    p.body(p.tr('profile.noPrevious'));
    return;
  }
  scoresThenAndNow(p, comparison, previous);
  // A published profile compares scores only (its answers are not public): no list to give.
  if (comparison.changedQuestions.length > 0 || comparison.assessmentId !== '') changedAnswers(p, comparison);
}
