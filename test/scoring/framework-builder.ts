import {
  DOMAIN_KEYS,
  type Framework,
  frameworkInputSchema,
  frameworkSchema,
  type HmgiFeature,
  type Option,
  type QuestionType,
} from '../../src/framework/framework.schema.ts';

/**
 * Builds small, valid frameworks for the scoring tests: the caller gives only what the test is about
 * and the builder fills in texts, sources and the default yes/no options, then checks the result against
 * both the definition schema and the normalised schema so a test never scores a framework the loader
 * would refuse.
 */

export const YES_NO: Option[] = [
  { value: 'yes', label: 'Yes', score: 1 },
  { value: 'no', label: 'No', score: 0 },
];
export const YES_PARTIAL_NO: Option[] = [
  { value: 'yes', label: 'Yes', score: 1 },
  { value: 'partial', label: 'Partially', score: 0.5 },
  { value: 'no', label: 'No', score: 0 },
];
export const DEFAULT_BANDS = [
  { key: 'requires_further_progress', label: 'Requires further progress', min: 0 },
  { key: 'partially_meets', label: 'Partially meets', min: 40 },
  { key: 'meets', label: 'Meets', min: 60 },
  { key: 'fully_meets', label: 'Fully meets', min: 80 },
];

export interface QuestionSpec {
  type?: QuestionType;
  weight?: number;
  options?: Option[];
  number?: { worst: number; best: number; unit?: string };
  enableWhen?: { question: string; in: string[] };
  allowNotApplicable?: boolean;
  hmgi?: HmgiFeature;
  sdgTargets?: string[];
}
export interface SubdomainSpec {
  weight?: number;
  title?: string;
  questions: QuestionSpec[];
}
export interface DomainSpec {
  key?: (typeof DOMAIN_KEYS)[number];
  weight?: number;
  title?: string;
  subdomains: SubdomainSpec[];
}
export interface FrameworkSpec {
  key?: string;
  version?: string;
  bands?: { key: string; label: string; min: number }[];
  domains: DomainSpec[];
}

function optionsFor(spec: QuestionSpec): Option[] | undefined {
  if (spec.options) return spec.options;
  if (spec.type === 'number') return undefined;
  if (spec.type === 'yes_partial_no') return YES_PARTIAL_NO;
  if (spec.type === 'scale') throw new Error('scale questions need explicit options');
  return YES_NO;
}

/** Keys follow position: domain i gets DOMAIN_KEYS[i] unless given, sub-domain j is `${domain}.${j+1}`. */
export function buildFramework(spec: FrameworkSpec): Framework {
  const raw = {
    key: spec.key ?? 'test-framework',
    version: spec.version ?? '1.0.0',
    title: 'Test framework',
    description: 'A framework built by a scoring test.',
    methodology: { version: 1 as const, bands: spec.bands ?? DEFAULT_BANDS },
    domains: spec.domains.map((domain, d) => {
      const domainKey = domain.key ?? DOMAIN_KEYS[d]!;
      return {
        key: domainKey,
        kind: domainKey.startsWith('P') ? ('principle' as const) : ('objective' as const),
        title: domain.title ?? `Domain ${domainKey}`,
        description: `Description of ${domainKey}.`,
        weight: domain.weight ?? 1,
        subdomains: domain.subdomains.map((subdomain, s) => {
          const subdomainKey = `${domainKey}.${s + 1}`;
          return {
            key: subdomainKey,
            title: subdomain.title ?? `Sub-domain ${subdomainKey}`,
            description: `Description of ${subdomainKey}.`,
            weight: subdomain.weight ?? 1,
            questions: subdomain.questions.map((question, q) => {
              const type = question.type ?? 'yes_no';
              const options = optionsFor({ ...question, type });
              return {
                key: `${subdomainKey}.${q + 1}`,
                text: `Question ${subdomainKey}.${q + 1}?`,
                guidance: 'Evidence: an official document.',
                type,
                ...(options ? { options } : {}),
                ...(question.number
                  ? {
                      number: {
                        unit: question.number.unit ?? 'percent',
                        worst: question.number.worst,
                        best: question.number.best,
                      },
                    }
                  : {}),
                weight: question.weight ?? 1,
                allowNotApplicable: question.allowNotApplicable ?? true,
                evidenceRequired: false,
                ...(question.enableWhen ? { enableWhen: question.enableWhen } : {}),
                sdgTargets: question.sdgTargets ?? ['10.7'],
                hmgi: question.hmgi ?? 'human_rights',
                sources: ['000_4ef05ca9849f3bb7.txt'],
              };
            }),
          };
        }),
      };
    }),
  };
  frameworkInputSchema.parse(raw);
  return frameworkSchema.parse(raw);
}

/** Answers from a plain object: a string or number is a value, 'NA' is not applicable. */
export function answersOf(
  entries: Record<string, string | number | null>,
): Map<string, { value?: string | number | null; notApplicable?: boolean }> {
  const map = new Map<string, { value?: string | number | null; notApplicable?: boolean }>();
  for (const [key, value] of Object.entries(entries)) {
    map.set(key, value === 'NA' ? { notApplicable: true } : { value });
  }
  return map;
}
