import type { AnswerableQuestion } from '../framework/framework.schema.ts';

/**
 * Copy forward (issue 24 item 7): an answer of an earlier validated round is kept in the new
 * assessment only where the question is unchanged, that is the same key, type, option values and
 * scores, number range, and the same English text and guidance; any other answer is asked again
 * and the new assessment lists it with the first reason found, in this order.
 */

export const ASKED_AGAIN_REASONS = [
  'removed',
  'type_changed',
  'options_changed',
  'number_changed',
  'text_changed',
  'guidance_changed',
] as const;
export type AskedAgainReason = (typeof ASKED_AGAIN_REASONS)[number];

const optionsKey = (q: AnswerableQuestion) =>
  JSON.stringify(q.options?.map((o) => [o.value, o.score]) ?? null);
const numberKey = (q: AnswerableQuestion) => {
  const n = q.number;
  return JSON.stringify(n ? [n.unit, n.worst, n.best, n.min, n.max, n.integer] : null);
};

/** Why an answer to `before` cannot stand for `after`; null when the question is unchanged. */
export function askedAgainReason(
  before: AnswerableQuestion | undefined,
  after: AnswerableQuestion | undefined,
): AskedAgainReason | null {
  if (!before || !after) return 'removed';
  if (before.type !== after.type) return 'type_changed';
  if (optionsKey(before) !== optionsKey(after)) return 'options_changed';
  if (numberKey(before) !== numberKey(after)) return 'number_changed';
  if (before.text !== after.text) return 'text_changed';
  if (before.guidance !== after.guidance) return 'guidance_changed';
  return null;
}
