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
});
