import { z } from 'zod';
import { coverageSchema, frameworkRefSchema, statusSchema } from '../assessments/assessment.schemas.ts';
import { MAX_QUESTIONS } from '../framework/framework.limits.ts';
import { bandSchema } from '../framework/framework.schema.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';
import { reportEvidenceListSchema } from './report.evidence.ts';
// The fictional demo country's 2025 report (`npm run demo`, framework 2.0.0), shortened to one
// domain, two sub-domains and one item of each list: the example of the OpenAPI document.
import REPORT_EXAMPLE from './report.example.json' with { type: 'json' };
import { sdg1072OfficialSchema } from './report.sdg1072.schemas.ts';

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

/** Report coverage also counts the scored questions: `not applicable` is answered but not scored. */
export const reportCoverageSchema = coverageSchema
  .extend({
    scored: z
      .number()
      .int()
      .meta({ description: 'Questions that count in the score (answered, not `not applicable`)' }),
  })
  .meta({ id: 'ReportCoverage' });

export const subdomainScoreSchema = z
  .object({
    key: z.string(),
    title: z.string(),
    weight: z.number(),
    score,
    band,
    coverage: reportCoverageSchema,
  })
  .meta({ id: 'SubdomainScore' });

export const domainScoreSchema = z
  .object({
    key: z.string(),
    kind: z.enum(['principle', 'objective']),
    title: z.string(),
    weight: z.number(),
    score,
    band,
    coverage: reportCoverageSchema,
    subdomains: z.array(subdomainScoreSchema),
  })
  .meta({ id: 'DomainScore' });

export const lensSchema = z
  .object({
    key: z.string(),
    label: z.string(),
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
    score: z.number().meta({ description: 'The question’s score on 0-100' }),
    weight: z.number(),
    potentialGain: z.number().nullable().meta({
      description:
        'The arithmetic composite recomputed with this question at its best, follow-ups re-evaluated on the stored answers, minus the composite now; null while the composite is',
    }),
  })
  .meta({ id: 'Gap' });

export const strengthSchema = z
  .object({ subdomain: z.string(), domain: z.string(), title: z.string(), score: z.number() })
  .meta({ id: 'Strength' });

const answerTokenSchema = z
  .union([z.string(), z.number(), z.object({ notApplicable: z.literal(true) }), z.null()])
  .meta({ description: 'An option value, a number, `not applicable`, or null when unanswered or disabled' });

export const changedQuestionSchema = z
  .object({
    question: z.string(),
    text: z.string(),
    before: answerTokenSchema,
    after: answerTokenSchema,
    beforeLabel: z.string().meta({ description: 'The previous answer as a person reads it' }),
    afterLabel: z.string().meta({ description: 'The current answer as a person reads it' }),
  })
  .meta({ id: 'ChangedQuestion' });

export const comparisonSchema = z
  .object({
    assessmentId: z.string(),
    period: z.string(),
    framework: frameworkRefSchema,
    composite: score.meta({ description: 'The previous round’s composite' }),
    compositeBand: band,
    compositeDelta: z.number().nullable(),
    domains: z.array(
      z.object({
        key: z.string(),
        score: score.meta({ description: 'The previous round’s domain score' }),
        delta: z.number().nullable(),
      }),
    ),
    changedQuestions: z.array(changedQuestionSchema),
    commonQuestionsOnly: z.boolean().meta({
      description: 'True when the framework versions differ: only common question keys were compared',
    }),
  })
  .meta({ id: 'Comparison' });

export const sdg1072Schema = z
  .object({
    inPlaceMin: z
      .number()
      .meta({ description: 'A sub-category is in place when its sub-domain scores at least this' }),
    domains: z.array(
      z.object({
        number: z.number().int(),
        title: z.string(),
        subcategories: z.array(
          z.object({
            key: z.string(),
            label: z.string(),
            subdomain: z.string().nullable(),
            score,
            inPlace: z.boolean().nullable().meta({ description: 'null when not assessed' }),
          }),
        ),
        inPlace: z.number().int(),
        assessed: z.number().int(),
        score: score.meta({ description: 'Share of the assessed sub-categories in place, 0-100' }),
        category: band,
      }),
    ),
    overall: z.object({ score, category: band }),
  })
  .meta({
    id: 'Sdg1072View',
    description:
      'Methodology 2 (framework 2.0.0), unofficial: the 10.7.2 sub-categories read from the MiGOF sub-domain scores through a crosswalk, with cut-offs that differ from the official ones.',
  });

export const contributorSchema = z
  .object({
    sub: z.string(),
    answers: z.number().int(),
    domains: z.array(z.object({ key: z.string(), answers: z.number().int() })),
  })
  .meta({ id: 'Contributor', description: 'Who gave the current answers, per domain' });

const ministryAnsweredSchema = z
  .object({
    ministryId: z.string().max(36),
    code: z.string().max(20),
    name: z.string().max(200),
    answers: z.number().int().min(0).max(MAX_QUESTIONS),
    questions: z
      .array(z.string().max(20))
      .max(MAX_QUESTIONS)
      .meta({ description: 'The questions whose current answer this ministry gave' }),
  })
  .meta({ id: 'MinistryAnswered', description: 'A ministry consulted, and what it answered' });

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
    composite: z.object({
      score,
      band,
      provisional: z.boolean(),
      imbalance: z.array(z.string()).meta({
        description: 'Domains whose band is two or more bands below the composite’s band',
      }),
      uncertainty: uncertaintySchema.nullable(),
    }),
    hmgiComposite: z
      .object({ score, band })
      .meta({ description: 'Equal-weight mean of the five HMG-I lens scores (the 2015 proposal’s reading)' }),
    coverage: reportCoverageSchema,
    domains: z.array(domainScoreSchema),
    lenses: z.object({ hmgi: z.array(lensSchema), sdgTargets: z.array(lensSchema) }),
    gaps: z.array(gapSchema),
    strengths: z.array(strengthSchema),
    comparison: comparisonSchema.nullable(),
    sdg1072: z.union([sdg1072OfficialSchema, sdg1072Schema]).nullable().meta({
      description:
        'From 2.1.0 (methodology 3) the official 10.7.2 values (`official: true`); for 2.0.0 methodology 2’s unofficial crosswalk reading; null before 2.0.0.',
    }),
    narrative: z.array(z.string()).meta({ description: 'A few plain-language sentences on the result' }),
    contributors: z.array(contributorSchema),
    ministries: z.array(ministryAnsweredSchema).max(200).optional().meta({
      description:
        'The ministries consulted (assigned a part, or that answered) and what each answered; absent from reports validated before the consultation existed',
    }),
    evidence: reportEvidenceListSchema,
    submittedAt: z.string().nullable(),
    validatedAt: z.string().nullable(),
    validatedBy: z.string().nullable(),
    generatedAt: z.string(),
  })
  .meta({
    id: 'Report',
    description:
      'The scored report of methodology 2, or 3 for framework 2.1.0 (reports validated under methodology 1 keep the shape they were validated with). The example is the fictional country of `npm run demo`, shortened.',
    example: REPORT_EXAMPLE,
  });

export const reportQuerySchema = z.strictObject({
  aggregation: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
  ...langQuery,
});

export type Report = z.output<typeof reportSchema>;
