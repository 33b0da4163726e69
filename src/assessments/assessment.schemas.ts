import { z } from 'zod';
import { iso3Schema } from '../auth/claims.ts';
import { ASSESSMENT_STATUSES } from '../db/schema/index.ts';
import { domainKeySchema, MAX_PROGRESS_DOMAINS, MAX_QUESTIONS } from '../framework/framework.limits.ts';
import { boundedArray, countInt, cursorString, LIMITS, timestampString, uuidString } from '../lib/bounded.ts';
import { hasVisibleText } from '../lib/text.ts';
import {
  assessmentIdSchema,
  etagSchema,
  optionValueInput,
  periodSchema,
  questionKeySchema,
  storedAnswerValueSchema,
  subjectSchema,
} from './assessment.fields.ts';
import { ASKED_AGAIN_REASONS } from './copy-forward.ts';

export const MAX_BATCH = 500;
const MAX_COMMENT = LIMITS.comment;
export const MAX_EVIDENCE = 20;
const MAX_PAGE = 100;

/** Numeric answers beyond this magnitude are typing errors, not data. */
const MAX_NUMBER = 1e12;

/** Required text must show something: only spaces or zero-width characters do not count. */
const INVISIBLE = {
  message: 'must contain visible characters, not only spaces or invisible ones (e.g. U+200B)',
};

export const statusSchema = z.enum(ASSESSMENT_STATUSES).meta({ id: 'AssessmentStatus' });

export const frameworkRefSchema = z
  .strictObject({
    key: z
      .string()
      .min(1)
      .max(LIMITS.frameworkKey)
      .regex(/^[a-z][a-z0-9-]*$/, 'must be a framework key, e.g. migof')
      .meta({ example: 'migof' }),
    version: z
      .string()
      .min(1)
      .max(LIMITS.frameworkVersion)
      .regex(/^\d+\.\d+\.\d+$/, 'must be a version, e.g. 1.0.0')
      .meta({ example: '1.0.0' }),
  })
  .meta({ id: 'FrameworkRef' });

export const createAssessmentSchema = z
  .strictObject({
    country: iso3Schema,
    period: periodSchema,
    framework: frameworkRefSchema
      .optional()
      .meta({ description: 'Defaults to the latest published version' }),
    copyFrom: assessmentIdSchema
      .optional()
      .meta({ description: 'A validated assessment of the same country whose answers to copy' }),
  })
  .meta({ id: 'CreateAssessment', example: { country: 'KEN', period: '2026' } });

export const coverageSchema = z
  .object({
    answered: countInt(),
    enabled: countInt(),
    coverage: z.number().meta({ description: 'answered / enabled, in [0, 1]' }),
  })
  .meta({ id: 'Coverage' });

const progressSchema = coverageSchema
  .extend({
    domains: boundedArray(coverageSchema.extend({ key: domainKeySchema }), MAX_PROGRESS_DOMAINS),
  })
  .meta({ id: 'Progress' });

const assessmentSummarySchema = z
  .object({
    id: assessmentIdSchema,
    country: iso3Schema,
    period: periodSchema,
    status: statusSchema,
    revision: countInt(),
    framework: frameworkRefSchema,
    copiedFrom: assessmentIdSchema.nullable(),
    returnReason: z.string().max(MAX_COMMENT).nullable(),
    createdBy: subjectSchema,
    createdAt: timestampString(),
    updatedAt: timestampString(),
    submittedAt: timestampString().nullable(),
    validatedAt: timestampString().nullable(),
  })
  .meta({ id: 'AssessmentSummary' });

const askedAgainSchema = z
  .array(
    z.object({
      question: questionKeySchema,
      reason: z.enum([...ASKED_AGAIN_REASONS, 'invalid']).meta({
        description:
          'Why the copied round’s answer was not carried over: the question is gone, or its type, options and scores, number range, English text or guidance changed, or the stored answer no longer passes the rules',
      }),
    }),
  )
  .max(MAX_QUESTIONS)
  .meta({
    description:
      'For an assessment opened with copyFrom: the answers that were not copied and must be given again (empty otherwise)',
  });

export const assessmentSchema = assessmentSummarySchema
  .extend({ progress: progressSchema, askedAgain: askedAgainSchema })
  .meta({
    id: 'Assessment',
    example: {
      id: '019a1b2c-3d4e-7f00-8a00-0123456789ab',
      country: 'KEN',
      period: '2026',
      status: 'draft',
      revision: 2,
      framework: { key: 'migof', version: '1.0.0' },
      copiedFrom: null,
      returnReason: null,
      createdBy: 'amina',
      createdAt: '2026-03-02T09:15:04.120Z',
      updatedAt: '2026-03-02T09:41:12.873Z',
      submittedAt: null,
      validatedAt: null,
      progress: {
        answered: 2,
        enabled: 90,
        coverage: 0.0222,
        domains: [
          { key: 'P1', answered: 0, enabled: 16, coverage: 0 },
          { key: 'P2', answered: 1, enabled: 13, coverage: 0.0769 },
          { key: 'P3', answered: 0, enabled: 14, coverage: 0 },
          { key: 'O1', answered: 1, enabled: 16, coverage: 0.0625 },
          { key: 'O2', answered: 0, enabled: 15, coverage: 0 },
          { key: 'O3', answered: 0, enabled: 16, coverage: 0 },
        ],
      },
      askedAgain: [],
    },
  });

