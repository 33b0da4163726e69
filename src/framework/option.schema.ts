import { z } from 'zod';

/** An answer option of a choice question: shared by the MiGOF questions and the 10.7.2 items. */
export const optionValue = z
  .string()
  .regex(/^[a-z0-9_]{1,40}$/, 'option values are snake_case, at most 40 characters');

export const optionSchema = z
  .strictObject({
    value: optionValue,
    label: z.string().min(1).max(200),
    score: z.number().min(0, 'option score must be in [0, 1]').max(1, 'option score must be in [0, 1]'),
  })
  .meta({ id: 'QuestionOption' });
