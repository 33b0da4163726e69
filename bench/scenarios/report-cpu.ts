/**
 * The report's CPU, in the bench's own process before any server starts (nothing else runs):
 * the scoring engine alone (1,000 sensitivity draws and the exact gains) and the whole report
 * built from scratch (engine, report, comparison with the previous round, JSON). Goal: the
 * report under 2 ms of CPU (mean: the CPU of the whole loop over the reports built, which
 * includes the garbage collection they cause).
 */
import type { App } from '../../src/app.ts';
import { type AnswerMap, scoreAssessment } from '../../src/scoring/scoring.engine.ts';
import type { Seeded } from '../context.ts';
import { timeCalls } from '../engine.ts';
import { goalBar, timings } from '../figures.ts';
import { log } from '../processes.ts';

export const REPORT_CPU_MS = 2;

export function reportCpu(app: App, seeded: Seeded, quick: boolean): void {
  log('timing the engine and the report build…');
  const row = app.services.assessments.load({ sub: 'bench', role: 'admin' }, seeded.reportId);
  const published = app.services.frameworks.latest();
  const answers = app.services.assessments.answersOf(row);
  // The engine's input, as the service makes it from the stored rows.
  const answerMap: AnswerMap = new Map(
    answers.map((a) => [
      a.question,
      {
        value: a.value === null ? null : (JSON.parse(a.value) as string | number),
        notApplicable: a.notApplicable,
      },
    ]),
  );
  const iterations = quick ? 200 : 2000;
  const engine = timeCalls(
    (i) => scoreAssessment(published.compiled, answerMap, { seed: `${row.id}${i}` }),
    iterations,
  );
  const built = timeCalls(
    () => JSON.stringify(app.services.reports.build(row, answers, 'arithmetic').report),
    iterations,
  );
  const gaps = scoreAssessment(published.compiled, answerMap, { seed: row.id }).gaps.length;
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  timings.push(
    {
      name: `scoring engine, one full report (${seeded.frameworkLabel}, ${seeded.questions} items, 1,000 draws, exact gains: ${gaps} gaps)`,
      figures: `wall median ${ms(engine.wallMedian)}, p99 ${ms(engine.wallP99)}; CPU median ${ms(engine.cpuMedian)}, p99 ${ms(engine.cpuP99)}, mean ${ms(engine.cpuMean)}`,
    },
    {
      name: 'whole report built from scratch (engine, report, comparison, JSON; previous round kept)',
      figures: `wall median ${ms(built.wallMedian)}, p99 ${ms(built.wallP99)}; CPU median ${ms(built.cpuMedian)}, p99 ${ms(built.cpuP99)}, mean ${ms(built.cpuMean)}`,
    },
  );
  goalBar(
    `report built from scratch, CPU per report (mean), ${seeded.frameworkLabel}`,
    built.cpuMean,
    'ms',
    REPORT_CPU_MS,
    3,
  );
}
