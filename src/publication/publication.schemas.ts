import { z } from 'zod';
import { periodSchema } from '../assessments/assessment.fields.ts';
import { iso3Schema } from '../auth/claims.ts';
import { bandSchema } from '../framework/framework.schema.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';
import { LOCALES } from '../i18n/locale.ts';
import { boundedArray, countInt, cursorString, LIMITS, timestampString } from '../lib/bounded.ts';
import { hasVisibleText } from '../lib/text.ts';

/**
 * The publication's schemas. `publicProfileSchema` is the allow-list of what the public may see:
 * the snapshot is built field by field from it (allow-list.ts), and strict objects refuse any
 * field it does not name, so a private field added to the report later cannot slip through.
 */

const INVISIBLE = { message: 'must contain visible characters, not only spaces or invisible ones' };
const text = (max: number) => z.string().trim().min(1).max(max).refine(hasVisibleText, INVISIBLE);
const documentId = z
  .string()
  .max(36)
  .regex(/^[0-9a-f-]{1,36}$/, 'must be a document id');
const score = z.number().min(0).max(100).nullable();
const band = z.string().max(40).nullable();

export const approveBodySchema = z
  .strictObject({
    authority: text(300).meta({
      description:
        'The approving authority as the government names it (e.g. "Council of Ministers, decision 12/2026")',
    }),
    publicDocuments: boundedArray(documentId, 100).optional().meta({
      description:
        'The evidence documents (ids from `GET …/documents`) the government makes public; none when absent',
    }),
  })
  .meta({ id: 'ApprovePublication' });

export const unpublishBodySchema = z
  .strictObject({
    reason: text(LIMITS.comment).meta({ description: 'Why the profile is withdrawn; kept in the record' }),
  })
  .meta({ id: 'UnpublishProfile' });

const versionSummary = z.strictObject({
  version: z.number().int().min(1).max(10_000),
  status: z.enum(['published', 'superseded', 'withdrawn']),
  publishedAt: timestampString(),
  withdrawnAt: timestampString().nullable(),
  withdrawReason: z.string().max(LIMITS.comment).nullable(),
});

export const publicationStateSchema = z
  .strictObject({
    assessmentId: z.string().max(36),
    country: iso3Schema,
    period: periodSchema,
    approval: z
      .strictObject({
        authority: z.string().max(300),
        publicDocuments: boundedArray(z.string().max(36), 100),
        approvedAt: timestampString(),
      })
      .nullable(),
    versions: boundedArray(versionSummary, 10_000).meta({
      description: 'This assessment’s versions, newest first',
    }),
  })
  .meta({ id: 'PublicationState', description: 'Approval and publication versions of one assessment' });

const categorySchema = z.strictObject({
  code: z.number().int().min(1).max(4),
  key: z.enum(['requires_further_progress', 'partially_meets', 'meets', 'fully_meets']),
  label: z.string().max(200),
});

const publicDocumentSchema = z.strictObject({
  id: z.string().max(36),
  name: z.string().max(255),
  mediaType: z.string().max(127),
  size: countInt(),
  sha256: z
    .string()
    .max(64)
    .regex(/^[0-9a-f]{64}$/),
});

/** The allow-list: every field the public sees, and nothing else. */
export const publicProfileSchema = z
  .strictObject({
    country: iso3Schema,
    countryName: z.string(),
    period: periodSchema,
    version: z.number().int().min(1),
    language: z.enum(LOCALES),
    framework: z.strictObject({ key: z.string(), version: z.string() }),
    methodology: z.strictObject({ version: z.number().int(), bands: z.array(bandSchema) }),
    composite: z.strictObject({
      score,
      band,
      provisional: z.boolean(),
      uncertainty: z
        .strictObject({ p5: z.number(), p50: z.number(), p95: z.number(), bandStability: z.number() })
        .nullable(),
    }),
    coverage: z.number().min(0).max(1),
    domains: z.array(
      z.strictObject({
        key: z.string(),
        kind: z.enum(['principle', 'objective']),
        title: z.string(),
        score,
        band,
        subdomains: z.array(z.strictObject({ key: z.string(), title: z.string(), score, band })),
      }),
    ),
    strengths: z.array(
      z.strictObject({ subdomain: z.string(), domain: z.string(), title: z.string(), score: z.number() }),
    ),
    areasForDevelopment: z.array(
      z.strictObject({
        question: z.string(),
        text: z.string(),
        domain: z.string(),
        potentialGain: z.number().nullable(),
      }),
    ),
    sdg1072: z
      .strictObject({
        overall: z.strictObject({ value: z.number(), category: categorySchema }),
        domains: z.array(
          z.strictObject({
            number: z.number().int(),
            title: z.string(),
            value: z.number(),
            category: categorySchema,
          }),
        ),
      })
      .nullable()
      .meta({ description: 'The official 10.7.2 values and categories (framework 2.1.0 on); null before' }),
    comparison: z
      .strictObject({
        period: periodSchema,
        version: z.number().int().min(1),
        composite: score,
        compositeDelta: z.number().nullable(),
        domains: z.array(z.strictObject({ key: z.string(), score, delta: z.number().nullable() })),
      })
      .nullable()
      .meta({ description: 'Against the country’s previous published round only; null when there is none' }),
    narrative: z.array(z.string()),
    evidence: z
      .array(z.strictObject({ question: z.string(), titles: z.array(z.string()) }))
      .meta({ description: 'The titles of the evidence cited, per question' }),
    documents: z
      .array(publicDocumentSchema)
      .meta({ description: 'The documents the government made public' }),
    approval: z.strictObject({ authority: z.string(), approvedAt: timestampString() }),
    validatedAt: timestampString().nullable(),
    publishedAt: timestampString(),
  })
  .meta({
    id: 'PublicProfile',
    description: 'A published country profile: the public fields only, as published',
  });

export type PublicProfile = z.infer<typeof publicProfileSchema>;
export type PublicDocumentMeta = z.infer<typeof publicDocumentSchema>;

export const publicProfileSummarySchema = z
  .strictObject({
    country: iso3Schema,
    countryName: z.string().max(200),
    region: z.string().max(3).nullable().meta({ description: 'M49 region code' }),
    period: periodSchema,
    version: z.number().int().min(1).max(10_000),
    publishedAt: timestampString(),
    url: z.string().max(300).meta({ description: 'The current version’s path' }),
  })
  .meta({ id: 'PublicProfileSummary' });

export const publicProfileListSchema = z
  .strictObject({
    items: boundedArray(publicProfileSummarySchema, 200),
    nextCursor: cursorString().nullable(),
  })
  .meta({ id: 'PublicProfileList' });

export const publicListQuerySchema = z.strictObject({
  region: z
    .string()
    .max(3)
    .regex(/^\d{3}$/, 'must be an M49 code, e.g. 002')
    .optional()
    .meta({ description: 'M49 region or sub-region code' }),
  period: periodSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursorString().optional(),
});

export const profileParamsSchema = z.strictObject({ iso3: iso3Schema, period: periodSchema });
export const versionParamsSchema = profileParamsSchema.extend({
  version: z.coerce.number().int().min(1).max(10_000),
});
export const documentParamsSchema = profileParamsSchema.extend({ documentId });
export const versionDocumentParamsSchema = versionParamsSchema.extend({ documentId });
export const publicLangQuerySchema = z.strictObject(langQuery);
export const publicIndicatorQuerySchema = z.strictObject({ ...langQuery, period: periodSchema });
