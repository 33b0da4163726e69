import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  DOMAIN_KEYS,
  type Framework,
  frameworkInputSchema,
  type NumberSpec,
  type Option,
  type Question,
  type questionInputSchema,
} from './framework.schema.ts';
import { checkInstrumentMethodology, normaliseInstrument } from './sdg1072-instrument.loader.ts';
import { checkSdg1072, checkSubdomainMappingsUnique } from './sdg1072-mapping.loader.ts';

/** A definition that cannot be published; the message names every offending key. */
export class FrameworkDefinitionError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Framework definition ${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FrameworkDefinitionError';
  }
}

const DEFAULT_OPTIONS: Record<'yes_no' | 'yes_partial_no', Option[]> = {
  yes_no: [
    { value: 'yes', label: 'Yes', score: 1 },
    { value: 'no', label: 'No', score: 0 },
  ],
  yes_partial_no: [
    { value: 'yes', label: 'Yes', score: 1 },
    { value: 'partial', label: 'Partially', score: 0.5 },
    { value: 'no', label: 'No', score: 0 },
  ],
};

/** Names the framework element a zod issue path points into, e.g. `P1.2.3 (weight)`. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = raw;
  let label = 'framework';
  const rest: string[] = [];
  for (const step of path) {
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[step] : undefined;
    const key = node && typeof node === 'object' ? (node as { key?: unknown }).key : undefined;
    if (typeof key === 'string' && typeof step === 'number') {
      label = key;
      rest.length = 0;
    } else {
      rest.push(String(step));
    }
  }
  return rest.length ? `${label} (${rest.join('.')})` : label;
}

/** The six MiGOF domains must all be there, and the band table must rise from 0. */
function checkDomainsAndBands(input: ParsedFramework, problems: string[]): void {
  const domainKeys = input.domains.map((d) => d.key);
  for (const key of DOMAIN_KEYS) {
    if (!domainKeys.includes(key))
      problems.push(`${key}: domain missing (the six MiGOF domains are required)`);
  }
  const bands = input.methodology.bands;
  if (bands[0]?.min !== 0) problems.push(`methodology.bands: the first band must start at 0`);
  bands.forEach((band, i) => {
    const previous = bands[i - 1];
    if (previous && band.min <= previous.min) problems.push(`${band.key}: band minimums must increase`);
  });
  if (new Set(bands.map((b) => b.key)).size !== bands.length)
    problems.push(`methodology.bands: duplicate key`);
}

/** Walks the tree: unique keys, keys nested in their parent's, kinds, and each question normalised. */
function normaliseTree(input: ParsedFramework, problems: string[]): Framework['domains'] {
  const seen = new Set<string>();
  const questions = new Map<string, Question>();
  const unique = (key: string) => {
    if (seen.has(key)) problems.push(`${key}: duplicate key`);
    seen.add(key);
  };
  const nested = (key: string, parent: string, what: string) => {
    if (!key.startsWith(`${parent}.`)) problems.push(`${key}: ${what} key must start with ${parent}.`);
  };
  // From methodology 2 on, every number question states its range and every sub-domain its
  // 10.7.2 mapping (null where none), so an omission is a mistake rather than a default.
  const strict = input.methodology.version >= 2;
  return input.domains.map((domain) => {
    unique(domain.key);
    const expectedKind = domain.key.startsWith('P') ? 'principle' : 'objective';
    if (domain.kind !== expectedKind) problems.push(`${domain.key}: kind must be ${expectedKind}`);
    const subdomains = domain.subdomains.map((subdomain) => {
      unique(subdomain.key);
      nested(subdomain.key, domain.key, 'sub-domain');
      if (strict && subdomain.sdg1072 === undefined) {
        problems.push(
          `${subdomain.key}: sdg1072 is required from methodology version 2 (null where none applies)`,
        );
      }
      const normalised = subdomain.questions.map((q) => {
        unique(q.key);
        nested(q.key, subdomain.key, 'question');
        const question = normaliseQuestion(q, problems, strict);
        checkEnableWhen(question, questions, problems);
        questions.set(question.key, question);
        return question;
      });
      return { ...subdomain, questions: normalised };
    });
    return { ...domain, subdomains };
  });
}

