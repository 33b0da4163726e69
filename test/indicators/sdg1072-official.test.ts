import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  categoryKey,
  categoryOf,
  domainValue,
  meetsOrFullyMeets,
  type OfficialAnswer,
  officialRows,
  overallValue,
} from '../../src/indicators/sdg1072.official.ts';

/** The official coding (UN DESA/IOM metadata, March 2021): yes answers out of five -> category. */
const OFFICIAL_TABLE: [yes: number, value: number, category: number][] = [
  [0, 0, 1],
  [1, 20, 1],
  [2, 40, 2],
  [3, 60, 2],
  [4, 80, 3],
  [5, 100, 4],
];

const answers = (yes: number, length = 5): OfficialAnswer[] =>
  Array.from({ length }, (_, i) => (i < yes ? 'yes' : 'no'));

const answer = fc.constantFrom<OfficialAnswer>('yes', 'no', null);
const domainOneAnswer = fc.constantFrom<OfficialAnswer>('yes', 'yes_legal_status_only', 'no', null);

describe('the official 10.7.2 coding', () => {
  it.each(OFFICIAL_TABLE)('%i yes of five is a value of %i, category %i', (yes, value, category) => {
    for (const domain of [2, 3, 4, 5, 6]) {
      expect(domainValue(answers(yes), domain)).toBe(value);
      expect(categoryOf(domainValue(answers(yes), domain))).toBe(category);
    }
  });

  it('names the categories as the metadata does, and counts meets and fully meets as meeting', () => {
    expect([1, 2, 3, 4].map((c) => categoryKey(c as 1 | 2 | 3 | 4))).toEqual([
      'requires_further_progress',
      'partially_meets',
      'meets',
      'fully_meets',
    ]);
    expect([1, 2, 3, 4].map(meetsOrFullyMeets)).toEqual([false, false, true, true]);
  });

  it('puts the cut-offs at 40, 80 and exactly 100', () => {
    expect([0, 39.99, 40, 79.99, 80, 99.99, 100].map(categoryOf)).toEqual([1, 1, 2, 2, 3, 3, 4]);
  });

  it('halves the domain-1 answer "only for those with legal immigration status"', () => {
    expect(domainValue(['yes_legal_status_only', 'yes', 'yes', 'yes', 'yes'], 1)).toBe(90);
    expect(categoryOf(90)).toBe(3);
    // Five half answers are 50: partially meets, not fully.
    expect(domainValue(Array(5).fill('yes_legal_status_only'), 1)).toBe(50);
    expect(() => domainValue(['yes_legal_status_only'], 2)).toThrow(RangeError);
  });

  it('counts a missing answer as no and keeps the denominator at five', () => {
    expect(domainValue(['yes', 'yes', 'yes', 'yes', null], 3)).toBe(80);
    expect(domainValue(['yes', 'yes', 'yes', 'yes'], 3)).toBe(80);
    expect(domainValue([], 3)).toBe(0);
  });

  it('takes the overall value as the mean of the six domain values', () => {
    expect(overallValue([100, 100, 100, 100, 100, 100])).toBe(100);
    expect(categoryOf(overallValue([100, 100, 100, 100, 100, 80]))).toBe(3);
    expect(overallValue([0, 20, 40, 60, 80, 100])).toBe(50);
  });
});

describe('the official 10.7.2 coding, for any answers', () => {
  it('gives a domain of domains 2-6 the category its count of yes answers gives', () => {
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 5 }), fc.integer({ min: 2, max: 6 }), (given, domain) => {
        const yes = given.filter((a) => a === 'yes').length;
        const row = OFFICIAL_TABLE[yes]!;
        expect(domainValue(given, domain)).toBe(row[1]);
        expect(categoryOf(domainValue(given, domain))).toBe(row[2]);
      }),
    );
  });

  it('keeps every domain-1 value on the half-point grid and the category monotone in it', () => {
    fc.assert(
      fc.property(fc.array(domainOneAnswer, { minLength: 5, maxLength: 5 }), (given) => {
        const value = domainValue(given, 1);
        expect(Number.isInteger(value / 10)).toBe(true);
        // Upgrading any answer to a full yes never lowers the category.
        const upgraded = given.map(() => 'yes' as const);
        expect(categoryOf(domainValue(upgraded, 1))).toBeGreaterThanOrEqual(categoryOf(value));
      }),
    );
  });

  it('gives the overall value the mean of the 30 sub-category values, and fully meets only when all are yes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(answer, { minLength: 5, maxLength: 5 }), { minLength: 6, maxLength: 6 }),
        (all) => {
          const overall = overallValue(all.map((d, i) => domainValue(d, i + 1)));
          const yes = all.flat().filter((a) => a === 'yes').length;
          expect(overall).toBeCloseTo((100 * yes) / 30, 9);
          expect(categoryOf(overall) === 4).toBe(yes === 30);
          expect(categoryOf(overall) >= 3).toBe(yes >= 24);
        },
      ),
    );
  });
});

/** A report's `sdg1072` from framework 2.1.0 on (the report's contract), from domain values. */
function officialReport(values: number[], overall = overallValue(values)) {
  const category = (value: number) => ({ code: categoryOf(value), key: categoryKey(categoryOf(value)) });
  return {
    official: true,
    domains: values.map((value, i) => ({ number: i + 1, value, category: category(value), items: [] })),
    overall: { value: overall, category: category(overall) },
  };
}

describe('what the validation step records from a report', () => {
  it('takes the overall value as domain 0 and the six domains, with their category codes', () => {
    const rows = officialRows(officialReport([100, 80, 60, 40, 20, 0]));
    expect(rows).toEqual([
      { domain: 0, value: 50, category: 2 },
      { domain: 1, value: 100, category: 4 },
      { domain: 2, value: 80, category: 3 },
      { domain: 3, value: 60, category: 2 },
      { domain: 4, value: 40, category: 2 },
      { domain: 5, value: 20, category: 1 },
      { domain: 6, value: 0, category: 1 },
    ]);
  });

  it('records nothing for the unofficial view of 2.0.0, for null, or for an incomplete record', () => {
    expect(officialRows(null)).toEqual([]);
    expect(officialRows({ ...officialReport([100, 100, 100, 100, 100, 100]), official: false })).toEqual([]);
    const five = officialReport([100, 100, 100, 100, 100, 100]);
    five.domains.pop();
    expect(officialRows(five)).toEqual([]);
  });

  it('refuses a category its value does not fall in', () => {
    const report = officialReport([100, 100, 100, 100, 100, 100]);
    report.domains[2]!.category = { code: 4, key: 'fully_meets' };
    report.domains[2]!.value = 60;
    expect(officialRows(report)).toEqual([]);
  });
});
