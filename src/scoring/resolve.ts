import type { CompiledFramework } from './compile.ts';
import {
  FLAG_ANSWERED,
  FLAG_ENABLED,
  FLAG_NOT_APPLICABLE,
  FLAG_SCORED,
  type Resolution,
} from './resolution.ts';
import type { AnswerInput, AnswerMap, Coverage } from './types.ts';

export {
  FLAG_ANSWERED,
  FLAG_ENABLED,
  FLAG_NOT_APPLICABLE,
  FLAG_SCORED,
  type Resolution,
} from './resolution.ts';

// Math.max(0, -0) is +0: a lower-is-better question answered at its worst gives -0 before clamping.
export const clamp01 = (x: number): number => Math.max(0, Math.min(x, 1));

/**
 * The score in [0, 1] of a value against a question's answer space (option scores, or the
 * number range); NaN when the value does not fit it. The one place an answer becomes a score.
 */
export function valueScore(
  options: ReadonlyMap<string, number> | null,
  worst: number,
  best: number,
  value: AnswerInput['value'],
): number {
  if (options === null) {
    return typeof value === 'number' && Number.isFinite(value) && best !== worst
      ? clamp01((value - worst) / (best - worst))
      : Number.NaN;
  }
  return typeof value === 'string' ? (options.get(value) ?? Number.NaN) : Number.NaN;
}

/**
 * Resolves question q in place. `override` stands in for one question's answer value (the gains
 * raise one question to its best and re-resolve its follow-ups this way).
 */
export function resolveQuestion(
  compiled: CompiledFramework,
  answers: AnswerMap,
  resolution: Resolution,
  q: number,
  override?: { index: number; value: AnswerInput['value'] },
): void {
  const { flags, scores } = resolution;
  const { questionKeys, enableParent } = compiled;
  scores[q] = Number.NaN;
  const parent = enableParent[q]!;
  if (parent >= 0) {
    // The target is a choice question (checked at compile time), so being scored means a valid option.
    const parentValue =
      override?.index === parent ? override.value : answers.get(questionKeys[parent]!)?.value;
    if ((flags[parent]! & FLAG_SCORED) === 0 || typeof parentValue !== 'string') {
      flags[q] = 0;
      return;
    }
    if (!compiled.enableValues[q]!.has(parentValue)) {
      flags[q] = 0;
      return;
    }
  }
  // `== null`: answers come from storage, and a stray null must read as "no answer", not throw.
  const answer = answers.get(questionKeys[q]!);
  if (answer == null) {
    flags[q] = FLAG_ENABLED;
    return;
  }
  if (answer.notApplicable === true) {
    flags[q] = FLAG_ENABLED | FLAG_ANSWERED | FLAG_NOT_APPLICABLE;
    return;
  }
  const score = valueScore(
    compiled.optionScores[q] ?? null,
    compiled.numberWorst[q]!,
    compiled.numberBest[q]!,
    answer.value,
  );
  if (Number.isNaN(score)) {
    flags[q] = FLAG_ENABLED;
  } else {
    flags[q] = FLAG_ENABLED | FLAG_ANSWERED | FLAG_SCORED;
    scores[q] = score;
  }
}

export function resolveAnswers(compiled: CompiledFramework, answers: AnswerMap): Resolution {
  const n = compiled.questions.length;
  const resolution = { flags: new Uint8Array(n), scores: new Float64Array(n) };
  for (let q = 0; q < n; q++) resolveQuestion(compiled, answers, resolution, q);
  return resolution;
}

export function coverageOf(answered: number, enabled: number, scored: number): Coverage {
  return { answered, enabled, coverage: enabled === 0 ? 1 : answered / enabled, scored };
}

/** Counts of enabled, answered and scored questions over [from, to). */
export function countRange(flags: Uint8Array, from: number, to: number): Coverage {
  let enabled = 0;
  let answered = 0;
  let scored = 0;
  for (let q = from; q < to; q++) {
    const f = flags[q]!;
    if (f & FLAG_ENABLED) enabled++;
    if (f & FLAG_ANSWERED) answered++;
    if (f & FLAG_SCORED) scored++;
  }
  return coverageOf(answered, enabled, scored);
}

/**
 * Progress without scoring: overall and per-domain coverage. What a write answers with, so it
 * skips aggregation, sensitivity, lenses and gains.
 */
export function progressOf(
  compiled: CompiledFramework,
  answers: AnswerMap,
): { coverage: Coverage; domains: { key: string; coverage: Coverage }[] } {
  const { flags } = resolveAnswers(compiled, answers);
  const { domainStart, subdomainStart, domainKeys } = compiled;
  const domains = domainKeys.map((key, d) => ({
    key,
    coverage: countRange(flags, subdomainStart[domainStart[d]!]!, subdomainStart[domainStart[d + 1]!]!),
  }));
  // From 2.1.0 the 30 official 10.7.2 items follow the MiGOF questions: their progress as domain S1072.
  if (compiled.migofCount < flags.length)
    domains.push({ key: 'S1072', coverage: countRange(flags, compiled.migofCount, flags.length) });
  return { coverage: countRange(flags, 0, flags.length), domains };
}
