import type { Band, Framework, Question } from '../framework/framework.schema.ts';
import { HMGI_FEATURES } from '../framework/framework.schema.ts';
import { SeededRandom } from './random.ts';
import { percentileSorted } from './statistics.ts';

/**
 * The scoring engine (DESIGN section 3, methodology version 1; written up in docs/methodology.md).
 * Pure: it takes a compiled framework and answers and returns numbers, with no I/O, no clock and
 * no global randomness, so a report can always be recomputed bit for bit.
 *
 * Scores are never rounded here; `roundScore` is for the output layer only.
 */

export type Aggregation = 'arithmetic' | 'geometric';
export interface AnswerInput {
  value?: string | number | null;
  notApplicable?: boolean;
}
/** Keyed by question key. */
export type AnswerMap = ReadonlyMap<string, AnswerInput>;

/** `coverage` = answered / enabled, and 1 when nothing is enabled. */
export interface Coverage {
  answered: number;
  enabled: number;
  coverage: number;
}
/** Percentiles of the composite over the Monte Carlo draws; `bandStability` in [0, 1]. */
export interface Uncertainty {
  p5: number;
  p50: number;
  p95: number;
  bandStability: number;
}

export interface QuestionResult {
  key: string;
  domain: string;
  subdomain: string;
  weight: number;
  enabled: boolean;
  /** Enabled and answered with a valid value or `not applicable`. */
  answered: boolean;
  notApplicable: boolean;
  scored: boolean;
  /** In [0, 1] when scored, otherwise null. */
  score: number | null;
}
export interface SubdomainResult {
  key: string;
  title: string;
  weight: number;
  score: number | null;
  band: string | null;
  coverage: Coverage;
}
export interface DomainResult {
  key: string;
  kind: 'principle' | 'objective';
  title: string;
  weight: number;
  score: number | null;
  band: string | null;
  coverage: Coverage;
  subdomains: SubdomainResult[];
}
/** `questions` counts the scored questions carrying the tag. */
export interface LensResult {
  key: string;
  score: number | null;
  questions: number;
}
/** `score` is the question score in [0, 1]; `potentialGain` is in composite points (0 to 100). */
export interface Gap {
  question: string;
  domain: string;
  subdomain: string;
  score: number;
  weight: number;
  potentialGain: number | null;
}
export interface ScoreResult {
  aggregation: Aggregation;
  composite: {
    score: number | null;
    band: string | null;
    provisional: boolean;
    uncertainty: Uncertainty | null;
  };
  coverage: Coverage;
  domains: DomainResult[];
  /** In framework order. */
  questions: QuestionResult[];
  /** hmgi: the five features in HMGI_FEATURES order; sdgTargets: every target the framework uses, in natural order. */
  lenses: { hmgi: LensResult[]; sdgTargets: LensResult[] };
  /** Largest potential gain first; ties (and all gaps when the composite is null) in framework order. */
  gaps: Gap[];
}
export interface Comparison {
  compositeDelta: number | null;
  domains: { key: string; delta: number | null }[];
  changedQuestions: string[];
  commonQuestionsOnly: boolean;
}

/**
 * A framework flattened into index arrays, so that scoring an assessment is a few linear passes over
 * typed arrays with no lookups by key and no searching of option lists. Built once per framework
 * version and cached by the caller. Its fields are the engine's business: callers treat it as opaque.
 */
