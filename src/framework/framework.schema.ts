import { z } from 'zod';
import { LIMITS } from '../lib/bounded.ts';
import { optionSchema, optionValue } from './option.schema.ts';
import { sdg1072InstrumentInputSchema, sdg1072InstrumentSchema } from './sdg1072-instrument.schema.ts';

export { optionSchema };

/**
 * The framework definition format. The same schemas validate the files
 * in `seeds/frameworks/`, type the code, and describe `GET /v1/frameworks/{key}/{version}`
 * in the OpenAPI document.
 */

export const DOMAIN_KEYS = ['P1', 'P2', 'P3', 'O1', 'O2', 'O3'] as const;
export const HMGI_FEATURES = [
  'human_rights',
  'human_mobility',
  'socioeconomic_outcomes',
  'mitigating_risks',
  'partnerships',
] as const;
export const QUESTION_TYPES = ['yes_no', 'yes_partial_no', 'scale', 'number'] as const;
export const SEED_SOURCES = [
  '000_4ef05ca9849f3bb7.txt',
  '001_75c0163184fc6464.txt',
  '002_52b9afcaa23950c3.txt',
  '003_6339e25530592e73.txt',
  '004_5c92b7d6d948e79b.txt',
] as const;

export type HmgiFeature = (typeof HMGI_FEATURES)[number];
export type QuestionType = (typeof QUESTION_TYPES)[number];

const weight = z.number().positive('weight must be > 0').finite().default(1);
export const numberSpecSchema = z
  .strictObject({
    unit: z.string().min(1).max(60),
    worst: z.number().finite(),
    best: z.number().finite(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    integer: z.boolean().optional(),
  })
  .meta({
    id: 'NumberSpec',
    description:
      'score = clamp((x - worst) / (best - worst), 0, 1); worst > best means lower is better. ' +
      '`min` and `max` bound the physically possible answers (answers outside them are refused) and ' +
      '`integer` says the answer is a count; required from methodology version 2 on.',
  });

export const enableWhenSchema = z
  .strictObject({
    question: z.string().min(1),
    in: z.array(optionValue).min(1),
  })
  .meta({
    id: 'EnableWhen',
    description: 'The question applies only when that earlier answer is one of `in`.',
  });

const questionKey = z.string().regex(/^[PO][1-3]\.[1-9]\.[1-9]$/, 'question keys look like P1.2.3');
const sdgTarget = z.string().regex(/^\d{1,2}\.([1-9]\d?|[a-c])$/, 'SDG targets look like 10.7 or 10.c');

/** Official short names of external instruments or standards, e.g. "ILO C189". */
const references = z.array(z.string().min(2).max(120)).min(1).max(10);

/** A question as written in a definition file: `options` may be omitted for yes_no and yes_partial_no. */
export const questionInputSchema = z.strictObject({
  key: questionKey,
  text: z.string().min(1).max(1000),
  guidance: z.string().min(1).max(2000),
  type: z.enum(QUESTION_TYPES),
  options: z.array(optionSchema).min(2).max(10).optional(),
  number: numberSpecSchema.optional(),
  weight,
  allowNotApplicable: z.boolean().default(false),
  evidenceRequired: z.boolean().default(false),
  enableWhen: enableWhenSchema.optional(),
  sdgTargets: z.array(sdgTarget).min(1),
  hmgi: z.enum(HMGI_FEATURES),
  sources: z.array(z.enum(SEED_SOURCES)).min(1),
  references: references.optional(),
});

export const SDG1072_SUBCATEGORIES = ['a', 'b', 'c', 'd', 'e'] as const;

/** The 10.7.2 sub-category (UN Inquiry module III) a sub-domain measures; null where none does. */
export const sdg1072MappingSchema = z
  .strictObject({
    domain: z.number().int().min(1).max(6),
    subcategory: z.enum(SDG1072_SUBCATEGORIES),
  })
  .nullable()
  .meta({
    id: 'Sdg1072Mapping',
    description:
      'The SDG indicator 10.7.2 domain (1-6) and sub-category (a-e) this sub-domain corresponds to, or null.',
  });

export const subdomainInputSchema = z.strictObject({
  key: z.string().regex(/^[PO][1-3]\.[1-9]$/, 'sub-domain keys look like P1.2'),
  title: z.string().min(1).max(200),
  description: z.string().min(1).max(2000),
  weight,
  sdg1072: sdg1072MappingSchema.optional(),
  questions: z.array(questionInputSchema).min(1),
});

export const domainInputSchema = z.strictObject({
  key: z.enum(DOMAIN_KEYS),
  kind: z.enum(['principle', 'objective']),
  title: z.string().min(1).max(200),
  description: z.string().min(1).max(2000),
  weight,
  subdomains: z.array(subdomainInputSchema).min(1),
});

export const bandSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z_]{1,40}$/),
    label: z.string().min(1).max(100),
    min: z.number().min(0).max(100),
  })
  .meta({
    id: 'Band',
    description: 'A score band: from `min` (inclusive) up to the next band’s min (exclusive).',
  });

export const SDG1072_CATEGORY_KEYS = [
  'requires_further_progress',
  'partially_meets',
  'meets',
  'fully_meets',
] as const;

export const sdg1072CategorySchema = z
  .strictObject({
    key: z.enum(SDG1072_CATEGORY_KEYS),
    min: z.number().min(0).max(100),
  })
  .meta({
    id: 'Sdg1072Category',
    description:
      'A 10.7.2 category: from `min` (inclusive) up to the next category’s min, on the percentage of ' +
      'a 10.7.2 domain’s sub-categories in place.',
  });

export const sdg1072SubcategorySchema = z
  .strictObject({
    key: z.enum(SDG1072_SUBCATEGORIES),
    label: z.string().min(1).max(300),
  })
  .meta({ id: 'Sdg1072Subcategory' });

