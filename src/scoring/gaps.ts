import { type Aggregates, compositeScore, domainScore, subdomainScore } from './aggregate.ts';
import type { CompiledFramework } from './compile.ts';
import { FLAG_SCORED, type Resolution, resolveQuestion } from './resolve.ts';
import type { AnswerMap, Gap } from './types.ts';

/** Gains closer than this are the same gain computed along different float paths: a tie. */
const GAIN_TIE = 1e-9;

/**
 * Gaps (docs/methodology.md section 8): for every scored question with s < 1, the arithmetic composite
 * recomputed with that question at s = 1 (taking its best option's value, so the follow-ups that
 * value switches on count with their stored answers, and those it switches off stop counting),
 * minus the composite now. Exact, and cheap: only the question, its follow-ups, their
 * sub-domains and domains, and the composite are recomputed, on scratch copies.
 */
export function potentialGains(
  compiled: CompiledFramework,
  answers: AnswerMap,
  resolution: Resolution,
  arithmetic: Aggregates,
): Gap[] {
  const { flags, scores } = resolution;
  const { questionKeys, questionSubdomain, subdomainDomain, subdomainKeys, domainKeys, questionWeight } =
    compiled;
  const composite = arithmetic.composite;
  const known = !Number.isNaN(composite);
  const raise = raiser(compiled, answers, resolution, arithmetic);
  const gaps: Gap[] = [];
  // MiGOF questions only: a 10.7.2 item weighs in no composite, so it has no gain.
  for (let q = 0; q < compiled.migofCount; q++) {
    if ((flags[q]! & FLAG_SCORED) === 0 || !(scores[q]! < 1)) continue;
    const s = questionSubdomain[q]!;
    // NaN when raising q switches off the only scored follow-up of some domain: no composite then.
    const raised = known ? raise(q) : Number.NaN;
    gaps.push({
      question: questionKeys[q]!,
      domain: domainKeys[subdomainDomain[s]!]!,
      subdomain: subdomainKeys[s]!,
      score: scores[q]!,
      weight: questionWeight[q]!,
      potentialGain: !Number.isNaN(raised) ? raised - composite : null,
    });
  }
  if (known) {
    // A null gain (see above) sorts last. Array#sort is stable, and gaps were collected in
    // framework order, so ties keep that order.
    gaps.sort((a, b) => {
      const diff =
        (b.potentialGain ?? Number.NEGATIVE_INFINITY) - (a.potentialGain ?? Number.NEGATIVE_INFINITY);
      return Math.abs(diff) > GAIN_TIE ? diff : 0;
    });
  }
  return gaps;
}

/**
 * The arithmetic composite with question q raised to s = 1 and its best value, on scratch copies
 * of the resolution and the aggregates (allocated once, reused for every question).
 */
function raiser(
  compiled: CompiledFramework,
  answers: AnswerMap,
  resolution: Resolution,
  arithmetic: Aggregates,
) {
  const { questionSubdomain, subdomainDomain, descendantStart, descendants } = compiled;
  const scratch = {
    flags: new Uint8Array(resolution.flags.length),
    scores: new Float64Array(resolution.scores.length),
  };
  const subScores = new Float64Array(arithmetic.subdomainScores.length);
  const domScores = new Float64Array(arithmetic.domainScores.length);
  const touched: number[] = [];
  return (q: number): number => {
    scratch.flags.set(resolution.flags);
    scratch.scores.set(resolution.scores);
    scratch.scores[q] = 1;
    touched.length = 0;
    touched.push(questionSubdomain[q]!);
    const override = { index: q, value: compiled.bestValue[q] };
    for (let k = descendantStart[q]!; k < descendantStart[q + 1]!; k++) {
      const c = descendants[k]!;
      resolveQuestion(compiled, answers, scratch, c, override);
      if (!touched.includes(questionSubdomain[c]!)) touched.push(questionSubdomain[c]!);
    }
    subScores.set(arithmetic.subdomainScores);
    domScores.set(arithmetic.domainScores);
    for (const sub of touched) subScores[sub] = subdomainScore(compiled, scratch, sub);
    for (const sub of touched)
      domScores[subdomainDomain[sub]!] = domainScore(compiled, subScores, subdomainDomain[sub]!);
    return compositeScore(compiled.domainWeight, domScores, 'arithmetic');
  };
}
