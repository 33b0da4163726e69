import type {
  AnswerableQuestion,
  Framework,
  Question,
  Sdg1072Mapping,
} from '../framework/framework.schema.ts';
import { HMGI_FEATURES, instrumentQuestions } from '../framework/framework.schema.ts';
import { checkAscendingFromZero, fail } from './checks.ts';
import { type CompiledInstrument, compileInstrument } from './sdg1072.official.ts';
import { type CompiledSdg1072, compileSdg1072 } from './sdg1072.ts';

/**
 * A framework flattened into index arrays, so that scoring an assessment is a few linear passes
 * over typed arrays with no lookups by key and no searching of option lists. Built once per
 * framework version and cached by the caller. Its fields are the engine's business: callers
 * treat it as opaque.
 */
export interface CompiledFramework {
  readonly framework: Framework;
  readonly key: string;
  readonly version: string;
  /** The MiGOF questions in framework order, then (from 2.1.0) the 30 official 10.7.2 items. */
  readonly questions: readonly AnswerableQuestion[];
  /** Questions [0, migofCount) are MiGOF's and make the scores; the rest are 10.7.2 items. */
  readonly migofCount: number;
  readonly questionKeys: readonly string[];
  readonly questionIndex: ReadonlyMap<string, number>;
  readonly questionWeight: Float64Array;
  /** Choice questions: option value -> score; null for number questions. */
  readonly optionScores: readonly (ReadonlyMap<string, number> | null)[];
  /** The value a question takes at its best (the highest-scoring option; null for numbers). */
  readonly bestValue: readonly (string | null)[];
  readonly numberWorst: Float64Array;
  readonly numberBest: Float64Array;
  /** Index of the enableWhen target (always an earlier question), or -1. */
  readonly enableParent: Int32Array;
  readonly enableValues: readonly (ReadonlySet<string> | null)[];
  /** Question q's transitive follow-ups are descendants[descendantStart[q] .. descendantStart[q + 1]), in order. */
  readonly descendantStart: Int32Array;
  readonly descendants: Int32Array;
  readonly questionSubdomain: Int32Array;
  /** Sub-domain s owns questions [subdomainStart[s], subdomainStart[s + 1]). */
  readonly subdomainStart: Int32Array;
  readonly subdomainWeight: Float64Array;
  readonly subdomainDomain: Int32Array;
  readonly subdomainKeys: readonly string[];
  readonly domainKeys: readonly string[];
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
  /** Methodology 2's 10.7.2 crosswalk (sub-domain thresholds), when the framework has one. */
  readonly sdg1072: CompiledSdg1072 | null;
  /** Methodology 3's official instrument and its crosswalk, when the framework has one. */
  readonly instrument: CompiledInstrument | null;
}

export type { CompiledInstrument, CompiledSdg1072 };

/** questionHmgi of a 10.7.2 item. */
export const NO_HMGI = 255;

function checkWeight(weight: number, what: string): void {
  if (!(Number.isFinite(weight) && weight > 0))
    fail(`${what} has weight ${weight}; weights must be finite and > 0`);
}

