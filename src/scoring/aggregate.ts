import { bandPosition } from './bands.ts';
import type { CompiledFramework } from './compile.ts';
import { FLAG_SCORED, type Resolution } from './resolve.ts';
import { roundScore } from './rounding.ts';
import type { Aggregation } from './types.ts';

/**
 * Aggregation (docs/methodology.md sections 3 and 5): question scores into sub-domain, domain and composite scores
 * with one weighted mean, and scores into bands. NaN stands for "no score" inside the engine.
 */

/** The weighted mean of the non-NaN values[i] over [from, to); NaN when there is none. */
export function weightedMean(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  from: number,
  to: number,
): number {
  let num = 0;
  let den = 0;
  for (let i = from; i < to; i++) {
    const value = values[i]!;
    if (!Number.isNaN(value)) {
      num += weights[i]! * value;
      den += weights[i]!;
    }
  }
  return den > 0 ? num / den : Number.NaN;
}

// Weighted means of values in [0, 100] can land an ulp outside it; clamping keeps the documented range.
export const clampScore = (x: number): number => Math.max(0, Math.min(x, 100));

/** Sub-domain s on 0-100 over its scored questions (`scores` is NaN for the others). */
export function subdomainScore(compiled: CompiledFramework, resolution: Resolution, s: number): number {
  const { subdomainStart, questionWeight } = compiled;
  const mean = weightedMean(resolution.scores, questionWeight, subdomainStart[s]!, subdomainStart[s + 1]!);
  return !Number.isNaN(mean) ? clampScore(100 * mean) : Number.NaN;
}

export function domainScore(compiled: CompiledFramework, subdomainScores: Float64Array, d: number): number {
  const mean = weightedMean(
    subdomainScores,
    compiled.subdomainWeight,
    compiled.domainStart[d]!,
    compiled.domainStart[d + 1]!,
  );
  return !Number.isNaN(mean) ? clampScore(mean) : Number.NaN;
}

/** The composite: NaN when any domain has no score. Geometric floors each domain at 1. */
export function compositeScore(
  domainWeight: Float64Array,
  domainScores: Float64Array,
  aggregation: Aggregation,
): number {
  let weightSum = 0;
  let weighted = 0;
  let weightedLog = 0;
  for (let d = 0; d < domainScores.length; d++) {
    const score = domainScores[d]!;
    if (Number.isNaN(score)) return Number.NaN;
    const w = domainWeight[d]!;
    weightSum += w;
    if (aggregation === 'arithmetic') weighted += w * score;
    else weightedLog += w * Math.log(Math.max(score, 1));
  }
  return clampScore(aggregation === 'arithmetic' ? weighted / weightSum : Math.exp(weightedLog / weightSum));
}

export interface Aggregates {
  readonly subdomainScores: Float64Array;
  readonly domainScores: Float64Array;
  readonly composite: number;
}

export function aggregate(
  compiled: CompiledFramework,
  resolution: Resolution,
  aggregation: Aggregation,
): Aggregates {
  const ns = compiled.subdomainWeight.length;
  const nd = compiled.domainWeight.length;
  const subdomainScores = new Float64Array(ns);
  for (let s = 0; s < ns; s++) subdomainScores[s] = subdomainScore(compiled, resolution, s);
  const domainScores = new Float64Array(nd);
  for (let d = 0; d < nd; d++) domainScores[d] = domainScore(compiled, subdomainScores, d);
  return {
    subdomainScores,
    domainScores,
    composite: compositeScore(compiled.domainWeight, domainScores, aggregation),
  };
}

/** The band of a score as displayed (2 decimals): a displayed 40 is never banded below 40. */
export function bandKey(compiled: CompiledFramework, score: number): string | null {
  const b = bandPosition(compiled.bandMins, roundScore(score));
  return b < 0 ? null : compiled.bandKeys[b]!;
}

/** docs/methodology.md section 5: the domains whose band is two or more bands below the composite's. */
export function imbalance(compiled: CompiledFramework, aggregates: Aggregates): string[] {
  const composite = bandPosition(compiled.bandMins, roundScore(aggregates.composite));
  if (composite < 2) return [];
  return compiled.domainKeys.filter(
    (_, d) => composite - bandPosition(compiled.bandMins, roundScore(aggregates.domainScores[d]!)) >= 2,
  );
}

/** Whether question q counts (enabled, answered, not `not applicable`). */
export const isScored = (resolution: Resolution, q: number): boolean =>
  (resolution.flags[q]! & FLAG_SCORED) !== 0;
