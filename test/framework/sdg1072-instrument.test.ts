import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS_DIR } from '../../src/paths.ts';

/**
 * The official 10.7.2 instrument carried by migof 2.1.0 must read exactly as the UN DESA and IOM metadata
 * (March 2021, Table 2) words it: a government answering it in migov answers the official questions, not
 * our paraphrase. The texts below were checked against the metadata PDF (../shared/references/sdg-10.7.2.md).
 * Read from the raw file, so the check does not depend on how the loader normalises it.
 */
const OFFICIAL: [string, string, string[]][] = [
  [
    'Migrant rights',
    'Does the Government provide non-nationals equal access to the following services, welfare benefits and rights?',
    [
      'Essential and/or emergency health care',
      'Public education',
      'Equal pay for equal work',
      'Social protection',
      'Access to justice',
    ],
  ],
  [
    'Whole-of-government/Evidence-based policies',
    'Does the Government have any of the following institutions, policies or strategies to govern immigration or emigration?',
    [
      'A dedicated Government agency to implement national migration policy',
      'A national policy or strategy for regular migration pathways, including labour migration',
      'A national policy or strategy to promote the inclusion or integration of immigrants',
      'Formal mechanisms to ensure that the migration policy is gender responsive',
      'A mechanism to ensure that migration policy is informed by data, appropriately disaggregated',
    ],
  ],
  [
    'Cooperation and partnerships',
    'Does the Government take any of the following measures to foster cooperation among countries and encourage stakeholder inclusion and participation in migration policy?',
    [
      'An inter-ministerial coordination mechanism on migration',
      'Bilateral agreements on migration, including labour migration',
      'Regional agreements promoting mobility',
      'Agreements for cooperation with other countries on return and readmission',
      'Formal mechanisms to engage civil society and the private sector in the formulation and implementation of migration policy',
    ],
  ],
  [
    'Socioeconomic well-being',
    'Does the Government take any of the following measures to maximize the positive development impact of migration and the socioeconomic well-being of migrants?',
    [
      'Align, through periodic assessments, labour migration policies with actual and projected labour market needs',
      'Facilitate the portability of social security benefits',
      'Facilitate the recognition of skills and qualifications acquired abroad',
      'Facilitate or promote the flow of remittances',
      'Promote fair and ethical recruitment of migrant workers',
    ],
  ],
  [
    'Mobility dimensions of crises',
    'Does the Government take any of the following measures to respond to refugees and other persons forcibly displaced across international borders?',
    [
      'System for receiving, processing and identifying those forced to flee across international borders',
      'Contingency planning for displaced populations in terms of basic needs such as food, sanitation, education and medical care',
      'Specific measures to provide assistance to citizens residing abroad in countries in crisis or post-crisis situations',
      'A national disaster risk reduction strategy with specific provisions for addressing the displacement impacts of disasters',
      'Grant permission for temporary stay or temporary protection for those forcibly displaced across international borders and those unable to return',
    ],
  ],
  [
    'Safe, orderly and regular migration',
    'Does the Government address regular or irregular immigration through any of the following measures?',
    [
      'System to monitor visa overstays',
      'Pre-arrival authorization controls',
      'Provisions for unaccompanied minors or separated children',
      'Migration information and awareness-raising campaigns',
      'Formal strategies to address trafficking in persons and migrant smuggling',
    ],
  ],
];

interface RawOption {
  value: string;
}
interface RawQuestion {
  key: string;
  type: string;
  options?: RawOption[];
}
interface RawItem {
  key: string;
  text: string;
  type: string;
  options?: { value: string; score: number }[];
  crosswalk: { question: string; suggests: Record<string, string> }[];
}
interface RawFramework {
  domains: { subdomains: { questions: RawQuestion[] }[] }[];
  sdg1072: { domains: { number: number; title: string; question: string; items: RawItem[] }[] };
}

const raw = JSON.parse(readFileSync(join(FRAMEWORKS_DIR, 'migof-2.1.0.json'), 'utf8')) as RawFramework;
const questions = new Map(
  raw.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions.map((q) => [q.key, q]))),
);
const optionValues = (q: RawQuestion) =>
  q.type === 'yes_no' && !q.options ? ['yes', 'no'] : (q.options ?? []).map((o) => o.value);

describe('migof 2.1.0: the official 10.7.2 instrument', () => {
  it('has the six official domains, questions and 30 sub-categories, word for word and in order', () => {
    const actual = raw.sdg1072.domains.map((d) => [d.title, d.question, d.items.map((i) => i.text)]);
    expect(actual).toEqual(OFFICIAL);
    expect(raw.sdg1072.domains.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const keys = raw.sdg1072.domains.flatMap((d) => d.items.map((i) => i.key));
    expect(keys).toEqual([1, 2, 3, 4, 5, 6].flatMap((n) => [...'abcde'].map((l) => `S1072.${n}${l}`)));
  });

  it('answers domain 1 with the three official values and domains 2-6 with yes or no', () => {
    for (const domain of raw.sdg1072.domains) {
      for (const item of domain.items) {
        if (domain.number === 1) {
          expect(item.options?.map((o) => [o.value, o.score])).toEqual([
            ['yes_all', 1],
            ['yes_legal', 0.5],
            ['no', 0],
          ]);
        } else {
          expect([item.key, item.type]).toEqual([item.key, 'yes_no']);
        }
      }
    }
  });

  it('links every item to at least one MiGOF question, through answers that question can take', () => {
    const problems: string[] = [];
    for (const domain of raw.sdg1072.domains) {
      const allowed = domain.number === 1 ? ['yes_all', 'yes_legal', 'no'] : ['yes', 'no'];
      for (const item of domain.items) {
        if (item.crosswalk.length === 0) problems.push(`${item.key}: no MiGOF question`);
        for (const link of item.crosswalk) {
          const question = questions.get(link.question);
          if (!question) {
            problems.push(`${item.key}: ${link.question} is not a question`);
            continue;
          }
          for (const [answer, suggestion] of Object.entries(link.suggests)) {
            if (!optionValues(question).includes(answer))
              problems.push(`${item.key}: ${answer} is not an answer of ${link.question}`);
            if (!allowed.includes(suggestion))
              problems.push(`${item.key}: ${suggestion} is not an item answer`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
