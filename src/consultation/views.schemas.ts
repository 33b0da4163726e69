import { z } from 'zod';
import { eventSchema } from '../assessments/history.schemas.ts';
import { MAX_LIST, MAX_TEXT } from './consultation.limits.ts';

/** The consultation's views as the API shows them: changes of a question, what changed since, my tasks. */

export const questionChangesSchema = z
  .object({
    assessmentId: z.string().max(MAX_TEXT),
    question: z.string().max(MAX_TEXT),
    changes: z
      .array(eventSchema)
      .max(MAX_LIST)
      .meta({
        description:
          'Every change of the answer (value, not applicable, evidence, comment) and of its threads, oldest first, ' +
          'with who, which ministry, when, before and after',
      }),
  })
  .meta({ id: 'QuestionChanges' });

export const changedSinceQuerySchema = z.strictObject({
  since: z
    .union([z.enum(['visit', 'review']), z.coerce.number().int().min(0).max(1e12)])
    .default('visit')
    .meta({
      description:
        '`visit`: since the caller’s last visit (recorded with `PUT /v1/me/visits/{id}`); `review`: since the ' +
        'assessment was last returned; or a revision number',
    }),
});

export const changedSinceSchema = z
  .object({
    assessmentId: z.string().max(MAX_TEXT),
    revision: z.number().int(),
    since: z.number().int().meta({ description: 'The revision counted from' }),
    questions: z
      .array(
        z.object({
          question: z.string().max(MAX_TEXT),
          revision: z.number().int().meta({ description: 'Its latest change' }),
          at: z.string().max(MAX_TEXT),
          actor: z.string().max(MAX_TEXT),
          ministry: z.string().max(MAX_TEXT).nullable(),
          answer: z.boolean().meta({ description: 'Its answer changed' }),
          threads: z.boolean().meta({ description: 'Its threads changed' }),
        }),
      )
      .max(MAX_LIST),
  })
  .meta({ id: 'ChangedSince' });

const questionRef = z.object({ question: z.string().max(MAX_TEXT), threadId: z.string().max(MAX_TEXT) });

export const tasksSchema = z
  .object({
    counts: z.object({
      unanswered: z.number().int(),
      threads: z.number().int(),
      remarks: z.number().int(),
      reviews: z.number().int(),
    }),
    assessments: z
      .array(
        z.object({
          assessmentId: z.string().max(MAX_TEXT),
          country: z.string().max(MAX_TEXT),
          period: z.string().max(MAX_TEXT),
          status: z.string().max(MAX_TEXT),
          unanswered: z
            .array(
              z.object({
                question: z.string().max(MAX_TEXT),
                reason: z.enum(['unanswered', 'evidence_required', 'not_applicable_evidence']),
              }),
            )
            .max(MAX_LIST)
            .meta({
              description: 'My questions (my ministry’s; for a focal point, the unassigned ones) still to do',
            }),
          threads: z
            .array(questionRef)
            .max(MAX_LIST)
            .meta({ description: 'Open threads on my questions waiting on me' }),
          remarks: z.array(questionRef).max(MAX_LIST).meta({ description: 'Review remarks I may resolve' }),
        }),
      )
      .max(MAX_LIST),
    reviews: z
      .array(
        z.object({
          assessmentId: z.string().max(MAX_TEXT),
          country: z.string().max(MAX_TEXT),
          period: z.string().max(MAX_TEXT),
          submittedAt: z.string().max(MAX_TEXT).nullable(),
        }),
      )
      .max(MAX_LIST)
      .meta({ description: 'Submitted assessments waiting for review (reviewers)' }),
  })
  .meta({ id: 'Tasks' });

export const threadSummarySchema = z
  .object({
    assessmentId: z.string().max(MAX_TEXT),
    revision: z.number().int(),
    questions: z
      .array(
        z.object({
          question: z.string().max(MAX_TEXT),
          threads: z.number().int().meta({ description: 'Threads on the question' }),
          open: z.number().int().meta({ description: 'Of those, the ones not resolved' }),
          openRemarks: z.number().int().meta({ description: 'Review remarks not resolved' }),
          comments: z.number().int(),
          unread: z
            .number()
            .int()
            .meta({
              description:
                'Comments by others since the caller last read the question’s threads (`PUT /v1/me/reads/{id}/{question}`); ' +
                'all of them when never read',
            }),
          lastReadAt: z.string().max(MAX_TEXT).nullable(),
        }),
      )
      .max(MAX_LIST)
      .meta({ description: 'The questions with at least one comment, in the framework’s order' }),
    unread: z.number().int().meta({ description: 'The sum of the unread counts' }),
  })
  .meta({ id: 'ThreadSummary' });

export const threadReadSchema = z
  .object({
    assessmentId: z.string().max(MAX_TEXT),
    question: z.string().max(MAX_TEXT),
    at: z.string().max(MAX_TEXT),
    revision: z.number().int().meta({ description: 'Comments made at a later revision count as unread' }),
  })
  .meta({ id: 'ThreadRead' });
