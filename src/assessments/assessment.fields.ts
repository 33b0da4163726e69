/**
 * The bounded fields of the assessment API (issue #31): ids, periods, question keys, option
 * values, entity tags and subjects, each with a length and a shape that the writes enforce.
 */
import { z } from 'zod';
import { LIMITS, uuidString } from '../lib/bounded.ts';

/** An answer's option value as a request gives it: checked against the question's options later. */
export const optionValueInput = z.string().min(1).max(LIMITS.optionValue);
/** An option value as stored: only a question's options are accepted, and the loader shapes those. */
export const optionValueSchema = z
  .string()
  .max(LIMITS.optionValue)
  .regex(/^[a-z0-9_]+$/, 'an option value');

/** A stored answer: an option value or a number. */
export const storedAnswerValueSchema = z.union([optionValueSchema, z.number()]);

/** An entity tag list as If-Match carries it (`"r3"`, `*`, or a comma-separated list). */
export const etagSchema = z
  .string()
  .max(200)
  .regex(/^[\x20-\x7e]*$/, 'must be an entity tag, e.g. "r3"');

export const periodSchema = z
  .string()
  .max(4)
  .regex(/^(19|20|21)\d{2}$/, 'must be a four-digit year, e.g. 2026')
  .meta({ description: 'The reporting period: a calendar year', example: '2026' });

export const assessmentIdSchema = uuidString('must be an assessment id (a UUID)').meta({
  example: '019a1b2c-3d4e-7f00-8a00-0123456789ab',
});

/** A question key as the API takes it (framework.schema.ts keeps the stricter form for definitions). */
export const questionKeySchema = z
  .string()
  .min(1)
  .max(LIMITS.questionKey)
  .regex(/^[A-Za-z0-9._-]+$/, 'must be a question key, e.g. P1.1.1')
  .meta({ example: 'P1.1.1' });

/** Who did something: the `sub` of their token (src/auth/claims.ts bounds it). */
export const subjectSchema = z.string().max(LIMITS.subject);
