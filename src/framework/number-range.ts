import type { Question } from './framework.schema.ts';

/** The answers a number question accepts: `min`/`max` inclusive (absent = unbounded), counts whole. */
export interface NumberRange {
  min?: number;
  max?: number;
  integer: boolean;
}

/**
 * Units of 1.0.0 number questions that count things. 1.0.0 predates `min`, `max` and `integer`,
 * and a published version never changes, so its range is derived from the unit instead.
 */
const COUNT_UNITS = new Set(['conventions', 'agreements']);
/**
 * Counts of a closed list the question names ("how many of these four conventions"): the list's
 * size is the question's `best`, and nothing above it exists.
 */
const CLOSED_COUNT_UNITS = new Set(['conventions']);

/**
 * The range a number answer must fall in. From methodology 2 on the definition states it; for
 * definitions without it (1.0.0) it follows from the unit: a percentage is 0-100, a count is a
 * non-negative whole number (at most the size of the list it counts, for a closed list), and any
 * other unit (a cost, a duration) cannot be negative.
 */
export function numberRange(question: Pick<Question, 'number'>): NumberRange | null {
  const spec = question.number;
  if (!spec) return null;
  if (spec.min !== undefined || spec.max !== undefined || spec.integer !== undefined) {
    return { min: spec.min, max: spec.max, integer: spec.integer ?? false };
  }
  const unit = spec.unit.trim().toLowerCase();
  if (unit === 'percent' || unit === '%') return { min: 0, max: 100, integer: false };
  if (CLOSED_COUNT_UNITS.has(unit)) return { min: 0, max: Math.max(spec.best, spec.worst), integer: true };
  if (COUNT_UNITS.has(unit)) return { min: 0, integer: true };
  return { min: 0, integer: false };
}

/** Why a number is refused for this question (a catalogue message), or null when it is accepted. */
export function numberRangeProblem(
  question: Pick<Question, 'key' | 'number'>,
  value: number,
): { key: string; values: Record<string, string | number> } | null {
  const range = numberRange(question);
  if (!range) return null;
  const values = {
    question: question.key,
    unit: question.number?.unit ?? '',
    min: range.min ?? '',
    max: range.max ?? '',
    bounds: range.max === undefined ? 'min' : range.min === undefined ? 'max' : 'both',
  };
  if ((range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
    return { key: 'field.numberOutOfRange', values };
  }
  if (range.integer && !Number.isInteger(value)) return { key: 'field.wholeNumber', values };
  return null;
}
