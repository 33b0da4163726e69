import type { Framework } from '../framework/framework.schema.ts';
import { FLAG_SCORED, type Resolution } from './resolution.ts';
import type { AnswerMap, Sdg1072OfficialDomain, Sdg1072OfficialView, Sdg1072Signal } from './types.ts';

/**
 * SDG indicator 10.7.2 by the official rule (methodology 3, docs/methodology.md section 12;
 * UN DESA/IOM metadata, March 2021, sections 4.c and 4.f): each of the 30 sub-categories is the
 * government's own answer, valued 1 / 0.5 (domain 1, legal status only) / 0; a missing answer
 * counts 0 and the denominator stays 5; a domain's value is 100 x sum / 5, the overall value the
 * mean of the 30; each falls in category 1-4 at 40 / 80 / 100. Beside it, the project's own
 * consistency check: what the MiGOF answers suggest for each item through the crosswalk.
 */

/** M2021 section 4.c: under 40, 40 to under 80, 80 to under 100, exactly 100. */
export const OFFICIAL_CATEGORIES = [
  { code: 1, key: 'requires_further_progress', min: 0 },
  { code: 2, key: 'partially_meets', min: 40 },
  { code: 3, key: 'meets', min: 80 },
  { code: 4, key: 'fully_meets', min: 100 },
] as const;
export type OfficialCategory = (typeof OFFICIAL_CATEGORIES)[number];

/**
 * The official category of a value in [0, 100]. Compared at 1e-9, so that a mean such as
 * 100 x 29.5 / 30 computed in floating point lands where its exact value does.
 */
export function officialCategory(value: number): { code: 1 | 2 | 3 | 4; key: OfficialCategory['key'] } {
  for (let c = OFFICIAL_CATEGORIES.length - 1; c > 0; c--) {
    const category = OFFICIAL_CATEGORIES[c]!;
    if (value >= category.min - 1e-9) return { code: category.code, key: category.key };
  }
  return { code: 1, key: 'requires_further_progress' };
}

/** Domain value: 100 x the sum of the five sub-category values / 5 (missing ones are 0). */
export const officialDomainValue = (values: readonly number[]): number =>
  (100 * values.reduce((a, b) => a + b, 0)) / 5;

interface CompiledLink {
  readonly question: number;
  readonly suggests: ReadonlyMap<string, string>;
}
/** The instrument as indices: per domain, per item its question index and its crosswalk. */
export interface CompiledInstrument {
  readonly domains: readonly {
    readonly number: number;
    readonly items: readonly {
      readonly index: number;
      readonly key: string;
      readonly links: CompiledLink[];
    }[];
  }[];
}

export function compileInstrument(
  framework: Framework,
  questionIndex: ReadonlyMap<string, number>,
  optionScores: readonly (ReadonlyMap<string, number> | null)[],
): CompiledInstrument | null {
  const instrument = framework.sdg1072;
  if (instrument === undefined) return null;
  const index = (key: string) => {
    const i = questionIndex.get(key);
    if (i === undefined) throw new Error(`10.7.2 crosswalk names unknown question ${key}`);
    return i;
  };
  return {
    domains: instrument.domains.map((domain) => ({
      number: domain.number,
      items: domain.items.map((item) => ({
        index: index(item.key),
        key: item.key,
        links: item.crosswalk.map((link) => {
          const q = index(link.question);
          if (optionScores[q] === null)
            throw new Error(`10.7.2 crosswalk names number question ${link.question}`);
          return { question: q, suggests: new Map(Object.entries(link.suggests)) };
        }),
      })),
    })),
  };
}

/** What the crosswalk's questions suggest: their common signal, or "unclear" (none, or they differ). */
function suggestion(
  links: readonly CompiledLink[],
  keys: readonly string[],
  answers: AnswerMap,
  resolution: Resolution,
): { answer: string; questions: Sdg1072Signal[] } {
  let common: string | null = null;
  let agree = true;
  const questions = links.map(({ question, suggests }): Sdg1072Signal => {
    const key = keys[question]!;
    const scored = (resolution.flags[question]! & FLAG_SCORED) !== 0;
    const value = scored ? answers.get(key)?.value : undefined;
    const signal = typeof value === 'string' ? (suggests.get(value) ?? null) : null;
    if (signal !== null) {
      if (common === null) common = signal;
      else if (common !== signal) agree = false;
    }
    return { question: key, answer: typeof value === 'string' ? value : null, suggests: signal };
  });
  return { answer: common !== null && agree ? common : 'unclear', questions };
}

export function officialView(
  compiled: { readonly instrument: CompiledInstrument | null; readonly questionKeys: readonly string[] },
  answers: AnswerMap,
  resolution: Resolution,
): Sdg1072OfficialView | null {
  const instrument = compiled.instrument;
  if (instrument === null) return null;
  const { flags, scores } = resolution;
  let total = 0;
  let answered = 0;
  const domains = instrument.domains.map((domain): Sdg1072OfficialDomain => {
    const items = domain.items.map(({ index, key, links }) => {
      const isAnswered = (flags[index]! & FLAG_SCORED) !== 0;
      if (isAnswered) answered++;
      const answer = isAnswered ? (answers.get(key)?.value as string) : null;
      const suggested = suggestion(links, compiled.questionKeys, answers, resolution);
      return {
        key,
        answer,
        // M2021 4.f: at country level a missing value counts 0.
        value: isAnswered ? scores[index]! : 0,
        suggestion: suggested.answer,
        questions: suggested.questions,
        disagrees: answer !== null && suggested.answer !== 'unclear' && suggested.answer !== answer,
      };
    });
    const value = officialDomainValue(items.map((i) => i.value));
    total += value;
    return { number: domain.number, value, category: officialCategory(value), items };
  });
  const overall = total / domains.length;
  return { answered, domains, overall: { value: overall, category: officialCategory(overall) } };
}
