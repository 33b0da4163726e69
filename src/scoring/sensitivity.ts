import { bandPosition, clampScore } from './aggregate.ts';
import type { CompiledFramework } from './compile.ts';
import { SeededRandom } from './random.ts';
import { FLAG_SCORED, type Resolution } from './resolve.ts';
import { percentileSorted } from './statistics.ts';
import type { AnswerMap, Uncertainty } from './types.ts';

export const DEFAULT_DRAWS = 1000;

/**
 * The Monte Carlo seed (v2): the assessment id and the scored answers, in framework order. Not
 * the revision, so submitting, returning or validating (which change no answer) change no
 * figure; and not comments, evidence or answers that do not count, which change no score.
 */
export function sensitivitySeed(
  compiled: CompiledFramework,
  answers: AnswerMap,
  resolution: Resolution,
  assessmentId: string,
): string {
  const parts = [assessmentId];
  const { questionKeys } = compiled;
  for (let q = 0; q < questionKeys.length; q++) {
    if (resolution.flags[q]! & FLAG_SCORED)
      parts.push(`${questionKeys[q]}=${answers.get(questionKeys[q]!)?.value}`);
  }
  return parts.join('\n');
}

/**
 * Sensitivity to weighting (docs/methodology.md section 6): each draw multiplies every domain weight by an
 * independent factor in [0.5, 1.5) and picks arithmetic or geometric with equal odds, then
 * recomputes the composite from the point domain scores. The order of the uniforms (domains in
 * framework order, then the aggregation) is part of the method: changing it changes published
 * numbers.
 */
export function simulate(
  compiled: CompiledFramework,
  domainScores: Float64Array,
  pointComposite: number,
  seed: string,
  draws: number,
): Uncertainty {
  const { domainWeight, bandMins } = compiled;
  const nd = domainWeight.length;
  const logs = new Float64Array(nd);
  for (let d = 0; d < nd; d++) logs[d] = Math.log(Math.max(domainScores[d]!, 1));
  const pointBand = bandPosition(bandMins, pointComposite);
  const low = bandMins[pointBand]!;
  const high = pointBand + 1 < bandMins.length ? bandMins[pointBand + 1]! : Number.POSITIVE_INFINITY;

  // All uniforms up front, in the documented order: per draw, one per domain, then the aggregation.
  const uniforms = new Float64Array(draws * (nd + 1));
  new SeededRandom(seed).fill(uniforms);
  const sample = new Float64Array(draws);
  let sameBand = 0;
  let u = 0;
  for (let i = 0; i < draws; i++) {
    let weightSum = 0;
    let weighted = 0;
    let weightedLog = 0;
    for (let d = 0; d < nd; d++) {
      const w = domainWeight[d]! * (0.5 + uniforms[u++]!);
      weightSum += w;
      weighted += w * domainScores[d]!;
      weightedLog += w * logs[d]!;
    }
    const composite = clampScore(
      uniforms[u++]! < 0.5 ? weighted / weightSum : Math.exp(weightedLog / weightSum),
    );
    sample[i] = composite;
    if (composite >= low && composite < high) sameBand++;
  }
  sample.sort();
  return {
    p5: percentileSorted(sample, 0.05),
    p50: percentileSorted(sample, 0.5),
    p95: percentileSorted(sample, 0.95),
    bandStability: sameBand / draws,
  };
}
