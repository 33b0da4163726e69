import type { Band, Question } from '../framework/framework.schema.ts';
import { aggregate, bandKey, imbalance } from './aggregate.ts';
import { bandPosition } from './bands.ts';
import type { CompiledFramework } from './compile.ts';
import { potentialGains } from './gaps.ts';
import { lenses } from './lenses.ts';
import {
  countRange,
  FLAG_ANSWERED,
  FLAG_ENABLED,
  FLAG_NOT_APPLICABLE,
  FLAG_SCORED,
  type Resolution,
  resolveAnswers,
  valueScore,
} from './resolve.ts';
import { roundScore } from './rounding.ts';
import { officialView } from './sdg1072.official.ts';
import { sdg1072View } from './sdg1072.ts';
import { DEFAULT_DRAWS, optionSpreadOf, sensitivitySeed, simulate } from './sensitivity.ts';
import type {
  Aggregation,
  AnswerInput,
  AnswerMap,
  DomainResult,
  QuestionResult,
  ScoreResult,
} from './types.ts';

/**
 * The scoring engine (methodology version 2, written up in docs/methodology.md).
 * Pure: it takes a compiled framework and answers and returns numbers, with no I/O, no clock and
 * no global randomness, so a report can always be recomputed bit for bit. The parts, in the
 * order a score is made: compile (compile.ts), resolve (resolve.ts), aggregate (aggregate.ts),
 * sensitivity (sensitivity.ts), lenses (lenses.ts), gaps (gaps.ts), the 10.7.2 view
 * (sdg1072.ts); comparison.ts compares two results.
 */

export const METHODOLOGY_VERSION = 2;

export { compareResults } from './comparison.ts';
export { type CompiledFramework, compileFramework } from './compile.ts';
export { progressOf } from './resolve.ts';
export { roundRatio, roundScore } from './rounding.ts';
export type * from './types.ts';

/** The last band whose `min` is at or below the score; null for a null (or NaN) score. */
export function bandFor(bands: readonly Band[], score: number | null): string | null {
  const b = bandPosition(
    bands.map((band) => band.min),
    score === null ? Number.NaN : roundScore(score),
  );
  return b < 0 ? null : bands[b]!.key;
}

/**
 * The score in [0, 1] of one answer, or null when it is not scored: no answer, `not applicable`,
 * an unknown option, or a number that is not a finite number. Never throws on an answer.
 */
export function questionScore(question: Question, answer: AnswerInput | undefined): number | null {
  if (answer == null || answer.notApplicable === true) return null;
  const options =
    question.type === 'number' ? null : new Map(question.options?.map((o) => [o.value, o.score]));
  const spec = question.number;
  if (question.type === 'number' && spec === undefined) return null;
  const score = valueScore(options, spec?.worst ?? 0, spec?.best ?? 0, answer.value);
  return !Number.isNaN(score) ? score : null;
}

const nullable = (x: number): number | null => (!Number.isNaN(x) ? x : null);

function questionResults(compiled: CompiledFramework, resolution: Resolution): QuestionResult[] {
  const { flags, scores } = resolution;
  return compiled.questions.map((question, q) => {
    const s = compiled.questionSubdomain[q]!;
    const scored = (flags[q]! & FLAG_SCORED) !== 0;
    // A 10.7.2 item (s < 0) sits in its own tree: domain S1072, "sub-domain" S1072.<n>.
    const item = s < 0;
    return {
      key: question.key,
      domain: item ? 'S1072' : compiled.domainKeys[compiled.subdomainDomain[s]!]!,
      subdomain: item ? question.key.slice(0, 7) : compiled.subdomainKeys[s]!,
      weight: compiled.questionWeight[q]!,
      enabled: (flags[q]! & FLAG_ENABLED) !== 0,
      answered: (flags[q]! & FLAG_ANSWERED) !== 0,
      notApplicable: (flags[q]! & FLAG_NOT_APPLICABLE) !== 0,
      scored,
      score: scored ? scores[q]! : null,
    };
  });
}

function domainResults(
  compiled: CompiledFramework,
  resolution: Resolution,
  subdomainScores: Float64Array,
  domainScores: Float64Array,
): DomainResult[] {
  const { domainStart, subdomainStart } = compiled;
  return compiled.framework.domains.map((domain, d) => ({
    key: domain.key,
    kind: domain.kind,
    title: domain.title,
    weight: domain.weight,
    score: nullable(domainScores[d]!),
    band: bandKey(compiled, domainScores[d]!),
    coverage: countRange(
      resolution.flags,
      subdomainStart[domainStart[d]!]!,
      subdomainStart[domainStart[d + 1]!]!,
    ),
    subdomains: domain.subdomains.map((subdomain, i) => {
      const s = domainStart[d]! + i;
      return {
        key: subdomain.key,
        title: subdomain.title,
        weight: subdomain.weight,
        score: nullable(subdomainScores[s]!),
        band: bandKey(compiled, subdomainScores[s]!),
        coverage: countRange(resolution.flags, subdomainStart[s]!, subdomainStart[s + 1]!),
      };
    }),
  }));
}

/**
 * Scores one assessment against a compiled framework. `seed` is the assessment id: the
 * sensitivity draws are seeded from it and the scored answers. `draws` defaults to the method's
 * 1,000. Never throws on answers; throws on bad options.
 */
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

  const resolution = resolveAnswers(compiled, answers);
  const arithmetic = aggregate(compiled, resolution, 'arithmetic');
  const chosen = aggregation === 'arithmetic' ? arithmetic : aggregate(compiled, resolution, aggregation);
  const coverage = countRange(resolution.flags, 0, resolution.flags.length);
  const known = !Number.isNaN(chosen.composite);
  const seed = sensitivitySeed(compiled, answers, resolution, options.seed);
  const { lenses: lensResults, hmgiComposite } = lenses(compiled, resolution);

  return {
    aggregation,
    composite: {
      score: nullable(chosen.composite),
      band: bandKey(compiled, chosen.composite),
      provisional: coverage.coverage < 1,
      imbalance: imbalance(compiled, chosen),
      uncertainty: known
        ? simulate(
            compiled,
            chosen.domainScores,
            chosen.composite,
            seed,
            draws,
            optionSpreadOf(compiled, resolution),
          )
        : null,
    },
    hmgiComposite,
    coverage,
    domains: domainResults(compiled, resolution, chosen.subdomainScores, chosen.domainScores),
    questions: questionResults(compiled, resolution),
    lenses: lensResults,
    gaps: potentialGains(compiled, answers, resolution, arithmetic),
    sdg1072: sdg1072View(compiled, chosen.subdomainScores),
    sdg1072Official: officialView(compiled, answers, resolution),
  };
}
