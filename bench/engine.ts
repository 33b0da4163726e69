import type { Framework } from '../src/framework/framework.schema.ts';
import { compileFramework, scoreAssessment } from '../src/scoring/scoring.engine.ts';
import { answerSet } from './workflow.ts';

/** The framework with every sub-domain's questions repeated `factor` times under new keys. */
function scaled(framework: Framework, factor: number): Framework {
  return {
    ...framework,
    domains: framework.domains.map((d) => ({
      ...d,
      subdomains: d.subdomains.map((s) => ({
        ...s,
        questions: Array.from({ length: factor }, (_, copy) =>
          s.questions.map((q) => ({
            ...q,
            key: copy === 0 ? q.key : `${q.key}x${copy}`,
            enableWhen:
              q.enableWhen && copy > 0
                ? { ...q.enableWhen, question: `${q.enableWhen.question}x${copy}` }
                : q.enableWhen,
          })),
        ).flat(),
      })),
    })),
  };
}

function time(framework: Framework, iterations: number) {
  const compiled = compileFramework(framework);
  const answers = new Map(answerSet(framework, 0.6).map((a) => [a.question, { value: a.value }]));
  const questions = compiled.questionKeys.length;
  for (let i = 0; i < 50; i++) scoreAssessment(compiled, answers, { seed: `warm${i}` });
  const times = new Float64Array(iterations);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    scoreAssessment(compiled, answers, { seed: `a${i}:1` });
    times[i] = performance.now() - t0;
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort();
  return {
    questions,
    median: times[Math.floor(iterations / 2)] ?? 0,
    p99: times[Math.floor(iterations * 0.99)] ?? 0,
    cpuMs: (cpu.user + cpu.system) / 1000 / iterations,
  };
}

/** Scoring with uncertainty (1,000 draws) on the real framework, then 2x and 4x the questions. */
export function engineBench(framework: Framework, iterations: number) {
  const base = time(framework, iterations);
  return [1, 2, 4].map((factor) => {
    const r = factor === 1 ? base : time(scaled(framework, factor), iterations);
    return {
      name: `scoring engine, ${r.questions} questions (${factor}x), with uncertainty`,
      p50: r.median,
      p99: r.p99,
      bar: factor === 1 ? '< 2 ms' : '',
      note: `CPU ${r.cpuMs.toFixed(3)} ms per score; ${(r.median / base.median).toFixed(2)}x the 1x median`,
    };
  });
}