/**
 * Validates a framework definition (shape, then the rules a schema cannot express) and
 * returns the normalised tree. Throws FrameworkDefinitionError naming each offending key.
 */
export function parseFrameworkDefinition(raw: unknown, source = 'definition'): Framework {
  const parsed = frameworkInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FrameworkDefinitionError(
      source,
      parsed.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  const input = parsed.data;
  const problems: string[] = [];
  checkDomainsAndBands(input, problems);
  const domains = normaliseTree(input, problems);
  checkInstrumentMethodology(
    input.methodology.version,
    input.sdg1072 !== undefined,
    input.methodology.sdg1072 !== undefined,
    problems,
  );
  const sdg1072 = input.sdg1072 && normaliseInstrument(input.sdg1072, domains, problems);
  if (sdg1072) checkSubdomainMappingsUnique(input, problems);
  else checkSdg1072(input, problems);
  if (problems.length) throw new FrameworkDefinitionError(source, problems);
  // An undefined sdg1072 is left out of the content hash and the JSON, so 1.0.0 and 2.0.0 keep theirs.
  return { ...input, domains, sdg1072 };
}

export type ParsedFramework = z.output<typeof frameworkInputSchema>;

type ParsedQuestion = z.output<typeof questionInputSchema>;

function normaliseQuestion(q: ParsedQuestion, problems: string[], strict: boolean): Question {
  const { options: given, number, ...rest } = q;
  if (q.type === 'number') {
    if (given) problems.push(`${q.key}: a number question has no options`);
    if (!number) problems.push(`${q.key}: a number question needs number { unit, worst, best }`);
    else checkNumberSpec(q.key, number, problems, strict);
    return number ? { ...rest, number } : { ...rest };
  }
  if (number) problems.push(`${q.key}: only number questions have a number spec`);
  const options = given ?? (q.type === 'scale' ? undefined : DEFAULT_OPTIONS[q.type]);
  if (!options) {
    problems.push(`${q.key}: a scale question needs options`);
    return { ...rest };
  }
  if (new Set(options.map((o) => o.value)).size !== options.length) {
    problems.push(`${q.key}: duplicate option value`);
  }
  if (!options.some((o) => o.score === 0) || !options.some((o) => o.score === 1)) {
    problems.push(`${q.key}: a choice question needs an option scoring 0 and one scoring 1`);
  }
  return { ...rest, options };
}

function checkNumberSpec(key: string, spec: NumberSpec, problems: string[], strict: boolean) {
  const { worst, best, min, max, integer } = spec;
  if (worst === best) problems.push(`${key}: number.worst and number.best must differ`);
  if (strict) {
    for (const field of ['min', 'max', 'integer'] as const) {
      if (spec[field] === undefined)
        problems.push(`${key}: number.${field} is required from methodology version 2`);
    }
  }
  if (min !== undefined && max !== undefined && min > max) {
    problems.push(`${key}: number.min (${min}) must not exceed number.max (${max})`);
  }
  for (const [name, value] of [
    ['worst', worst],
    ['best', best],
  ] as const) {
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      problems.push(`${key}: number.${name} (${value}) lies outside [min, max]`);
    }
  }
  if (
    integer &&
    ((min !== undefined && !Number.isInteger(min)) || (max !== undefined && !Number.isInteger(max)))
  ) {
    problems.push(`${key}: number.min and number.max must be whole numbers when integer is true`);
  }
}

function checkEnableWhen(question: Question, earlier: Map<string, Question>, problems: string[]) {
  const rule = question.enableWhen;
  if (!rule) return;
  const target = earlier.get(rule.question);
  if (!target) {
    problems.push(
      `${question.key}: enableWhen refers to ${rule.question}, which is unknown or not an earlier question`,
    );
    return;
  }
  if (!target.options) {
    problems.push(`${question.key}: enableWhen refers to ${rule.question}, which is not a choice question`);
    return;
  }
  const values = new Set(target.options.map((o) => o.value));
  for (const value of rule.in) {
    if (!values.has(value))
      problems.push(`${question.key}: enableWhen value "${value}" is not an option of ${rule.question}`);
  }
}

/** Canonical JSON (sorted keys) so the hash does not depend on key order in the file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(framework: Framework): string {
  return createHash('sha256').update(canonicalJson(framework)).digest('hex');
}
