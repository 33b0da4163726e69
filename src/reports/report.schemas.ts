import { z } from 'zod';
import { coverageSchema, frameworkRefSchema, statusSchema } from '../assessments/assessment.schemas.ts';
import { bandSchema } from '../framework/framework.schema.ts';

const score = z
  .number()
  .nullable()
  .meta({ description: 'On 0-100, rounded to 2 decimals; null when nothing is scored' });
const band = z.string().nullable().meta({ example: 'meets' });

export const uncertaintySchema = z
  .object({
    p5: z.number(),
    p50: z.number(),
    p95: z.number(),
    bandStability: z.number().meta({ description: 'Share of draws in the same band as the point estimate' }),
  })
  .meta({ id: 'Uncertainty' });

export const subdomainScoreSchema = z
  .object({ key: z.string(), title: z.string(), weight: z.number(), score, band, coverage: coverageSchema })
  .meta({ id: 'SubdomainScore' });

export const domainScoreSchema = z
  .object({
    key: z.string(),
    kind: z.enum(['principle', 'objective']),
    title: z.string(),
    weight: z.number(),
    score,
    band,
    coverage: coverageSchema,
    subdomains: z.array(subdomainScoreSchema),
  })
  .meta({ id: 'DomainScore' });

export const lensSchema = z
  .object({
    key: z.string(),
    score,
    questions: z.number().int().meta({ description: 'Scored questions tagged' }),
  })
  .meta({ id: 'LensScore' });

export const gapSchema = z
  .object({
    question: z.string(),
    text: z.string(),
    domain: z.string(),
    subdomain: z.string(),
    score: z.number().meta({ description: 'The question`s score on 0-100' }),
    weight: z.number(),
    potentialGain: z
      .number()
      .nullable()
      .meta({ description: 'Composite points gained if this question scored fully (arithmetic)' }),
  })
  .meta({ id: 'Gap' });

export const strengthSchema = z
  .object({ subdomain: z.string(), domain: z.string(), title: z.string(), score: z.number() })
  .meta({ id: 'Strength' });

export const comparisonSchema = z
  .object({
    assessmentId: z.string(),
    period: z.string(),
    framework: frameworkRefSchema,
    compositeDelta: z.number().nullable(),
    domains: z.array(z.object({ key: z.string(), delta: z.number().nullable() })),
    changedQuestions: z.array(z.string()),
    commonQuestionsOnly: z.boolean().meta({
      description: 'True when the framework versions differ: only common question keys were compared',
    }),
  })
  .meta({ id: 'Comparison' });

export const reportSchema = z
  .object({
    assessmentId: z.string(),
    country: z.string(),
    countryName: z.string(),
    period: z.string(),
    status: statusSchema,
    revision: z.number().int(),
    framework: frameworkRefSchema,
    methodology: z.object({
      version: z.number().int(),
      aggregation: z.enum(['arithmetic', 'geometric']),
      bands: z.array(bandSchema),
    }),
    composite: z.object({ score, band, provisional: z.boolean(), uncertainty: uncertaintySchema.nullable() }),
    coverage: coverageSchema,
    domains: z.array(domainScoreSchema),
    lenses: z.object({ hmgi: z.array(lensSchema), sdgTargets: z.array(lensSchema) }),
    gaps: z.array(gapSchema),
    strengths: z.array(strengthSchema),
    comparison: comparisonSchema.nullable(),
    generatedAt: z.string(),
  })
  .meta({ id: 'Report' });

export const reportQuerySchema = z.strictObject({
  aggregation: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
});

export type Report = z.output<typeof reportSchema>;
