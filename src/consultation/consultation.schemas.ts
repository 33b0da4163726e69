import { z } from 'zod';
import { hasVisibleText } from '../lib/text.ts';
import { ministryIdSchema } from '../ministries/ministry.schemas.ts';
import { MAX_LIST, MAX_TEXT } from './consultation.limits.ts';

/** The consultation as the API shows and takes it: assignments, progress, sign-off, threads, changes. */

export const MAX_COMMENT = 4000;
const MAX_ASSIGNMENTS = 500;
const MAX_CONTRIBUTORS = 20;
const INVISIBLE = {
  message: 'must contain visible characters, not only spaces or invisible ones (e.g. U+200B)',
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const assessmentIdSchema = z.string().max(MAX_TEXT).regex(uuid, 'must be an assessment id (a UUID)');
const questionKeySchema = z.string().min(1).max(20).meta({ example: 'P1.2.3' });
const commentIdSchema = z.string().max(MAX_TEXT).regex(uuid, 'must be a comment id (a UUID)');

export const assignmentSchema = z
  .strictObject({
    scope: z.string().min(1).max(20).meta({
      description: 'A sub-domain key (`P1.2`) or a question key (`P1.2.3`, `S1072.1a`)',
      example: 'P1.2',
    }),
    lead: ministryIdSchema.meta({ description: 'The lead ministry (id)' }),
    contributors: z
      .array(ministryIdSchema)
      .max(MAX_CONTRIBUTORS)
      .optional()
      .meta({ description: 'Contributing ministries (ids); they may write the scope too' }),
  })
  .meta({ id: 'Assignment' });

export const putAssignmentsSchema = z
  .strictObject({ assignments: z.array(assignmentSchema).max(MAX_ASSIGNMENTS) })
  .meta({ id: 'PutAssignments' });

const ministryProgressSchema = z
  .object({
    ministryId: z.string().max(MAX_TEXT),
    code: z.string().max(MAX_TEXT),
    name: z.string().max(MAX_TEXT),
    retired: z.boolean(),
    assigned: z.number().int().meta({ description: 'Questions assigned to it (as lead or contributor)' }),
    enabled: z.number().int().meta({ description: 'Of those, the ones that currently apply' }),
    answered: z.number().int(),
    evidenceMissing: z.number().int().meta({ description: 'Positive answers lacking required evidence' }),
    ready: z
      .object({ by: z.string().max(MAX_TEXT), at: z.string().max(MAX_TEXT), revision: z.number().int() })
      .nullable()
      .meta({ description: 'The sign-off of its part; null when not (or no longer) ready' }),
  })
  .meta({ id: 'MinistryProgress' });

export const assignmentsResponseSchema = z
  .object({
    assessmentId: z.string().max(MAX_TEXT),
    revision: z.number().int(),
    assignments: z
      .array(
        z.object({
          scope: z.string().max(MAX_TEXT),
          lead: z.string().max(MAX_TEXT),
          contributors: z.array(z.string().max(MAX_TEXT)).max(MAX_CONTRIBUTORS),
        }),
      )
      .max(MAX_LIST),
    ministries: z.array(ministryProgressSchema).max(MAX_LIST),
    unassigned: z.number().int().meta({ description: 'Questions left to the focal point' }),
  })
  .meta({ id: 'Assignments' });

export const idParamsSchema = z.strictObject({ id: assessmentIdSchema });
export const readyParamsSchema = z.strictObject({ id: assessmentIdSchema, ministryId: ministryIdSchema });
export const questionParamsSchema = z.strictObject({ id: assessmentIdSchema, question: questionKeySchema });
export const commentParamsSchema = z.strictObject({
  id: assessmentIdSchema,
  question: questionKeySchema,
  commentId: commentIdSchema,
});

export const postCommentSchema = z
  .strictObject({
    text: z.string().trim().min(1).max(MAX_COMMENT).refine(hasVisibleText, INVISIBLE),
    replyTo: commentIdSchema.optional().meta({ description: 'A comment of the same question to reply to' }),
  })
  .meta({ id: 'PostComment', example: { text: 'The 2024 Act covers this; see s. 12' } });

export const commentSchema = z
  .object({
    id: z.string().max(MAX_TEXT),
    question: z.string().max(MAX_TEXT),
    threadId: z.string().max(MAX_TEXT).meta({ description: 'The id of the thread’s first comment' }),
    replyTo: z.string().max(MAX_TEXT).nullable(),
    author: z.string().max(MAX_TEXT),
    ministry: z
      .string()
      .max(MAX_TEXT)
      .nullable()
      .meta({ description: 'The author’s ministry (id), for contributors' }),
    text: z.string().max(MAX_TEXT),
    at: z.string().max(MAX_TEXT),
    remark: z.boolean().meta({ description: 'Opened by a reviewer when returning the assessment' }),
  })
  .meta({ id: 'Comment' });

export const threadSchema = z
  .object({
    id: z.string().max(MAX_TEXT),
    question: z.string().max(MAX_TEXT),
    remark: z.boolean(),
    resolved: z.boolean(),
    resolvedAt: z.string().max(MAX_TEXT).nullable(),
    resolvedBy: z.string().max(MAX_TEXT).nullable(),
    comments: z.array(commentSchema).max(MAX_LIST),
  })
  .meta({ id: 'Thread' });

export const threadsResponseSchema = z
  .object({
    assessmentId: z.string().max(MAX_TEXT),
    question: z.string().max(MAX_TEXT),
    threads: z.array(threadSchema).max(MAX_LIST),
  })
  .meta({ id: 'Threads' });

export type PutAssignments = z.output<typeof putAssignmentsSchema>;
export type PostComment = z.output<typeof postCommentSchema>;
