import { describe, expect, it } from 'vitest';
import { numberRange, numberRangeProblem } from '../../src/framework/number-range.ts';
import { t } from '../../src/i18n/messages.ts';

const q = (number: Record<string, unknown>) => ({ key: 'X1.1.1', number: number as never });

describe('numberRange', () => {
  it('uses the stated range from methodology 2 on', () => {
    expect(numberRange(q({ unit: 'agreements', worst: 0, best: 3, min: 0, max: 50, integer: true }))).toEqual(
      {
        min: 0,
        max: 50,
        integer: true,
      },
    );
  });

  it('derives the range of a 1.0.0 question from its unit', () => {
    expect(numberRange(q({ unit: 'percent', worst: 0, best: 100 }))).toEqual({
      min: 0,
      max: 100,
      integer: false,
    });
    expect(numberRange(q({ unit: 'conventions', worst: 0, best: 4 }))).toEqual({
      min: 0,
      max: 4,
      integer: true,
    });
    expect(numberRange(q({ unit: 'agreements', worst: 0, best: 10 }))).toEqual({ min: 0, integer: true });
    expect(numberRange(q({ unit: 'months of earnings', worst: 3, best: 0 }))).toEqual({
      min: 0,
      integer: false,
    });
  });

  it('names the question and the range when refusing, in every language', () => {
    const said = (question: ReturnType<typeof q>, value: number, locale: 'en' | 'fr' | 'es' = 'en') => {
      const problem = numberRangeProblem(question, value);
      return problem && t(locale, problem.key, problem.values);
    };
    const pct = q({ unit: 'percent', worst: 10, best: 3 });
    expect(said(pct, -50)).toBe('X1.1.1 takes a number from 0 to 100 (percent)');
    expect(said(pct, 250)).toMatch(/from 0 to 100/);
    expect(said(pct, 100)).toBeNull();
    const count = q({ unit: 'conventions', worst: 0, best: 4 });
    expect(said(count, 2.5)).toBe('X1.1.1 takes a whole number from 0 to 4 (conventions)');
    expect(said(count, 99)).toBe('X1.1.1 takes a number from 0 to 4 (conventions)');
    expect(said(count, 99, 'fr')).toBe('X1.1.1 attend un nombre de 0 à 4 (conventions)');
    expect(said(q({ unit: 'agreements', worst: 0, best: 10 }), -1, 'es')).toBe(
      'X1.1.1 requiere un número no inferior a 0 (agreements)',
    );
    expect(said(q({ unit: 'agreements', worst: 0, best: 10 }), 99)).toBeNull();
  });
});