export interface CompiledFramework {
  readonly framework: Framework;
  readonly key: string;
  readonly version: string;
  readonly questions: readonly Question[];
  readonly questionKeys: readonly string[];
  readonly questionIndex: ReadonlyMap<string, number>;
  readonly questionWeight: Float64Array;
  /** Choice questions: option value -> score; null for number questions. */
  readonly optionScores: readonly (ReadonlyMap<string, number> | null)[];
  readonly numberWorst: Float64Array;
  readonly numberBest: Float64Array;
  /** Index of the enableWhen target (always an earlier question), or -1. */
  readonly enableParent: Int32Array;
  readonly enableValues: readonly (ReadonlySet<string> | null)[];
  readonly questionSubdomain: Int32Array;
  /** Sub-domain s owns questions [subdomainStart[s], subdomainStart[s + 1]). */
  readonly subdomainStart: Int32Array;
  readonly subdomainWeight: Float64Array;
  readonly subdomainDomain: Int32Array;
  readonly subdomainKeys: readonly string[];
  /** Domain d owns sub-domains [domainStart[d], domainStart[d + 1]). */
  readonly domainStart: Int32Array;
  readonly domainWeight: Float64Array;
  readonly domainWeightSum: number;
  readonly bandMins: Float64Array;
  readonly bandKeys: readonly string[];
  readonly questionHmgi: Uint8Array;
  readonly sdgTargets: readonly string[];
  /** Question q carries the SDG targets sdgOfQuestion[sdgStart[q] .. sdgStart[q + 1]) (indices into sdgTargets). */
  readonly sdgStart: Int32Array;
  readonly sdgOfQuestion: Int32Array;
}

const DEFAULT_DRAWS = 1000;
/** Gains closer than this are the same gain computed along different float paths: a tie. */
const GAIN_TIE = 1e-9;

const FLAG_ENABLED = 1;
const FLAG_ANSWERED = 2;
const FLAG_NOT_APPLICABLE = 4;
const FLAG_SCORED = 8;

/** Output rounding: 2 decimals. Only the presentation layer calls this. */
export function roundScore(x: number): number {
  if (!Number.isFinite(x)) return x;
  // Half away from zero on the decimal a reader sees: 1.005 is stored as 1.00499999..., and the
  // relative nudge of one epsilon lifts it back over the half; negative deltas round like positive ones.
  const rounded = Math.round(Math.abs(x) * 100 * (1 + Number.EPSILON)) / 100;
  return rounded === 0 ? 0 : x < 0 ? -rounded : rounded;
}

/** The last band whose `min` is at or below the score; null for a null (or NaN) score. */
export function bandFor(bands: readonly Band[], score: number | null): string | null {
  if (score === null || Number.isNaN(score)) return null;
  let found: string | null = null;
  for (const band of bands) {
    if (band.min <= score) found = band.key;
  }
  return found;
}

/**
 * The score in [0, 1] of one answer, or null when it is not scored: no answer, `not applicable`,
 * an unknown option, or a number that is not a finite number. Never throws on an answer.
 */
export function questionScore(question: Question, answer: AnswerInput | undefined): number | null {
  // `== null`: answers come from storage, and a stray null must read as "no answer", not throw.
  if (answer == null || answer.notApplicable === true) return null;
  const value = answer.value;
  if (question.type === 'number') {
    const spec = question.number;
    if (spec === undefined || spec.best === spec.worst) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    return clamp01((value - spec.worst) / (spec.best - spec.worst));
  }
  if (typeof value !== 'string') return null;
  const option = question.options?.find((o) => o.value === value);
  return option === undefined ? null : option.score;
}

// Math.max(0, -0) is +0: a lower-is-better question answered at its worst gives -0 before clamping.
function clamp01(x: number): number {
  return Math.max(0, Math.min(x, 1));
}

// Weighted means of values in [0, 100] can land an ulp outside it; clamping keeps the documented range.
function clampScore(x: number): number {
  return Math.max(0, Math.min(x, 100));
}

