import { clampScore, domainScore } from './aggregate.ts';
import { bandPosition } from './bands.ts';
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
 * Methodology 3: the option-score part of the draws. Each scored MiGOF choice question whose score
 * lies strictly between 0 and 1 is shifted, in each draw, by one uniform amount in
 * [-spread, +spread] (clamped to [0, 1]); 0 and 1 stay, so the full and the absent situation keep
 * their meaning. Sub-domain sums are kept so a draw only adds the shifts.
 */
export interface OptionSpread {
  readonly spread: number;
  readonly questions: Int32Array;
  readonly scores: Float64Array;
  readonly weights: Float64Array;
  readonly subdomains: Int32Array;
  /** Per sub-domain: sum of weight x score and sum of weight over its scored questions. */
  readonly num: Float64Array;
  readonly den: Float64Array;
}

export function optionSpreadOf(compiled: CompiledFramework, resolution: Resolution): OptionSpread | null {
  const spread = compiled.framework.methodology.sensitivity?.optionScoreSpread ?? 0;
  if (!(spread > 0)) return null;
  const { flags, scores } = resolution;
  const ns = compiled.subdomainWeight.length;
  const num = new Float64Array(ns);
  const den = new Float64Array(ns);
  const varied: number[] = [];
  for (let q = 0; q < compiled.migofCount; q++) {
    if ((flags[q]! & FLAG_SCORED) === 0) continue;
    const sd = compiled.questionSubdomain[q]!;
    const w = compiled.questionWeight[q]!;
    num[sd] = num[sd]! + w * scores[q]!;
    den[sd] = den[sd]! + w;
    if (compiled.optionScores[q] !== null && scores[q]! > 0 && scores[q]! < 1) varied.push(q);
  }
  const questions = Int32Array.from(varied);
  return {
    spread,
    questions,
    scores: Float64Array.from(varied, (q) => scores[q]!),
    weights: Float64Array.from(varied, (q) => compiled.questionWeight[q]!),
    subdomains: Int32Array.from(varied, (q) => compiled.questionSubdomain[q]!),
    num,
    den,
  };
}

/**
 * One draw's domain scores with shifted option scores, written into `out`; `u` is the first
 * uniform to use. The hottest loop of a report (draws x varied questions): its arrays are read
 * into locals once, not through `model` on every question of every draw.
 */
function shiftedDomainScores(
  compiled: CompiledFramework,
  model: OptionSpread,
  uniforms: Float64Array,
  u: number,
  num: Float64Array,
  subdomainScores: Float64Array,
  out: Float64Array,
): void {
  num.set(model.num);
  const { scores, weights, subdomains, spread, den } = model;
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    const base = scores[i]!;
    const shifted = Math.max(0, Math.min(base + spread * (2 * uniforms[u + i]! - 1), 1));
    const sd = subdomains[i]!;
    num[sd] = num[sd]! + weights[i]! * (shifted - base);
  }
  for (let sd = 0; sd < num.length; sd++) {
    const d = den[sd]!;
    subdomainScores[sd] = d > 0 ? clampScore((100 * num[sd]!) / d) : Number.NaN;
  }
  for (let d = 0; d < out.length; d++) out[d] = domainScore(compiled, subdomainScores, d);
}

/**
 * Sensitivity to weighting (docs/methodology.md section 6): each draw multiplies every domain weight by an
 * independent factor in [0.5, 1.5) and picks arithmetic or geometric with equal odds, then
 * recomputes the composite from the point domain scores (methodology 3: from domain scores
 * recomputed with shifted option scores, see OptionSpread). The order of the uniforms (domains
 * in framework order, then the aggregation, then, in methodology 3, one per varied question in
 * framework order) is part of the method: changing it changes published numbers.
 */
export function simulate(
  compiled: CompiledFramework,
  pointDomainScores: Float64Array,
  pointComposite: number,
  seed: string,
  draws: number,
  model: OptionSpread | null = null,
): Uncertainty {
  const { domainWeight, bandMins } = compiled;
  const nd = domainWeight.length;
  const varied = model?.questions.length ?? 0;
  let domainScores = pointDomainScores;
  const logs = new Float64Array(nd);
  const setLogs = () => {
    for (let d = 0; d < nd; d++) logs[d] = Math.log(Math.max(domainScores[d]!, 1));
  };
  setLogs();
  const pointBand = bandPosition(bandMins, pointComposite);
  const low = bandMins[pointBand]!;
  const high = pointBand + 1 < bandMins.length ? bandMins[pointBand + 1]! : Number.POSITIVE_INFINITY;

  // All uniforms up front, in the documented order.
  const perDraw = nd + 1 + varied;
  const uniforms = new Float64Array(draws * perDraw);
  new SeededRandom(seed).fill(uniforms);
  const scratch = model && {
    num: new Float64Array(model.num.length),
    subdomains: new Float64Array(model.num.length),
    domains: new Float64Array(nd),
  };
  const sample = new Float64Array(draws);
  let sameBand = 0;
  for (let i = 0; i < draws; i++) {
    const u = i * perDraw;
    if (model && scratch && varied > 0) {
      shiftedDomainScores(
        compiled,
        model,
        uniforms,
        u + nd + 1,
        scratch.num,
        scratch.subdomains,
        scratch.domains,
      );
      domainScores = scratch.domains;
      // The logs serve the geometric draws only: about half, told by the aggregation uniform.
      if (uniforms[u + nd]! >= 0.5) setLogs();
    }
    const composite = weightedDraw(domainWeight, domainScores, logs, uniforms, u);
    sample[i] = composite;
    if (composite >= low && composite < high) sameBand++;
  }
  return summary(sample, sameBand);
}

/** One draw's composite: the domain weights scaled by uniforms[u..u+nd), the aggregation by uniforms[u+nd]. */
function weightedDraw(
  domainWeight: Float64Array,
  domainScores: Float64Array,
  logs: Float64Array,
  uniforms: Float64Array,
  u: number,
): number {
  let weightSum = 0;
  let weighted = 0;
  let weightedLog = 0;
  for (let d = 0; d < domainWeight.length; d++) {
    const w = domainWeight[d]! * (0.5 + uniforms[u + d]!);
    weightSum += w;
    weighted += w * domainScores[d]!;
    weightedLog += w * logs[d]!;
  }
  const aggregation = uniforms[u + domainWeight.length]!;
  return clampScore(aggregation < 0.5 ? weighted / weightSum : Math.exp(weightedLog / weightSum));
}

function summary(sample: Float64Array, sameBand: number): Uncertainty {
  const draws = sample.length;
  sample.sort();
  return {
    p5: percentileSorted(sample, 0.05),
    p50: percentileSorted(sample, 0.5),
    p95: percentileSorted(sample, 0.95),
    bandStability: sameBand / draws,
  };
}