export const sdg1072DomainSchema = z
  .strictObject({
    number: z.number().int().min(1).max(6),
    title: z.string().min(1).max(200),
    subcategories: z.array(sdg1072SubcategorySchema).min(1).max(5),
  })
  .meta({ id: 'Sdg1072Domain' });

export const sdg1072MethodologySchema = z
  .strictObject({
    inPlaceMin: z.number().min(0).max(100),
    categories: z.array(sdg1072CategorySchema).min(1).max(10),
    domains: z.array(sdg1072DomainSchema).min(1).max(6),
  })
  .meta({
    id: 'Sdg1072Methodology',
    description:
      'Methodology 2 only (framework 2.0.0, unofficial): the 10.7.2 view: a sub-category counts as in place when its mapped sub-domain scores at least ' +
      '`inPlaceMin`; a 10.7.2 domain’s category follows from the percentage of its sub-categories in place.',
  });

export const sensitivitySpecSchema = z
  .strictObject({
    optionScoreSpread: z.number().min(0).max(0.5),
  })
  .meta({
    id: 'SensitivitySpec',
    description:
      'Methodology 3: each draw of the sensitivity analysis also shifts every intermediate option score ' +
      '(strictly between 0 and 1) of each scored choice question by one uniform amount in ' +
      '[-optionScoreSpread, +optionScoreSpread], clamped to [0, 1].',
  });

export const methodologySchema = z
  .strictObject({
    version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    bands: z.array(bandSchema).min(1).max(10),
    sdg1072: sdg1072MethodologySchema.optional(),
    sensitivity: sensitivitySpecSchema.optional(),
  })
  .meta({ id: 'Methodology' });

export const frameworkInputSchema = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'framework keys are lower-case words'),
  version: z
    .string()
    .max(LIMITS.frameworkVersion)
    .regex(/^\d+\.\d+\.\d+$/, 'versions are semver MAJOR.MINOR.PATCH'),
  title: z.string().min(1).max(200),
  description: z.string().min(1).max(2000),
  methodology: methodologySchema,
  domains: z.array(domainInputSchema).min(1),
  sdg1072: sdg1072InstrumentInputSchema.optional(),
});

export type FrameworkInput = z.input<typeof frameworkInputSchema>;

/** The normalised tree: every default filled in, options always present for choice types. */
export const questionSchema = z
  .strictObject({
    key: z.string(),
    text: z.string(),
    guidance: z.string(),
    type: z.enum(QUESTION_TYPES),
    options: z.array(optionSchema).optional(),
    number: numberSpecSchema.optional(),
    weight: z.number(),
    allowNotApplicable: z.boolean(),
    evidenceRequired: z.boolean(),
    enableWhen: enableWhenSchema.optional(),
    sdgTargets: z.array(z.string()),
    hmgi: z.enum(HMGI_FEATURES),
    sources: z.array(z.string()),
    references: z.array(z.string()).optional(),
  })
  .meta({ id: 'Question' });

export const subdomainSchema = z
  .strictObject({
    key: z.string(),
    title: z.string(),
    description: z.string(),
    weight: z.number(),
    sdg1072: sdg1072MappingSchema.optional(),
    questions: z.array(questionSchema),
  })
  .meta({ id: 'Subdomain' });

export const domainSchema = z
  .strictObject({
    key: z.enum(DOMAIN_KEYS),
    kind: z.enum(['principle', 'objective']),
    title: z.string(),
    description: z.string(),
    weight: z.number(),
    subdomains: z.array(subdomainSchema),
  })
  .meta({ id: 'Domain' });

export const frameworkSchema = z
  .strictObject({
    key: z.string(),
    version: z.string(),
    title: z.string(),
    description: z.string(),
    methodology: methodologySchema,
    domains: z.array(domainSchema),
    sdg1072: sdg1072InstrumentSchema
      .optional()
      .meta({ description: 'From 2.1.0: the official 10.7.2 instrument, 30 items answered directly' }),
  })
  .meta({ id: 'Framework' });

export type Option = z.output<typeof optionSchema>;
export type NumberSpec = z.output<typeof numberSpecSchema>;
export type Question = z.output<typeof questionSchema>;
export type Subdomain = z.output<typeof subdomainSchema>;
export type Domain = z.output<typeof domainSchema>;
export type Band = z.output<typeof bandSchema>;
export type Methodology = z.output<typeof methodologySchema>;
export type Sdg1072Mapping = z.output<typeof sdg1072MappingSchema>;
export type Sdg1072Methodology = z.output<typeof sdg1072MethodologySchema>;
export type Sdg1072Category = z.output<typeof sdg1072CategorySchema>;
export type Sdg1072Domain = z.output<typeof sdg1072DomainSchema>;
export type Framework = z.output<typeof frameworkSchema>;

export type { Sdg1072Instrument, Sdg1072Item } from './sdg1072-instrument.schema.ts';
/** A 10.7.2 item as answers see it: answered like a question, weighed in no MiGOF score. */
export type ItemQuestion = z.output<typeof sdg1072InstrumentSchema>['domains'][number]['items'][number] & {
  weight: number;
  allowNotApplicable: false;
  number?: undefined;
  enableWhen?: undefined;
};
export type AnswerableQuestion = Question | ItemQuestion;

/** The 30 items of the official instrument as answerable questions, in order; none before 2.1.0. */
export function instrumentQuestions(framework: Framework): ItemQuestion[] {
  return (
    framework.sdg1072?.domains.flatMap((d) =>
      d.items.map((item) => ({ ...item, weight: 1, allowNotApplicable: false as const })),
    ) ?? []
  );
}
