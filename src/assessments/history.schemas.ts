import { z } from 'zod';
import { EVENT_TYPES } from '../db/schema/index.ts';
import { evidenceSchema, frameworkRefSchema, statusSchema } from './assessment.schemas.ts';

/** The history of an assessment as the API shows it: events, their before and after, pages. */

// Typed rather than free JSON: a recursive z.json() comes out of the OpenAPI generator as an
// unresolvable `__shared#/$defs/...` reference (fastify-type-provider-zod issue 210).
const answerStateSchema = z
  .object({
    value: z.union([z.string(), z.number()]).nullable(),
    notApplicable: z.boolean(),
    comment: z.string().nullable(),
    evidence: z.array(evidenceSchema),
  })
  .meta({ id: 'AnswerState', description: 'An answer as stored (answer_set and answer_cleared events)' });

const statusStateSchema = z
  .object({ status: statusSchema })
  .meta({ id: 'StatusState', description: 'The status (submitted, returned and validated events)' });

const creationStateSchema = z
  .object({
    country: z.string(),
    period: z.string(),
    framework: frameworkRefSchema,
    copiedFrom: z.string().nullable(),
    answersCopied: z.number().int(),
    answersAskedAgain: z.number().int().optional().meta({
      description: 'Answers of the copied round not carried over (see the assessment’s askedAgain)',
    }),
  })
  .meta({ id: 'CreationState', description: 'What an assessment was opened with (created events)' });

export const eventSchema = z
  .object({
    id: z.number().int(),
    revision: z.number().int(),
    type: z.enum(EVENT_TYPES),
    actor: z.string(),
    at: z.string(),
    question: z.string().nullable(),
    before: z
      .union([answerStateSchema, statusStateSchema])
      .nullable()
      .meta({ description: 'The answer or the status before the change; null when there was none' }),
    after: z
      .union([answerStateSchema, statusStateSchema, creationStateSchema])
      .nullable()
      .meta({ description: 'The same after the change; null when an answer was cleared' }),
    reason: z.string().nullable(),
  })
  .meta({ id: 'HistoryEvent' });

const MAX_HISTORY_PAGE = 1000;

export const historyQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_HISTORY_PAGE)
    .default(200)
    .meta({
      description: `Page size, at most ${MAX_HISTORY_PAGE}; a page also stops at about 2 MB of events`,
    }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page (asked for with the same `order`)' }),
  order: z.enum(['desc', 'asc']).default('desc').meta({
    description: '`desc` (the default): newest first, as a person reads a history; `asc`: oldest first',
  }),
});

export const historySchema = z
  .object({
    assessmentId: z.string(),
    events: z.array(eventSchema),
    nextCursor: z.string().nullable().meta({
      description: 'Pass as `cursor` for the next page (also in the `Link` header); null on the last',
    }),
  })
  .meta({ id: 'History' });

export type HistoryQuery = z.output<typeof historyQuerySchema>;
export type HistoryEvent = z.input<typeof eventSchema>;
