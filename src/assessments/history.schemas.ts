import { z } from 'zod';
import { iso3Schema } from '../auth/claims.ts';
import { EVENT_TYPES } from '../db/schema/index.ts';
import { MAX_QUESTIONS } from '../framework/framework.limits.ts';
import { boundedArray, countInt, cursorString, LIMITS, timestampString, uuidString } from '../lib/bounded.ts';
import {
  assessmentIdSchema,
  periodSchema,
  questionKeySchema,
  storedAnswerValueSchema,
  subjectSchema,
} from './assessment.fields.ts';
import { evidenceSchema, frameworkRefSchema, MAX_EVIDENCE, statusSchema } from './assessment.schemas.ts';

/** The history of an assessment as the API shows it: events, their before and after, pages. */

const MAX_HISTORY_PAGE = 1000;

// Typed rather than free JSON: a recursive z.json() comes out of the OpenAPI generator as an
// unresolvable `__shared#/$defs/...` reference (fastify-type-provider-zod issue 210).
const answerStateSchema = z
  .object({
    value: storedAnswerValueSchema.nullable(),
    notApplicable: z.boolean(),
    comment: z.string().max(LIMITS.comment).nullable(),
    evidence: boundedArray(evidenceSchema, MAX_EVIDENCE),
  })
  .meta({ id: 'AnswerState', description: 'An answer as stored (answer_set and answer_cleared events)' });

const statusStateSchema = z
  .object({ status: statusSchema })
  .meta({ id: 'StatusState', description: 'The status (submitted, returned and validated events)' });

const creationStateSchema = z
  .object({
    country: iso3Schema,
    period: periodSchema,
    framework: frameworkRefSchema,
    copiedFrom: assessmentIdSchema.nullable(),
    answersCopied: countInt().max(MAX_QUESTIONS),
    answersAskedAgain: countInt().max(MAX_QUESTIONS).optional().meta({
      description: 'Answers of the copied round not carried over (see the assessment’s askedAgain)',
    }),
  })
  .meta({ id: 'CreationState', description: 'What an assessment was opened with (created events)' });

const consultationStateSchema = z
  .object({
    ministry: uuidString().optional().meta({ description: 'The ministry (id) concerned' }),
    ready: z.boolean().optional(),
    assignments: z
      .array(
        z.object({
          scope: questionKeySchema,
          lead: uuidString(),
          contributors: boundedArray(uuidString(), 20),
        }),
      )
      .max(500)
      .optional(),
    comment: z
      .object({
        id: uuidString(),
        threadId: uuidString().nullable(),
        replyTo: uuidString().nullable(),
        text: z.string().max(LIMITS.comment),
        remark: z.boolean(),
      })
      .optional(),
    resolved: z.boolean().optional(),
  })
  .meta({
    id: 'ConsultationState',
    description: 'Assignments, a ministry sign-off, a comment or a thread state (consultation events)',
  });

export const eventSchema = z
  .object({
    id: z.number().int().min(1).meta({ format: 'int64' }),
    revision: countInt(),
    type: z.enum(EVENT_TYPES),
    actor: subjectSchema,
    at: timestampString(),
    question: questionKeySchema.nullable(),
    before: z
      .union([answerStateSchema, statusStateSchema, consultationStateSchema])
      .nullable()
      .meta({ description: 'The answer or the status before the change; null when there was none' }),
    after: z
      .union([answerStateSchema, statusStateSchema, creationStateSchema, consultationStateSchema])
      .nullable()
      .meta({ description: 'The same after the change; null when an answer was cleared' }),
    reason: z.string().max(LIMITS.comment).nullable(),
    ministry: uuidString()
      .nullable()
      .meta({ description: 'The ministry (id) of the actor, when the actor is a contributor' }),
  })
  .meta({ id: 'HistoryEvent' });

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
  cursor: cursorString()
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page (asked for with the same `order`)' }),
  order: z.enum(['desc', 'asc']).default('desc').meta({
    description: '`desc` (the default): newest first, as a person reads a history; `asc`: oldest first',
  }),
});

export const historySchema = z
  .object({
    assessmentId: assessmentIdSchema,
    events: boundedArray(eventSchema, MAX_HISTORY_PAGE),
    nextCursor: cursorString().nullable().meta({
      description: 'Pass as `cursor` for the next page (also in the `Link` header); null on the last',
    }),
  })
  .meta({ id: 'History' });

export type HistoryQuery = z.output<typeof historyQuerySchema>;
export type HistoryEvent = z.input<typeof eventSchema>;
