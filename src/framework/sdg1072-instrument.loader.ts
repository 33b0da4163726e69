import type { Framework, Option, Question } from './framework.schema.ts';
import {
  SDG1072_DOMAIN1_VALUES,
  SDG1072_YES_NO_VALUES,
  type Sdg1072Instrument,
  type Sdg1072InstrumentInput,
} from './sdg1072-instrument.schema.ts';

/**
 * Checks and normalises the official 10.7.2 instrument of a definition (methodology 3): the six
 * domains in order, items S1072.<domain><a-e> in order, the answers the metadata prescribes
 * (M2021 section 4.c: domain 1 "yes, regardless of immigration status" = 1, "yes, only for those
 * with legal immigration status" = 0.5, "no" = 0; domains 2-6 yes = 1, no = 0), and a crosswalk
 * that names existing MiGOF questions, their real option values, and item answers that exist.
 */

const LETTERS = ['a', 'b', 'c', 'd', 'e'] as const;
const DOMAIN1_SCORES: Record<(typeof SDG1072_DOMAIN1_VALUES)[number], number> = {
  yes_all: 1,
  yes_legal: 0.5,
  no: 0,
};
const YES_NO: Option[] = [
  { value: 'yes', label: 'Yes', score: 1 },
  { value: 'no', label: 'No', score: 0 },
];

function checkOptions(key: string, domain: number, options: Option[], problems: string[]): void {
  const expected: Record<string, number> = domain === 1 ? DOMAIN1_SCORES : { yes: 1, no: 0 };
  const values = options.map((o) => o.value);
  if (values.length !== Object.keys(expected).length || values.some((v) => !(v in expected))) {
    problems.push(
      `${key}: options must be ${Object.keys(expected).join(', ')} (metadata 10.7.2, section 4.c)`,
    );
    return;
  }
  for (const option of options) {
    if (option.score !== expected[option.value])
      problems.push(
        `${key}: option ${option.value} must score ${expected[option.value]} (metadata 10.7.2, section 4.c)`,
      );
  }
}

function checkCrosswalk(
  key: string,
  domain: number,
  crosswalk: Sdg1072InstrumentInput['domains'][number]['items'][number]['crosswalk'],
  questions: ReadonlyMap<string, Question>,
  problems: string[],
): void {
  const answers: readonly string[] = domain === 1 ? SDG1072_DOMAIN1_VALUES : SDG1072_YES_NO_VALUES;
  for (const link of crosswalk) {
    const question = questions.get(link.question);
    if (!question) {
      problems.push(`${key}: crosswalk names ${link.question}, which is not a question of the framework`);
      continue;
    }
    const values = new Set(question.options?.map((o) => o.value));
    for (const [value, suggested] of Object.entries(link.suggests)) {
      if (!values.has(value))
        problems.push(`${key}: crosswalk value "${value}" is not an option of ${link.question}`);
      if (!answers.includes(suggested))
        problems.push(
          `${key}: crosswalk suggests "${suggested}", which is not an answer of domain ${domain}`,
        );
    }
  }
}

export function normaliseInstrument(
  input: Sdg1072InstrumentInput,
  domains: Framework['domains'],
  problems: string[],
): Sdg1072Instrument {
  const questions = new Map(
    domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions.map((q) => [q.key, q] as const))),
  );
  return {
    source: input.source,
    domains: input.domains.map((domain, i) => {
      if (domain.number !== i + 1) problems.push(`sdg1072.domains: domain ${domain.number} is out of order`);
      return {
        number: domain.number,
        title: domain.title,
        question: domain.question,
        items: domain.items.map((item, j) => {
          const expected = `S1072.${domain.number}${LETTERS[j]}`;
          if (item.key !== expected) problems.push(`${item.key}: expected ${expected} at this place`);
          if (questions.has(item.key)) problems.push(`${item.key}: duplicate key`);
          const wanted = domain.number === 1 ? 'scale' : 'yes_no';
          if (item.type !== wanted) problems.push(`${item.key}: type must be ${wanted}`);
          const options = item.options ?? (item.type === 'yes_no' ? YES_NO : []);
          checkOptions(item.key, domain.number, options, problems);
          checkCrosswalk(item.key, domain.number, item.crosswalk, questions, problems);
          return { ...item, options };
        }),
      };
    }),
  };
}

/** Methodology 3 goes with the instrument, and without methodology 2's sdg1072 cut-off table. */
export function checkInstrumentMethodology(
  version: number,
  hasInstrument: boolean,
  hasV2Table: boolean,
  problems: string[],
): void {
  if (version >= 3 && !hasInstrument)
    problems.push('sdg1072: the official instrument is required from methodology version 3');
  if (version < 3 && hasInstrument)
    problems.push('sdg1072: the official instrument needs methodology version 3');
  if (version >= 3 && hasV2Table)
    problems.push(
      'methodology.sdg1072: methodology 3 computes 10.7.2 by the official rule; remove the cut-off table',
    );
}
