import { z } from 'zod';
import { eventSchema } from '../assessments/history.schemas.ts';

/** The consultation's views as the API shows them: changes of a question, what changed since, my tasks. */

export const questionChangesSchema = z
  .object({
    assessmentId: z.string(),
    question: z.string(),
    changes: z.array(eventSchema).meta({
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
    assessmentId: z.string(),
    revision: z.number().int(),
    since: z.number().int().meta({ description: 'The revision counted from' }),
    questions: z.array(
      z.object({
        question: z.string(),
        revision: z.number().int().meta({ description: 'Its latest change' }),
        at: z.string(),
        actor: z.string(),
        ministry: z.string().nullable(),
        answer: z.boolean().meta({ description: 'Its answer changed' }),
        threads: z.boolean().meta({ description: 'Its threads changed' }),
      }),
    ),
  })
  .meta({ id: 'ChangedSince' });

const questionRef = z.object({ question: z.string(), threadId: z.string() });

export const tasksSchema = z
  .object({
    counts: z.object({
      unanswered: z.number().int(),
      threads: z.number().int(),
      remarks: z.number().int(),
      reviews: z.number().int(),
    }),
    assessments: z.array(
      z.object({
        assessmentId: z.string(),
        country: z.string(),
        period: z.string(),
        status: z.string(),
        unanswered: z
          .array(
            z.object({
              question: z.string(),
              reason: z.enum(['unanswered', 'evidence_required', 'not_applicable_evidence']),
            }),
          )
          .meta({
            description: 'My questions (my ministry’s; for a focal point, the unassigned ones) still to do',
          }),
        threads: z.array(questionRef).meta({ description: 'Open threads on my questions waiting on me' }),
        remarks: z.array(questionRef).meta({ description: 'Review remarks I may resolve' }),
      }),
    ),
    reviews: z
      .array(
        z.object({
          assessmentId: z.string(),
          country: z.string(),
          period: z.string(),
          submittedAt: z.string().nullable(),
        }),
      )
      .meta({ description: 'Submitted assessments waiting for review (reviewers)' }),
  })
  .meta({ id: 'Tasks' });
