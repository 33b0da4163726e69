import { describe, expect, it } from 'vitest';
import {
  contentHash,
  FrameworkDefinitionError,
  parseFrameworkDefinition,
} from '../../src/framework/framework.loader.ts';
import { miniFramework } from '../reports/mini-framework.ts';

type Definition = ReturnType<typeof miniFramework>;
type Question = Definition['domains'][number]['subdomains'][number]['questions'][number] &
  Record<string, unknown>;

/** A valid definition with one change made to it. */
function broken(change: (definition: Definition) => void): Definition {
  const definition = structuredClone(miniFramework());
  change(definition);
  return definition;
}

const question = (d: Definition, key: string) => {
  const found = d.domains.flatMap((x) => x.subdomains.flatMap((s) => s.questions)).find((q) => q.key === key);
  if (!found) throw new Error(`no ${key}`);
  return found as Question;
};

function problems(definition: unknown): string[] {
  try {
    parseFrameworkDefinition(definition, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(FrameworkDefinitionError);
    expect((error as Error).message).toContain('test.json');
    return (error as FrameworkDefinitionError).problems;
  }
  throw new Error('the definition was accepted');
}

describe('parseFrameworkDefinition', () => {
  it('accepts a valid definition and fills in the defaults', () => {
    const framework = parseFrameworkDefinition(miniFramework());
    const yesNo = framework.domains[4]?.subdomains[0]?.questions[0];
    expect(yesNo?.options?.map((o) => [o.value, o.score])).toEqual([
      ['yes', 1],
      ['no', 0],
    ]);
    expect(yesNo).toMatchObject({ weight: 1, allowNotApplicable: false, evidenceRequired: false });
    expect(framework.domains.map((d) => d.weight)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('hashes content independently of key order', () => {
    const a = parseFrameworkDefinition(miniFramework());
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)]),
            )
          : value;
    const b = parseFrameworkDefinition(reversed(miniFramework()));
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash(parseFrameworkDefinition(miniFramework('1.0.0', 2))));
  });

  const cases: [string, (d: Definition) => void, RegExp][] = [
    [
      'a duplicate question key',
      (d) => {
        question(d, 'P1.1.2').key = 'P1.1.1';
      },
      /^P1\.1\.1: duplicate key/,
    ],
    [
      'a duplicate sub-domain key',
      (d) => {
        const subdomain = d.domains[0]?.subdomains[0];
        if (subdomain) d.domains[0]?.subdomains.push(structuredClone(subdomain));
      },
      /^P1\.1: duplicate key/,
    ],
    [
      'enableWhen pointing at an unknown question',
      (d) => {
        question(d, 'P3.1.2').enableWhen = { question: 'P9.9.9', in: ['yes'] };
      },
      /^P3\.1\.2: enableWhen refers to P9\.9\.9, which is unknown or not an earlier question/,
    ],
    [
      'enableWhen pointing at a later question (a forward reference)',
      (d) => {
        question(d, 'P1.1.1').enableWhen = { question: 'P3.1.1', in: ['yes'] };
      },
      /^P1\.1\.1: enableWhen refers to P3\.1\.1, which is unknown or not an earlier question/,
    ],
    [
      'enableWhen with a value the target does not have',
      (d) => {
        question(d, 'P3.1.2').enableWhen = { question: 'P3.1.1', in: ['maybe'] };
      },
      /^P3\.1\.2: enableWhen value "maybe" is not an option of P3\.1\.1/,
    ],
    [
      'a question weight of 0',
      (d) => {
        question(d, 'O3.1.1').weight = 0;
      },
      /^O3\.1\.1 \(weight\): weight must be > 0/,
    ],
    [
      'a negative domain weight',
      (d) => {
        (d.domains[2] as Record<string, unknown>).weight = -1;
      },
      /^P3 \(weight\): weight must be > 0/,
    ],
    [
      'an option score above 1',
      (d) => {
        const options = question(d, 'O1.1.1').options as { score: number }[];
        if (options[3]) options[3].score = 1.5;
      },
      /^O1\.1\.1 \(options\.3\.score\): option score must be in \[0, 1\]/,
    ],
    [
      'a choice question without an option scoring 1',
      (d) => {
        const options = question(d, 'O1.1.1').options as { score: number }[];
        if (options[3]) options[3].score = 0.9;
      },
      /^O1\.1\.1: a choice question needs an option scoring 0 and one scoring 1/,
    ],
    [
      'a scale question without options',
      (d) => {
        delete question(d, 'O1.1.1').options;
      },
      /^O1\.1\.1: a scale question needs options/,
    ],
    [
      'a number question with worst equal to best',
      (d) => {
        question(d, 'P2.1.1').number = { unit: 'percent', worst: 3, best: 3 };
      },
      /^P2\.1\.1: number\.worst and number\.best must differ/,
    ],
    [
      'an unknown field',
      (d) => {
        question(d, 'O2.1.1').colour = 'blue';
      },
      /^O2\.1\.1: Unrecognized key/,
    ],
    [
      'a missing domain',
      (d) => {
        d.domains.pop();
      },
      /^O3: domain missing/,
    ],
    [
      'bands that do not start at 0',
      (d) => {
        const first = d.methodology.bands[0];
        if (first) first.min = 10;
      },
      /^methodology\.bands: the first band must start at 0/,
    ],
    [
      'a question key outside its sub-domain',
      (d) => {
        question(d, 'O3.1.1').key = 'O2.1.5';
      },
      /^O2\.1\.5: question key must start with O3\.1\./,
    ],
  ];

  it.each(cases)('refuses %s, naming the key', (_name, change, expected) => {
    const found = problems(broken(change));
    expect(
      found.some((p) => expected.test(p)),
      found.join('\n'),
    ).toBe(true);
  });

  it('refuses something that is not a framework at all', () => {
    expect(problems({ hello: 'world' }).length).toBeGreaterThan(3);
    expect(problems(null).length).toBeGreaterThan(0);
  });

  it('leaves a definition without the 2.0.0 fields (1.0.0) unchanged', () => {
    const framework = parseFrameworkDefinition(miniFramework());
    const subdomain = framework.domains[0]?.subdomains[0] as Record<string, unknown>;
    expect('sdg1072' in subdomain).toBe(false);
    expect(framework.methodology).not.toHaveProperty('sdg1072');
  });
});