export const listAssessmentsQuerySchema = z.strictObject({
  country: iso3Schema.optional(),
  period: periodSchema.optional(),
  status: statusSchema.optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE)
    .default(50)
    .meta({ description: `Page size, at most ${MAX_PAGE}` }),
  cursor: cursorString().optional().meta({ description: 'The `nextCursor` of the previous page' }),
});

export const assessmentPageSchema = z
  .object({
    items: boundedArray(assessmentSummarySchema, MAX_PAGE),
    nextCursor: cursorString()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
  })
  .meta({ id: 'AssessmentPage' });

export const evidenceSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(300).refine(hasVisibleText, INVISIBLE),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2000)
      .optional(),
    citation: z.string().max(1000).optional(),
    document: uuidString('must be a document id (a UUID)')
      .optional()
      .meta({ description: 'An uploaded document of the same assessment (`…/documents/{docId}`)' }),
  })
  .meta({
    id: 'Evidence',
    example: { title: 'Labour Migration Act 2024, s. 12', url: 'https://example.org/act.pdf' },
  });

const answerValueSchema = z
  .union([optionValueInput, z.number().min(-MAX_NUMBER).max(MAX_NUMBER)])
  .meta({ description: 'An option value for choice questions, a number for number questions' });

export const answerInputSchema = z
  .strictObject({
    question: questionKeySchema,
    value: answerValueSchema.optional(),
    notApplicable: z.boolean().optional(),
    comment: z
      .string()
      .max(MAX_COMMENT)
      .nullable()
      .optional()
      .meta({ description: 'Omit to keep the stored comment, null to clear it' }),
    evidence: z
      .array(evidenceSchema)
      .max(MAX_EVIDENCE)
      .optional()
      .meta({ description: 'Omit to keep the stored evidence; [] clears it' }),
  })
  .meta({ id: 'AnswerItem' });

export const putAnswersSchema = z
  .strictObject({ answers: boundedArray(answerInputSchema, MAX_BATCH).min(1) })
  .meta({
    id: 'PutAnswers',
    example: {
      answers: [
        {
          question: 'P2.2.1',
          value: 'yes',
          comment: 'Adopted by Cabinet in March',
          evidence: [{ title: 'National Migration Policy 2025-2030' }],
        },
        { question: 'O1.3.1', value: 4.2 },
      ],
    },
  });

const answerSchema = z
  .object({
    question: questionKeySchema,
    value: storedAnswerValueSchema.nullable(),
    notApplicable: z.boolean(),
    comment: z.string().max(MAX_COMMENT).nullable(),
    evidence: boundedArray(evidenceSchema, MAX_EVIDENCE),
    answeredBy: subjectSchema,
    answeredAt: timestampString(),
    enabled: z
      .boolean()
      .meta({ description: 'Whether the question currently applies; disabled answers do not count' }),
  })
  .meta({ id: 'Answer' });

export const answersResponseSchema = z
  .object({
    assessmentId: assessmentIdSchema,
    revision: countInt(),
    answers: boundedArray(answerSchema, MAX_QUESTIONS),
    progress: progressSchema,
  })
  .meta({ id: 'Answers' });

export const emptyBodySchema = z
  .strictObject({})
  .nullish()
  .meta({ description: 'No body, or an empty object' });

export const idParamsSchema = z.strictObject({ id: assessmentIdSchema });
export const answerParamsSchema = z.strictObject({
  id: assessmentIdSchema,
  question: questionKeySchema,
});

export type CreateAssessment = z.output<typeof createAssessmentSchema>;
export type AnswerInputBody = z.output<typeof answerInputSchema>;
export type ListQuery = z.output<typeof listAssessmentsQuerySchema>;
export type Evidence = z.output<typeof evidenceSchema>;

/** If-Match on writes: state changes require it (428 without); answer writes honour it when sent. */
export const ifMatchHeaders = (required: boolean) =>
  z.object({
    'if-match': (required ? etagSchema.min(1) : etagSchema).optional().meta({
      description: required ? 'The ETag last read (required)' : 'The ETag last read (honoured when sent)',
    }),
  });

/** If-None-Match on a read: the ETag the client holds, answered 304 while it is current. */
export const ifNoneMatchHeaders = z.object({
  'if-none-match': etagSchema.optional().meta({ description: 'The ETag held: 304 while it is current' }),
});

export const idempotencyHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters, e.g. a UUID')
    .optional()
    .meta({ description: 'A retried create with the same key returns the first result' }),
});
