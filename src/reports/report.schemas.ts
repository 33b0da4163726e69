import { z } from 'zod';
import { coverageSchema, frameworkRefSchema, statusSchema } from '../assessments/assessment.schemas.ts';
import { bandSchema } from '../framework/framework.schema.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';

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

/**
 * The fictional demo country's 2025 report (`npm run demo`, framework 2.0.0), shortened to one
 * domain, two sub-domains and one item of each list.
 */
const REPORT_EXAMPLE = {
  assessmentId: '01a227c4-1f6a-792c-a09a-ee68f570c300',
  country: 'ATA',
  countryName: 'Antarctica',
  period: '2025',
  status: 'validated',
  revision: 4,
  framework: {
    key: 'migof',
    version: '2.0.0',
  },
  methodology: {
    version: 2,
    aggregation: 'arithmetic',
    bands: [
      {
        key: 'requires_further_progress',
        label: 'Requires further progress',
        min: 0,
      },
      {
        key: 'partially_meets',
        label: 'Partially meets',
        min: 40,
      },
      {
        key: 'meets',
        label: 'Meets',
        min: 60,
      },
      {
        key: 'fully_meets',
        label: 'Fully meets',
        min: 80,
      },
    ],
  },
  composite: {
    score: 50.92,
    band: 'partially_meets',
    provisional: false,
    imbalance: [],
    uncertainty: {
      p5: 49.51,
      p50: 50.7,
      p95: 52.04,
      bandStability: 1,
    },
  },
  hmgiComposite: {
    score: 52.36,
    band: 'partially_meets',
  },
  coverage: {
    answered: 103,
    enabled: 103,
    coverage: 1,
    scored: 103,
  },
  domains: [
    {
      key: 'P1',
      kind: 'principle',
      title: "Adherence to international standards and fulfilment of migrants' rights",
      weight: 1,
      score: 46.07,
      band: 'partially_meets',
      coverage: {
        answered: 19,
        enabled: 19,
        coverage: 1,
        scored: 19,
      },
      subdomains: [
        {
          key: 'P1.1',
          title: 'International instruments',
          weight: 1,
          score: 65,
          band: 'meets',
          coverage: {
            answered: 4,
            enabled: 4,
            coverage: 1,
            scored: 4,
          },
        },
        {
          key: 'P1.2',
          title: 'Health care whatever the status',
          weight: 1,
          score: 53.33,
          band: 'partially_meets',
          coverage: {
            answered: 3,
            enabled: 3,
            coverage: 1,
            scored: 3,
          },
        },
      ],
    },
  ],
  lenses: {
    hmgi: [
      {
        key: 'human_rights',
        label: 'Human rights',
        score: 43.88,
        questions: 30,
      },
    ],
    sdgTargets: [
      {
        key: '10.7',
        label: '10.7 Orderly, safe, regular and responsible migration',
        score: 51.64,
        questions: 103,
      },
    ],
  },
  gaps: [
    {
      question: 'P3.1.1',
      text: 'Is at least one bilateral agreement or memorandum of understanding on labour migration in force with another State?',
      domain: 'P3',
      subdomain: 'P3.1',
      score: 0,
      weight: 1,
      potentialGain: 1.67,
    },
  ],
  strengths: [
    {
      subdomain: 'P2.3',
      domain: 'P2',
      title: 'Gender-responsive policy',
      score: 83.33,
    },
  ],
  comparison: {
    assessmentId: '01a227c4-1f1d-7538-8b36-e1f26ea5ad25',
    period: '2024',
    framework: {
      key: 'migof',
      version: '2.0.0',
    },
    composite: 29.09,
    compositeBand: 'requires_further_progress',
    compositeDelta: 21.83,
    domains: [
      {
        key: 'P1',
        score: 30.9,
        delta: 15.17,
      },
      {
        key: 'P2',
        score: 18.5,
        delta: 29.67,
      },
    ],
    changedQuestions: [
      {
        question: 'P1.1.4',
        before: 1,
        after: 2,
        text: 'To how many of the two statelessness conventions (1954 and 1961) is the State a party?',
        beforeLabel: '1 conventions',
        afterLabel: '2 conventions',
      },
    ],
    commonQuestionsOnly: false,
  },
  sdg1072: {
    inPlaceMin: 60,
    domains: [
      {
        number: 1,
        title: 'Migrant rights',
        subcategories: [
          {
            key: 'a',
            subdomain: 'P1.2',
            score: 53.33,
            inPlace: false,
            label: 'Access for non-nationals to essential or emergency health care',
          },
          {
            key: 'b',
            subdomain: 'P1.3',
            score: 50,
            inPlace: false,
            label: 'Access for non-nationals to public education',
          },
        ],
        inPlace: 1,
        assessed: 5,
        score: 20,
        category: 'requires_further_progress',
      },
    ],
    overall: {
      score: 48.33,
      category: 'partially_meets',
    },
  },
  narrative: [
    'The Migration Governance Indicator is 50.92 out of 100: Partially meets.',
    'Weighting the six domains differently moves it between 49.51 and 52.04; 100% of those weightings keep the same band.',
    'The strongest domain is Socio-economic well-being of migrants and society (64.38); the weakest is Mobility dimensions of crises (44.5).',
    'The 3 questions with the largest potential gain: P3.1.1 (+1.67), P1.2.2 (+1.11), P1.3.3 (+1.11).',
    'Since 2024, the indicator has risen by 21.83 points; 26 answers changed.',
  ],
  contributors: [
    {
      sub: 'examplia-focal-point',
      answers: 103,
      domains: [
        {
          key: 'O1',
          answers: 18,
        },
        {
          key: 'O2',
          answers: 16,
        },
      ],
    },
  ],
  submittedAt: '2026-11-29T14:44:54.265Z',
  validatedAt: '2026-11-29T14:44:54.271Z',
  validatedBy: 'demo-reviewer',
  generatedAt: '2026-11-29T14:44:54.277Z',
};

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
  .meta({ id: 'Sdg1072View', description: 'The SDG 10.7.2 reading of the answers (frameworks from 2.0.0)' });

export const contributorSchema = z
  .object({
    sub: z.string(),
    answers: z.number().int(),
    domains: z.array(z.object({ key: z.string(), answers: z.number().int() })),
  })
  .meta({ id: 'Contributor', description: 'Who gave the current answers, per domain' });

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
    sdg1072: sdg1072Schema.nullable(),
    narrative: z.array(z.string()).meta({ description: 'A few plain-language sentences on the result' }),
    contributors: z.array(contributorSchema),
    submittedAt: z.string().nullable(),
    validatedAt: z.string().nullable(),
    validatedBy: z.string().nullable(),
    generatedAt: z.string(),
  })
  .meta({
    id: 'Report',
    description:
      'The scored report of methodology 2 (reports validated under methodology 1 keep the shape they were validated with). The example is the fictional country of `npm run demo`, shortened.',
    example: REPORT_EXAMPLE,
  });

export const reportQuerySchema = z.strictObject({
  aggregation: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
  ...langQuery,
});

export type Report = z.output<typeof reportSchema>;