/** The mini framework with what methodology version 2 asks for: ranges, mappings, the 10.7.2 block. */
function miniV2() {
  const d = structuredClone(miniFramework('2.0.0')) as Definition & Record<string, unknown>;
  const methodology = d.methodology as Record<string, unknown>;
  methodology.version = 2;
  methodology.sdg1072 = {
    inPlaceMin: 60,
    categories: [
      { key: 'requires_further_progress', min: 0 },
      { key: 'partially_meets', min: 40 },
      { key: 'meets', min: 60 },
      { key: 'fully_meets', min: 80 },
    ],
    domains: [
      {
        number: 1,
        title: 'Migrant rights',
        subcategories: [
          { key: 'a', label: 'Health care' },
          { key: 'b', label: 'Education' },
        ],
      },
      { number: 2, title: 'Whole of government', subcategories: [{ key: 'a', label: 'A dedicated entity' }] },
    ],
  };
  d.domains.forEach((domain, i) => {
    for (const subdomain of domain.subdomains) {
      (subdomain as Record<string, unknown>).sdg1072 =
        i === 0 ? { domain: 1, subcategory: 'a' } : i === 1 ? { domain: 2, subcategory: 'a' } : null;
    }
  });
  question(d, 'P2.1.1').number = { unit: 'percent', worst: 10, best: 3, min: 0, max: 100, integer: false };
  return d;
}

const mapping = (d: Definition, index: number) => d.domains[index]?.subdomains[0] as Record<string, unknown>;

