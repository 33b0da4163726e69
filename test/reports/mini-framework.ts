import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = ['000_4ef05ca9849f3bb7.txt'];

function question(key: string, extra: Record<string, unknown>) {
  return {
    key,
    text: `Question ${key}?`,
    guidance: `Guidance for ${key}.`,
    sdgTargets: ['10.7'],
    hmgi: 'human_rights',
    sources: SOURCE,
    ...extra,
  };
}

function domain(key: string, questions: Record<string, unknown>[]) {
  return {
    key,
    kind: key.startsWith('P') ? 'principle' : 'objective',
    title: `Domain ${key}`,
    description: `About ${key}.`,
    subdomains: [{ key: `${key}.1`, title: `Sub-domain ${key}.1`, description: 'About it.', questions }],
  };
}

/**
 * A six-domain framework small enough to score by hand (see report.numbers.test.ts):
 * one sub-domain per domain, a question of every type, a weight, a not-applicable
 * and a conditional question.
 */
export function miniFramework(version = '1.0.0', p1Weight = 3) {
  return {
    key: 'mini',
    version,
    title: 'Mini framework',
    description: 'A framework for tests.',
    methodology: {
      version: 1,
      bands: [
        { key: 'requires_further_progress', label: 'Requires further progress', min: 0 },
        { key: 'partially_meets', label: 'Partially meets', min: 40 },
        { key: 'meets', label: 'Meets', min: 60 },
        { key: 'fully_meets', label: 'Fully meets', min: 80 },
      ],
    },
    domains: [
      domain('P1', [
        question('P1.1.1', { type: 'yes_partial_no' }),
        question('P1.1.2', {
          type: 'yes_no',
          weight: p1Weight,
          allowNotApplicable: true,
          evidenceRequired: true,
        }),
      ]),
      domain('P2', [
        question('P2.1.1', {
          type: 'number',
          number: { unit: 'percent', worst: 10, best: 3 },
          hmgi: 'socioeconomic_outcomes',
          sdgTargets: ['10.7', '10.c'],
        }),
      ]),
      domain('P3', [
        question('P3.1.1', { type: 'yes_partial_no' }),
        question('P3.1.2', { type: 'yes_partial_no', enableWhen: { question: 'P3.1.1', in: ['yes'] } }),
      ]),
      domain('O1', [
        question('O1.1.1', {
          type: 'scale',
          options: [
            { value: 'none', label: 'None', score: 0 },
            { value: 'emerging', label: 'Emerging', score: 0.25 },
            { value: 'established', label: 'Established', score: 0.75 },
            { value: 'advanced', label: 'Advanced', score: 1 },
          ],
        }),
      ]),
      domain('O2', [question('O2.1.1', { type: 'yes_no' })]),
      domain('O3', [question('O3.1.1', { type: 'yes_partial_no' })]),
    ],
  };
}

export function writeFrameworks(dir: string, frameworks: ReturnType<typeof miniFramework>[]): string {
  mkdirSync(dir, { recursive: true });
  for (const f of frameworks) writeFileSync(join(dir, `${f.key}-${f.version}.json`), JSON.stringify(f));
  return dir;
}

/** Answer set A of report.numbers.test.ts: complete, with a disabled answer stored. */
export const COMPLETE_ANSWERS = [
  { question: 'P1.1.1', value: 'partial' },
  { question: 'P1.1.2', value: 'yes', evidence: [{ title: 'Act' }] },
  { question: 'P2.1.1', value: 5 },
  { question: 'P3.1.1', value: 'no' },
  { question: 'P3.1.2', value: 'yes' },
  { question: 'O1.1.1', value: 'established' },
  { question: 'O2.1.1', value: 'yes' },
  { question: 'O3.1.1', value: 'partial' },
];