/** 3.c < 4.b < 5.2 < 10.7 < 10.c < 17.18: goal numerically, then numeric targets before lettered ones. */
export function compareSdgTargets(a: string, b: string): number {
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

/** The tree in framework order: questions, and for each its sub-domain; sub-domain and domain ranges. */
function flatten(framework: Framework) {
  const questions: Question[] = [];
  const questionSubdomain: number[] = [];
  const subdomainStart: number[] = [];
  const subdomainWeight: number[] = [];
  const subdomainDomain: number[] = [];
  const subdomainKeys: string[] = [];
  const subdomainMappings: (Sdg1072Mapping | undefined)[] = [];
  const domainStart: number[] = [];
  const seen = new Set<string>();
  const unique = (key: string, what: string) => {
    if (seen.has(key)) fail(`duplicate ${what} key ${key}`);
    seen.add(key);
  };
  framework.domains.forEach((domain, d) => {
    unique(domain.key, 'domain');
    checkWeight(domain.weight, `domain ${domain.key}`);
    if (domain.subdomains.length === 0) fail(`domain ${domain.key} has no sub-domains`);
    domainStart.push(subdomainKeys.length);
    for (const subdomain of domain.subdomains) {
      unique(subdomain.key, 'sub-domain');
      checkWeight(subdomain.weight, `sub-domain ${subdomain.key}`);
      if (subdomain.questions.length === 0) fail(`sub-domain ${subdomain.key} has no questions`);
      const s = subdomainKeys.length;
      subdomainKeys.push(subdomain.key);
      subdomainWeight.push(subdomain.weight);
      subdomainDomain.push(d);
      subdomainStart.push(questions.length);
      subdomainMappings.push(subdomain.sdg1072);
      for (const question of subdomain.questions) {
        questions.push(question);
        questionSubdomain.push(s);
      }
    }
  });
  domainStart.push(subdomainKeys.length);
  subdomainStart.push(questions.length);
  return {
    questions,
    questionSubdomain,
    subdomainStart,
    subdomainWeight,
    subdomainDomain,
    subdomainKeys,
    subdomainMappings,
    domainStart,
  };
}

/** Option scores (or the number range) of one question, and the value it takes at its best. */
function compileAnswerSpace(question: AnswerableQuestion) {
  if (question.type === 'number') {
    const spec = question.number;
    if (spec === undefined) fail(`number question ${question.key} has no number spec`);
    if (!Number.isFinite(spec.worst) || !Number.isFinite(spec.best) || spec.worst === spec.best) {
      fail(`number question ${question.key} needs finite worst and best that differ`);
    }
    return { scores: null, best: null, worst: spec.worst, bestNumber: spec.best };
  }
  const options = question.options ?? [];
  if (options.length === 0) fail(`choice question ${question.key} has no options`);
  const scores = new Map<string, number>();
  let best = options[0]!;
  for (const option of options) {
    if (scores.has(option.value)) fail(`question ${question.key} repeats option ${option.value}`);
    if (!(option.score >= 0 && option.score <= 1)) {
      fail(`question ${question.key} option ${option.value} has a score outside [0, 1]`);
    }
    scores.set(option.value, option.score);
    if (option.score > best.score) best = option;
  }
  return { scores, best: best.value, worst: 0, bestNumber: 0 };
}

/** Each question's follow-ups, transitively, in framework order (a follow-up always comes later). */
function compileDescendants(enableParent: Int32Array) {
  const n = enableParent.length;
  const lists: number[][] = Array.from({ length: n }, () => []);
  for (let q = 0; q < n; q++) {
    for (let p = enableParent[q]!; p >= 0; p = enableParent[p]!) lists[p]!.push(q);
  }
  const descendantStart = new Int32Array(n + 1);
  const flat: number[] = [];
  for (let q = 0; q < n; q++) {
    descendantStart[q] = flat.length;
    flat.push(...lists[q]!);
  }
  descendantStart[n] = flat.length;
  return { descendantStart, descendants: Int32Array.from(flat) };
}

/** Per question: index, weight, answer space, enableWhen target and HMG-I feature, all checked. */
function compileQuestions(questions: readonly AnswerableQuestion[]) {
  const n = questions.length;
  const out = {
    questionIndex: new Map<string, number>(),
    questionWeight: new Float64Array(n),
    optionScores: [] as (Map<string, number> | null)[],
    bestValue: [] as (string | null)[],
    numberWorst: new Float64Array(n),
    numberBest: new Float64Array(n),
    enableParent: new Int32Array(n).fill(-1),
    enableValues: [] as (Set<string> | null)[],
    questionHmgi: new Uint8Array(n),
  };
  questions.forEach((question, q) => {
    if (out.questionIndex.has(question.key)) fail(`duplicate question key ${question.key}`);
    out.questionIndex.set(question.key, q);
    checkWeight(question.weight, `question ${question.key}`);
    out.questionWeight[q] = question.weight;
    const space = compileAnswerSpace(question);
    out.optionScores.push(space.scores);
    out.bestValue.push(space.best);
    out.numberWorst[q] = space.worst;
    out.numberBest[q] = space.bestNumber;
    out.enableParent[q] = compileCondition(question, q, out.questionIndex, out.optionScores);
    out.enableValues.push(question.enableWhen ? new Set(question.enableWhen.in) : null);
    // A 10.7.2 item has no HMG-I feature: it sits outside the lenses (marked NO_HMGI).
    if (!('hmgi' in question)) {
      out.questionHmgi[q] = NO_HMGI;
      return;
    }
    const hmgi = HMGI_FEATURES.indexOf(question.hmgi);
    if (hmgi < 0) fail(`question ${question.key} has an unknown hmgi feature ${question.hmgi}`);
    out.questionHmgi[q] = hmgi;
  });
  return out;
}

/** The index of a question's enableWhen target (an earlier choice question offering the values), or -1. */
function compileCondition(
  question: AnswerableQuestion,
  q: number,
  questionIndex: ReadonlyMap<string, number>,
  optionScores: readonly (ReadonlyMap<string, number> | null)[],
): number {
  const condition = question.enableWhen;
  if (condition === undefined) return -1;
  const parent = questionIndex.get(condition.question);
  if (parent === undefined || parent === q) {
    fail(
      `question ${question.key} enableWhen refers to ${condition.question}, which is not an earlier question`,
    );
  }
  for (const value of condition.in) {
    if (!optionScores[parent]?.has(value)) {
      fail(
        `question ${question.key} enableWhen expects ${condition.question} = ${value}, which is not one of its options`,
      );
    }
  }
  return parent;
}

/** Every SDG target in natural order, and per question the indices of its targets. */
function compileSdgTargets(questions: readonly Question[]) {
  const sdgTargets = [...new Set(questions.flatMap((q) => q.sdgTargets))].sort(compareSdgTargets);
  const sdgPosition = new Map(sdgTargets.map((target, i) => [target, i]));
  const sdgStart = new Int32Array(questions.length + 1);
  const sdgList: number[] = [];
  questions.forEach((question, q) => {
    sdgStart[q] = sdgList.length;
    // A target listed twice on one question must not count that question twice.
    for (const target of new Set(question.sdgTargets)) sdgList.push(sdgPosition.get(target)!);
  });
  sdgStart[questions.length] = sdgList.length;
  return { sdgTargets, sdgStart, sdgOfQuestion: Int32Array.from(sdgList) };
}

/**
 * Flattens and checks a framework. The loader validates definitions first; the checks here guard
 * the invariants the arithmetic relies on (positive weights, a usable band table, enableWhen
 * pointing backwards at a choice question, number questions with best != worst), and name the
 * offending key.
 */
export function compileFramework(framework: Framework): CompiledFramework {
  const bands = framework.methodology.bands;
  checkAscendingFromZero(bands, 'band');
  if (framework.domains.length === 0) fail('the framework has no domains');
  const tree = flatten(framework);
  const questions: AnswerableQuestion[] = [...tree.questions, ...instrumentQuestions(framework)];
  const compiledQuestions = compileQuestions(questions);
  const domainWeight = Float64Array.from(framework.domains, (domain) => domain.weight);
  const questionSubdomain = Int32Array.from(questions, (_, q) => tree.questionSubdomain[q] ?? -1);
  return {
    framework,
    key: framework.key,
    version: framework.version,
    questions,
    migofCount: tree.questions.length,
    questionKeys: questions.map((question) => question.key),
    ...compiledQuestions,
    ...compileDescendants(compiledQuestions.enableParent),
    questionSubdomain,
    subdomainStart: Int32Array.from(tree.subdomainStart),
    subdomainWeight: Float64Array.from(tree.subdomainWeight),
    subdomainDomain: Int32Array.from(tree.subdomainDomain),
    subdomainKeys: tree.subdomainKeys,
    domainKeys: framework.domains.map((domain) => domain.key),
    domainStart: Int32Array.from(tree.domainStart),
    domainWeight,
    domainWeightSum: domainWeight.reduce((a, b) => a + b, 0),
    bandMins: Float64Array.from(bands, (band) => band.min),
    bandKeys: bands.map((band) => band.key),
    ...compileSdgTargets(tree.questions),
    sdg1072: compileSdg1072(framework, tree.subdomainMappings, tree.subdomainKeys),
    instrument: compileInstrument(framework, compiledQuestions.questionIndex, compiledQuestions.optionScores),
  };
}