describe('parseFrameworkDefinition, methodology version 2', () => {
  it('accepts ranges, references and the 10.7.2 crosswalk', () => {
    const d = miniV2();
    question(d, 'P1.1.1').references = ['ILO C189'];
    const framework = parseFrameworkDefinition(d);
    expect(framework.methodology.sdg1072?.inPlaceMin).toBe(60);
    expect(framework.domains[0]?.subdomains[0]?.sdg1072).toEqual({ domain: 1, subcategory: 'a' });
    expect(framework.domains[2]?.subdomains[0]?.sdg1072).toBeNull();
    expect(framework.domains[1]?.subdomains[0]?.questions[0]?.number).toMatchObject({ min: 0, max: 100 });
    expect(framework.domains[0]?.subdomains[0]?.questions[0]?.references).toEqual(['ILO C189']);
  });

  const v2 = (change: (d: Definition) => void) => {
    const d = miniV2();
    change(d);
    return d;
  };
  const setNumber = (d: Definition, spec: Record<string, unknown>) => {
    question(d, 'P2.1.1').number = spec as never;
  };

  const cases: [string, (d: Definition) => void, RegExp][] = [
    [
      'min greater than max',
      (d) => setNumber(d, { unit: 'percent', worst: 10, best: 3, min: 50, max: 0, integer: false }),
      /^P2\.1\.1: number\.min \(50\) must not exceed number\.max \(0\)/,
    ],
    [
      'worst outside [min, max]',
      (d) => setNumber(d, { unit: 'percent', worst: 120, best: 3, min: 0, max: 100, integer: false }),
      /^P2\.1\.1: number\.worst \(120\) lies outside \[min, max\]/,
    ],
    [
      'best outside [min, max]',
      (d) => setNumber(d, { unit: 'percent', worst: 10, best: -1, min: 0, max: 100, integer: false }),
      /^P2\.1\.1: number\.best \(-1\) lies outside \[min, max\]/,
    ],
    [
      'a missing integer',
      (d) => setNumber(d, { unit: 'percent', worst: 10, best: 3, min: 0, max: 100 }),
      /^P2\.1\.1: number\.integer is required from methodology version 2/,
    ],
    [
      'a missing min',
      (d) => setNumber(d, { unit: 'percent', worst: 10, best: 3, max: 100, integer: false }),
      /^P2\.1\.1: number\.min is required from methodology version 2/,
    ],
    [
      'a missing max',
      (d) => setNumber(d, { unit: 'percent', worst: 10, best: 3, min: 0, integer: false }),
      /^P2\.1\.1: number\.max is required from methodology version 2/,
    ],
    [
      'a fractional bound on a count',
      (d) => setNumber(d, { unit: 'agreements', worst: 0, best: 3, min: 0, max: 4.5, integer: true }),
      /^P2\.1\.1: number\.min and number\.max must be whole numbers/,
    ],
    [
      'a sub-domain without sdg1072',
      (d) => {
        delete mapping(d, 3).sdg1072;
      },
      /^O1\.1: sdg1072 is required from methodology version 2/,
    ],
    [
      'two sub-domains mapped to the same sub-category',
      (d) => {
        mapping(d, 3).sdg1072 = { domain: 1, subcategory: 'a' };
      },
      /^O1\.1: sdg1072 1\.a is already mapped to P1\.1/,
    ],
    [
      'a mapping to a sub-category the methodology does not list',
      (d) => {
        mapping(d, 3).sdg1072 = { domain: 2, subcategory: 'e' };
      },
      /^O1\.1: sdg1072 2\.e is not a sub-category listed in methodology\.sdg1072/,
    ],
    [
      'a mapping to a domain out of 1-6',
      (d) => {
        mapping(d, 3).sdg1072 = { domain: 7, subcategory: 'a' };
      },
      /^O1\.1 \(sdg1072\.domain\)/,
    ],
    [
      'a mapping without the sdg1072 methodology block',
      (d) => {
        delete (d.methodology as Record<string, unknown>).sdg1072;
      },
      /^methodology\.sdg1072: required when a sub-domain has an sdg1072 mapping \(P1\.1\)/,
    ],
    [
      'category cut-offs that do not increase',
      (d) => {
        const sdg = (d.methodology as Record<string, unknown>).sdg1072 as { categories: { min: number }[] };
        if (sdg.categories[2]) sdg.categories[2].min = 30;
      },
      /^methodology\.sdg1072\.categories: meets: minimums must increase/,
    ],
    [
      'category cut-offs that do not start at 0',
      (d) => {
        const sdg = (d.methodology as Record<string, unknown>).sdg1072 as { categories: { min: number }[] };
        if (sdg.categories[0]) sdg.categories[0].min = 5;
      },
      /^methodology\.sdg1072\.categories: the first must start at 0/,
    ],
    [
      'inPlaceMin above 100',
      (d) => {
        ((d.methodology as Record<string, unknown>).sdg1072 as Record<string, unknown>).inPlaceMin = 120;
      },
      /^framework \(methodology\.sdg1072\.inPlaceMin\)/,
    ],
    [
      'a duplicate sub-category in the methodology',
      (d) => {
        const sdg = (d.methodology as Record<string, unknown>).sdg1072 as {
          domains: { subcategories: { key: string }[] }[];
        };
        const subs = sdg.domains[0]?.subcategories;
        if (subs?.[1]) subs[1].key = 'a';
      },
      /^methodology\.sdg1072: duplicate sub-category 1\.a/,
    ],
    [
      'an empty reference list',
      (d) => {
        question(d, 'P1.1.1').references = [];
      },
      /^P1\.1\.1 \(references\)/,
    ],
  ];

  it.each(cases)('refuses %s, naming the key', (_name, change, expected) => {
    const found = problems(v2(change));
    expect(
      found.some((p) => expected.test(p)),
      found.join('\n'),
    ).toBe(true);
  });

  it('refuses min > max in a version 1 definition too', () => {
    const found = problems(
      broken((d) => {
        question(d, 'P2.1.1').number = { unit: 'percent', worst: 10, best: 3, min: 100, max: 0 } as never;
      }),
    );
    expect(found.join('\n')).toMatch(/P2\.1\.1: number\.min \(100\) must not exceed number\.max \(0\)/);
  });
});