/** 3.c < 4.b < 5.2 < 10.7 < 10.c < 17.18: goal numerically, then numeric targets before lettered ones. */
function compareSdgTargets(a: string, b: string): number {
  const [goalA = '', targetA = ''] = a.split('.');
  const [goalB = '', targetB = ''] = b.split('.');
  const goalDiff = Number(goalA) - Number(goalB);
  if (goalDiff !== 0 && !Number.isNaN(goalDiff)) return goalDiff;
  const numA = /^\d+$/.test(targetA);
  const numB = /^\d+$/.test(targetB);
  if (numA && numB) return Number(targetA) - Number(targetB);
  if (numA !== numB) return numA ? -1 : 1;
  return targetA < targetB ? -1 : targetA > targetB ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function fail(message: string): never {
  throw new Error(`cannot compile framework: ${message}`);
}

function checkWeight(weight: number, what: string): void {
  if (!(Number.isFinite(weight) && weight > 0))
    fail(`${what} has weight ${weight}; weights must be finite and > 0`);
}

/**
 * Flattens and checks a framework. The loader validates definitions first; the checks here guard the
 * invariants the arithmetic relies on (positive weights, a usable band table, enableWhen pointing
 * backwards at a choice question, number questions with best != worst), and name the offending key.
 */
export function compileFramework(framework: Framework): CompiledFramework {
  const bands = framework.methodology.bands;
  if (bands.length === 0) fail('methodology.bands is empty');
  if (bands[0]!.min !== 0) fail(`band ${bands[0]!.key} must start at 0`);
  for (let i = 1; i < bands.length; i++) {
    if (!(bands[i]!.min > bands[i - 1]!.min))
      fail(`band ${bands[i]!.key} must start above ${bands[i - 1]!.key}`);
  }
  if (framework.domains.length === 0) fail('the framework has no domains');

  const questions: Question[] = [];
  const questionSubdomainList: number[] = [];
  const subdomainStartList: number[] = [];
  const subdomainWeightList: number[] = [];
  const subdomainDomainList: number[] = [];
  const subdomainKeys: string[] = [];
  const domainStartList: number[] = [];
  const domainKeys = new Set<string>();
  const subdomainKeySet = new Set<string>();

  framework.domains.forEach((domain, d) => {
    if (domainKeys.has(domain.key)) fail(`duplicate domain key ${domain.key}`);
    domainKeys.add(domain.key);
    checkWeight(domain.weight, `domain ${domain.key}`);
    if (domain.subdomains.length === 0) fail(`domain ${domain.key} has no sub-domains`);
    domainStartList.push(subdomainKeys.length);
    for (const subdomain of domain.subdomains) {
      if (subdomainKeySet.has(subdomain.key)) fail(`duplicate sub-domain key ${subdomain.key}`);
      subdomainKeySet.add(subdomain.key);
      checkWeight(subdomain.weight, `sub-domain ${subdomain.key}`);
      if (subdomain.questions.length === 0) fail(`sub-domain ${subdomain.key} has no questions`);
      const s = subdomainKeys.length;
      subdomainKeys.push(subdomain.key);
      subdomainWeightList.push(subdomain.weight);
      subdomainDomainList.push(d);
      subdomainStartList.push(questions.length);
      for (const question of subdomain.questions) {
        questions.push(question);
        questionSubdomainList.push(s);
      }
    }
  });
  domainStartList.push(subdomainKeys.length);
  subdomainStartList.push(questions.length);

  const n = questions.length;
  const questionIndex = new Map<string, number>();
  const questionWeight = new Float64Array(n);
  const optionScores: (Map<string, number> | null)[] = [];
  const numberWorst = new Float64Array(n);
  const numberBest = new Float64Array(n);
  const enableParent = new Int32Array(n).fill(-1);
  const enableValues: (Set<string> | null)[] = [];
  const questionHmgi = new Uint8Array(n);
  const sdgSet = new Set<string>();

  questions.forEach((question, q) => {
    if (questionIndex.has(question.key)) fail(`duplicate question key ${question.key}`);
    questionIndex.set(question.key, q);
    checkWeight(question.weight, `question ${question.key}`);
    questionWeight[q] = question.weight;
    if (question.type === 'number') {
      const spec = question.number;
      if (spec === undefined) fail(`number question ${question.key} has no number spec`);
      if (!Number.isFinite(spec.worst) || !Number.isFinite(spec.best) || spec.worst === spec.best) {
        fail(`number question ${question.key} needs finite worst and best that differ`);
      }
      numberWorst[q] = spec.worst;
      numberBest[q] = spec.best;
      optionScores.push(null);
    } else {
      const options = question.options ?? [];
      if (options.length === 0) fail(`choice question ${question.key} has no options`);
      const scores = new Map<string, number>();
      for (const option of options) {
        if (scores.has(option.value)) fail(`question ${question.key} repeats option ${option.value}`);
        if (!(option.score >= 0 && option.score <= 1)) {
          fail(`question ${question.key} option ${option.value} has a score outside [0, 1]`);
        }
        scores.set(option.value, option.score);
      }
      optionScores.push(scores);
    }
    const condition = question.enableWhen;
    if (condition === undefined) {
      enableValues.push(null);
    } else {
      const parent = questionIndex.get(condition.question);
      if (parent === undefined || parent === q) {
        fail(
          `question ${question.key} enableWhen refers to ${condition.question}, which is not an earlier question`,
        );
      }
      const parentOptions = optionScores[parent];
      for (const value of condition.in) {
        if (!parentOptions?.has(value)) {
          fail(
            `question ${question.key} enableWhen expects ${condition.question} = ${value}, which is not one of its options`,
          );
        }
      }
      enableParent[q] = parent;
      enableValues.push(new Set(condition.in));
    }
    const hmgi = HMGI_FEATURES.indexOf(question.hmgi);
    if (hmgi < 0) fail(`question ${question.key} has an unknown hmgi feature ${question.hmgi}`);
    questionHmgi[q] = hmgi;
    for (const target of question.sdgTargets) sdgSet.add(target);
  });

  const sdgTargets = [...sdgSet].sort(compareSdgTargets);
  const sdgPosition = new Map(sdgTargets.map((target, i) => [target, i]));
  const sdgStart = new Int32Array(n + 1);
  const sdgList: number[] = [];
  questions.forEach((question, q) => {
    sdgStart[q] = sdgList.length;
    // A target listed twice on one question must not count that question twice.
    for (const target of new Set(question.sdgTargets)) sdgList.push(sdgPosition.get(target)!);
  });
  sdgStart[n] = sdgList.length;

  const domainWeight = Float64Array.from(framework.domains, (domain) => domain.weight);
  let domainWeightSum = 0;
  for (const w of domainWeight) domainWeightSum += w;

  return {
    framework,
    key: framework.key,
    version: framework.version,
    questions,
    questionKeys: questions.map((question) => question.key),
    questionIndex,
    questionWeight,
    optionScores,
    numberWorst,
    numberBest,
    enableParent,
    enableValues,
    questionSubdomain: Int32Array.from(questionSubdomainList),
    subdomainStart: Int32Array.from(subdomainStartList),
    subdomainWeight: Float64Array.from(subdomainWeightList),
    subdomainDomain: Int32Array.from(subdomainDomainList),
    subdomainKeys,
    domainStart: Int32Array.from(domainStartList),
    domainWeight,
    domainWeightSum,
    bandMins: Float64Array.from(bands, (band) => band.min),
    bandKeys: bands.map((band) => band.key),
    questionHmgi,
    sdgTargets,
    sdgStart,
    sdgOfQuestion: Int32Array.from(sdgList),
  };
}

/**
 * Works out, for every question, whether it is enabled, answered, not applicable and scored, and its
 * score (NaN when not scored). A question is enabled only when its enableWhen target is itself
 * enabled and answered with one of the listed values, so a chain of conditions switches off together
 * and an answer kept for a disabled question never counts.
 */
function resolveAnswers(
  compiled: CompiledFramework,
  answers: AnswerMap,
  flags: Uint8Array,
  scores: Float64Array,
): void {
  const { questionKeys, optionScores, enableParent, enableValues, numberWorst, numberBest } = compiled;
  const n = questionKeys.length;
  for (let q = 0; q < n; q++) {
    scores[q] = Number.NaN;
    const parent = enableParent[q]!;
    if (parent >= 0) {
      // The target is a choice question (checked at compile time), so being scored means a valid option.
      if ((flags[parent]! & FLAG_SCORED) === 0) {
        flags[q] = 0;
        continue;
      }
      const parentValue = answers.get(questionKeys[parent]!)?.value;
      if (typeof parentValue !== 'string' || !enableValues[q]!.has(parentValue)) {
        flags[q] = 0;
        continue;
      }
    }
    const answer = answers.get(questionKeys[q]!);
    if (answer == null) {
      flags[q] = FLAG_ENABLED;
      continue;
    }
    if (answer.notApplicable === true) {
      flags[q] = FLAG_ENABLED | FLAG_ANSWERED | FLAG_NOT_APPLICABLE;
      continue;
    }
    const value = answer.value;
    let score = Number.NaN;
    const options = optionScores[q] ?? null;
    if (options === null) {
      if (typeof value === 'number' && Number.isFinite(value)) {
        score = clamp01((value - numberWorst[q]!) / (numberBest[q]! - numberWorst[q]!));
      }
    } else if (typeof value === 'string') {
      score = options.get(value) ?? Number.NaN;
    }
    if (Number.isNaN(score)) {
      flags[q] = FLAG_ENABLED;
    } else {
      flags[q] = FLAG_ENABLED | FLAG_ANSWERED | FLAG_SCORED;
      scores[q] = score;
    }
  }
}

function coverageOf(answered: number, enabled: number): Coverage {
  return { answered, enabled, coverage: enabled === 0 ? 1 : answered / enabled };
}

/** Index of the band a score falls in (the band table is strictly ascending from 0). */
function bandIndex(mins: Float64Array, score: number): number {
  for (let b = mins.length - 1; b > 0; b--) {
    if (mins[b]! <= score) return b;
  }
  return 0;
}

function bandKey(compiled: CompiledFramework, score: number): string | null {
  return Number.isNaN(score) ? null : compiled.bandKeys[bandIndex(compiled.bandMins, score)]!;
}

function nullable(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}

/**
 * Monte Carlo on the aggregation step: each draw perturbs every domain weight by an independent
 * factor in [0.5, 1.5) and picks arithmetic or geometric with equal odds, then recomputes the
 * composite from the point domain scores. The order of the uniforms (domains in framework order,
 * then the aggregation) is part of the method: changing it changes published numbers.
 */
function simulate(
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
  const pointBand = bandIndex(bandMins, pointComposite);
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

/** Scores one assessment against a compiled framework. Never throws on answers; throws on bad options. */
export function scoreAssessment(
  compiled: CompiledFramework,
  answers: AnswerMap,
  options: { aggregation?: Aggregation; seed: string; draws?: number },
): ScoreResult {
  const aggregation = options.aggregation ?? 'arithmetic';
  if (aggregation !== 'arithmetic' && aggregation !== 'geometric') {
    throw new RangeError(`unknown aggregation ${String(aggregation)}`);
  }
  const draws = options.draws ?? DEFAULT_DRAWS;
  if (!Number.isInteger(draws) || draws < 1)
    throw new RangeError(`draws must be a positive integer, got ${draws}`);

  const { framework, questions, questionWeight, subdomainStart, subdomainWeight, domainStart, domainWeight } =
    compiled;
  const nq = questions.length;
  const ns = subdomainWeight.length;
  const nd = domainWeight.length;

  const flags = new Uint8Array(nq);
  const scores = new Float64Array(nq);
  resolveAnswers(compiled, answers, flags, scores);

  // Sub-domains: keep the weighted sums, gaps need the denominators.
  const subdomainScore = new Float64Array(ns);
  const subdomainDen = new Float64Array(ns);
  const subdomainEnabled = new Int32Array(ns);
  const subdomainAnswered = new Int32Array(ns);
  for (let s = 0; s < ns; s++) {
    let num = 0;
    let den = 0;
    let enabled = 0;
    let answered = 0;
    for (let q = subdomainStart[s]!; q < subdomainStart[s + 1]!; q++) {
      const f = flags[q]!;
      if (f & FLAG_ENABLED) enabled++;
      if (f & FLAG_ANSWERED) answered++;
      if (f & FLAG_SCORED) {
        num += questionWeight[q]! * scores[q]!;
        den += questionWeight[q]!;
      }
    }
    subdomainScore[s] = den > 0 ? clampScore((100 * num) / den) : Number.NaN;
    subdomainDen[s] = den;
    subdomainEnabled[s] = enabled;
    subdomainAnswered[s] = answered;
  }

  const domainScore = new Float64Array(nd);
  const domainDen = new Float64Array(nd);
  let anyDomainNull = false;
  for (let d = 0; d < nd; d++) {
    let num = 0;
    let den = 0;
    for (let s = domainStart[d]!; s < domainStart[d + 1]!; s++) {
      const score = subdomainScore[s]!;
      if (!Number.isNaN(score)) {
        num += subdomainWeight[s]! * score;
        den += subdomainWeight[s]!;
      }
    }
    domainScore[d] = den > 0 ? clampScore(num / den) : Number.NaN;
    domainDen[d] = den;
    if (den === 0) anyDomainNull = true;
  }

  let composite = Number.NaN;
  if (!anyDomainNull) {
    let weighted = 0;
    let weightedLog = 0;
    for (let d = 0; d < nd; d++) {
      weighted += domainWeight[d]! * domainScore[d]!;
      weightedLog += domainWeight[d]! * Math.log(Math.max(domainScore[d]!, 1));
    }
    composite = clampScore(
      aggregation === 'arithmetic'
        ? weighted / compiled.domainWeightSum
        : Math.exp(weightedLog / compiled.domainWeightSum),
    );
  }

  let answeredTotal = 0;
  let enabledTotal = 0;
  for (let s = 0; s < ns; s++) {
    answeredTotal += subdomainAnswered[s]!;
    enabledTotal += subdomainEnabled[s]!;
  }
  const coverage = coverageOf(answeredTotal, enabledTotal);

  const uncertainty = anyDomainNull ? null : simulate(compiled, domainScore, composite, options.seed, draws);

  const questionResults: QuestionResult[] = new Array(nq);
  const gaps: Gap[] = [];
  const hmgiNum = new Float64Array(HMGI_FEATURES.length);
  const hmgiDen = new Float64Array(HMGI_FEATURES.length);
  const hmgiCount = new Int32Array(HMGI_FEATURES.length);
  const nt = compiled.sdgTargets.length;
  const sdgNum = new Float64Array(nt);
  const sdgDen = new Float64Array(nt);
  const sdgCount = new Int32Array(nt);
  const { questionSubdomain, subdomainDomain, sdgStart, sdgOfQuestion, questionHmgi, subdomainKeys } =
    compiled;
  const domainKeys = framework.domains.map((domain) => domain.key);

  for (let q = 0; q < nq; q++) {
    const question = questions[q]!;
    const f = flags[q]!;
    const s = questionSubdomain[q]!;
    const d = subdomainDomain[s]!;
    const scored = (f & FLAG_SCORED) !== 0;
    const score = scores[q]!;
    const w = questionWeight[q]!;
    questionResults[q] = {
      key: question.key,
      domain: domainKeys[d]!,
      subdomain: subdomainKeys[s]!,
      weight: w,
      enabled: (f & FLAG_ENABLED) !== 0,
      answered: (f & FLAG_ANSWERED) !== 0,
      notApplicable: (f & FLAG_NOT_APPLICABLE) !== 0,
      scored,
      score: scored ? score : null,
    };
    if (!scored) continue;

    const h = questionHmgi[q]!;
    hmgiNum[h] = hmgiNum[h]! + w * score;
    hmgiDen[h] = hmgiDen[h]! + w;
    hmgiCount[h] = hmgiCount[h]! + 1;
    for (let k = sdgStart[q]!; k < sdgStart[q + 1]!; k++) {
      const t = sdgOfQuestion[k]!;
      sdgNum[t] = sdgNum[t]! + w * score;
      sdgDen[t] = sdgDen[t]! + w;
      sdgCount[t] = sdgCount[t]! + 1;
    }

    if (score < 1) {
      // Raising this one answer to s = 1 moves only its sub-domain, its domain and the arithmetic
      // composite; the chain of weighted means collapses to this product of shares, which is the exact
      // difference and, unlike subtracting two composites, never loses the small gains to cancellation.
      // Each share is a ratio of a part to its whole, so at most 1; scaling by 100 last keeps the
      // product within [0, 100] in floating point too.
      const gain = anyDomainNull
        ? null
        : ((w * (1 - score)) / subdomainDen[s]!) *
          (subdomainWeight[s]! / domainDen[d]!) *
          (domainWeight[d]! / compiled.domainWeightSum) *
          100;
      gaps.push({
        question: question.key,
        domain: domainKeys[d]!,
        subdomain: subdomainKeys[s]!,
        score,
        weight: w,
        potentialGain: gain,
      });
    }
  }
  if (!anyDomainNull) {
    // Array#sort is stable, and gaps were collected in framework order, so ties keep that order.
    gaps.sort((a, b) => {
      const diff = (b.potentialGain as number) - (a.potentialGain as number);
      return Math.abs(diff) > GAIN_TIE ? diff : 0;
    });
  }

  const domains: DomainResult[] = framework.domains.map((domain, d) => {
    let enabled = 0;
    let answered = 0;
    const subdomains: SubdomainResult[] = [];
    for (let s = domainStart[d]!; s < domainStart[d + 1]!; s++) {
      const source = domain.subdomains[s - domainStart[d]!]!;
      enabled += subdomainEnabled[s]!;
      answered += subdomainAnswered[s]!;
      subdomains.push({
        key: source.key,
        title: source.title,
        weight: source.weight,
        score: nullable(subdomainScore[s]!),
        band: bandKey(compiled, subdomainScore[s]!),
        coverage: coverageOf(subdomainAnswered[s]!, subdomainEnabled[s]!),
      });
    }
    return {
      key: domain.key,
      kind: domain.kind,
      title: domain.title,
      weight: domain.weight,
      score: nullable(domainScore[d]!),
      band: bandKey(compiled, domainScore[d]!),
      coverage: coverageOf(answered, enabled),
      subdomains,
    };
  });

  const lens = (key: string, num: number, den: number, count: number): LensResult => ({
    key,
    score: den > 0 ? clampScore((100 * num) / den) : null,
    questions: count,
  });

  return {
    aggregation,
    composite: {
      score: nullable(composite),
      band: bandKey(compiled, composite),
      provisional: coverage.coverage < 1,
      uncertainty,
    },
    coverage,
    domains,
    questions: questionResults,
    lenses: {
      hmgi: HMGI_FEATURES.map((feature, h) => lens(feature, hmgiNum[h]!, hmgiDen[h]!, hmgiCount[h]!)),
      sdgTargets: compiled.sdgTargets.map((target, t) => lens(target, sdgNum[t]!, sdgDen[t]!, sdgCount[t]!)),
    },
    gaps,
  };
}

/** What a stored answer says, for change detection: absent, not applicable, or its raw value. */
const ABSENT = Symbol('absent');
const NOT_APPLICABLE = Symbol('not applicable');
function answerToken(answer: AnswerInput | undefined): string | number | symbol {
  if (answer == null) return ABSENT;
  if (answer.notApplicable === true) return NOT_APPLICABLE;
  return answer.value ?? ABSENT;
}

/**
 * Compares an assessment with an earlier one. Answers to disabled questions are treated as absent on
 * both sides, as everywhere else in the method. When the frameworks differ (key or version), only the
 * question keys present in both are compared, and the comparison says so.
 */
export function compareResults(
  current: { compiled: CompiledFramework; result: ScoreResult; answers: AnswerMap },
  previous: { compiled: CompiledFramework; result: ScoreResult; answers: AnswerMap },
): Comparison {
  const delta = (a: number | null, b: number | null | undefined): number | null =>
    a === null || b === null || b === undefined ? null : a - b;

  const previousDomains = new Map(previous.result.domains.map((domain) => [domain.key, domain.score]));
  const currentFlags = new Uint8Array(current.compiled.questions.length);
  resolveAnswers(current.compiled, current.answers, currentFlags, new Float64Array(currentFlags.length));
  const previousFlags = new Uint8Array(previous.compiled.questions.length);
  resolveAnswers(previous.compiled, previous.answers, previousFlags, new Float64Array(previousFlags.length));

  const changedQuestions: string[] = [];
  current.compiled.questionKeys.forEach((key, q) => {
    const p = previous.compiled.questionIndex.get(key);
    if (p === undefined) return;
    const now = currentFlags[q]! & FLAG_ENABLED ? current.answers.get(key) : undefined;
    const before = previousFlags[p]! & FLAG_ENABLED ? previous.answers.get(key) : undefined;
    if (!Object.is(answerToken(now), answerToken(before))) changedQuestions.push(key);
  });

  return {
    compositeDelta: delta(current.result.composite.score, previous.result.composite.score),
    domains: current.result.domains.map((domain) => ({
      key: domain.key,
      delta: delta(domain.score, previousDomains.get(domain.key)),
    })),
    changedQuestions,
    commonQuestionsOnly:
      current.compiled.key !== previous.compiled.key ||
      current.compiled.version !== previous.compiled.version,
  };
}
