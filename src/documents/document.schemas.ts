import { z } from 'zod';
import { assessmentIdSchema, questionKeySchema, subjectSchema } from '../assessments/assessment.fields.ts';
import { boundedArray, timestampString, uuidString } from '../lib/bounded.ts';
import { ALLOWED_TYPES } from './content-type.ts';

/** How many documents one assessment may hold, besides its bytes limit. */
export const MAX_DOCUMENTS = 2000;
/** A display name is cut to this many characters. */
export const MAX_NAME = 255;

const bytes = () => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const documentIdSchema = uuidString('must be a document id (a UUID)').meta({
  description: 'A document of the same assessment',
  example: '01938a1e-7c00-7a6b-9f10-1c2d3e4f5a6b',
});

export const documentSchema = z
  .object({
    id: documentIdSchema,
    name: z.string().max(MAX_NAME).meta({
      description: 'The name it was uploaded with, for display only; it may hold any character',
    }),
    mediaType: z.enum(ALLOWED_TYPES).meta({ description: 'Decided from the content' }),
    size: bytes(),
    sha256: z
      .string()
      .max(64)
      .regex(/^[0-9a-f]{64}$/),
    uploadedBy: subjectSchema,
    uploadedAt: timestampString(),
    question: questionKeySchema.nullable().meta({ description: 'The question it was uploaded for, if any' }),
  })
  .meta({ id: 'Document' });

export const listedDocumentSchema = documentSchema
  .extend({
    referencedBy: boundedArray(questionKeySchema, 5000).meta({
      description: 'The questions whose evidence points at it; it cannot be deleted while any does',
    }),
  })
  .meta({ id: 'ListedDocument' });

export const documentListSchema = z
  .object({
    documents: boundedArray(listedDocumentSchema, MAX_DOCUMENTS),
    usedBytes: bytes(),
    limitBytes: bytes().meta({ description: 'What the assessment’s documents may hold together' }),
    fileLimitBytes: bytes().meta({ description: 'What one document may hold' }),
  })
  .meta({ id: 'DocumentList' });

export const documentParamsSchema = z.strictObject({ id: assessmentIdSchema, docId: documentIdSchema });

export const uploadQuerySchema = z.strictObject({
  question: questionKeySchema.optional().meta({
    description: 'The question it is for; required of a contributor (one assigned to their ministry)',
  }),
});

export const downloadQuerySchema = z.strictObject({
  inline: z.enum(['1']).optional().meta({
    description: 'Shown in the browser instead of downloaded: PDF, PNG and JPEG only',
  }),
});

export type DocumentView = z.output<typeof documentSchema>;
export type ListedDocument = z.output<typeof listedDocumentSchema>;
