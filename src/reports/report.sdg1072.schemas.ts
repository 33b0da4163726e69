import { z } from 'zod';

/**
 * The report's 10.7.2 section from methodology 3 (framework 2.1.0 on): the official values
 * computed from the government's direct answers (UN DESA/IOM metadata, March 2021), with the
 * crosswalk's suggestion beside each item. Reports of 2.0.0 keep methodology 2's unofficial view.
 */

const officialCategorySchema = z
  .object({
    code: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    key: z.enum(['requires_further_progress', 'partially_meets', 'meets', 'fully_meets']),
    label: z.string().meta({ description: 'The official category name (en), or its translation' }),
  })
  .meta({
    id: 'Sdg1072OfficialCategory',
    description:
      'Official 10.7.2 category (metadata March 2021, 4.c): 1 under 40 "Requires further progress", 2 from 40 to under 80 "Partially meets", 3 from 80 to under 100 "Meets", 4 exactly 100 "Fully meets".',
  });

const signalSchema = z.object({
  question: z.string(),
  answer: z
    .string()
    .nullable()
    .meta({ description: 'The MiGOF answer value; null when unanswered or not applicable' }),
  suggests: z.string().nullable().meta({ description: 'The item answer it points to; null for no signal' }),
});

const officialItemSchema = z.object({
  key: z.string().meta({ example: 'S1072.1a' }),
  text: z.string(),
  answer: z
    .string()
    .nullable()
    .meta({ description: 'The direct answer value; null when unanswered (counts 0)' }),
  answerLabel: z.string(),
  value: z.number().meta({ description: '1, 0.5 (domain 1, legal status only) or 0; 0 when unanswered' }),
  suggestion: z
    .string()
    .meta({ description: 'What the MiGOF answers suggest: an answer value, or `unclear`' }),
  suggestionLabel: z.string(),
  questions: z.array(signalSchema),
  disagrees: z.boolean().meta({ description: 'The direct answer differs from a definite suggestion' }),
});

export const sdg1072OfficialSchema = z
  .object({
    official: z.literal(true),
    source: z.string(),
    answered: z.number().int().meta({ description: 'Items answered, of 30' }),
    overall: z.object({
      value: z.number().meta({ description: 'The mean of the 30 values, as a percentage' }),
      category: officialCategorySchema,
    }),
    domains: z.array(
      z.object({
        number: z.number().int(),
        title: z.string(),
        question: z.string(),
        value: z.number().meta({ description: '100 x the sum of the five values / 5' }),
        category: officialCategorySchema,
        items: z.array(officialItemSchema),
      }),
    ),
    disagreements: z
      .array(
        z.object({
          item: z.string(),
          text: z.string(),
          answer: z.string(),
          suggestion: z.string(),
          questions: z
            .array(z.string())
            .meta({ description: 'The MiGOF questions whose answers gave a signal' }),
        }),
      )
      .meta({ description: 'Every item whose direct answer differs from what the MiGOF answers suggest' }),
  })
  .meta({
    id: 'Sdg1072Official',
    description:
      'SDG indicator 10.7.2 by the official rule, from the government’s direct answers to the 30 sub-categories (methodology 3); the crosswalk only warns and never changes an answer.',
  });

export type Sdg1072Official = z.output<typeof sdg1072OfficialSchema>;
