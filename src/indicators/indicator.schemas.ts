import { z } from 'zod';
import { periodSchema } from '../assessments/assessment.fields.ts';
import { langQuery } from '../i18n/i18n.schemas.ts';
import { officialAggregateSchema } from './sdg1072.schemas.ts';

const bandTallySchema = z.object({
  total: z.number().int(),
  bands: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })),
  meetsOrFullyMeets: z.object({
    count: z.number().int(),
    proportion: z.number().nullable().meta({ description: 'Share of countries in `meets` or `fully_meets`' }),
  }),
});
const domainTallySchema = bandTallySchema.extend({ key: z.string() });

export const sdg1072Schema = z
  .object({
    indicator: z.literal('SDG 10.7.2'),
    period: z.string(),
    region: z.string().nullable(),
    total: z.number().int().meta({ description: 'Countries counted (latest validated assessment each)' }),
    overall: bandTallySchema,
    domains: z.array(domainTallySchema),
    regions: z
      .array(bandTallySchema.extend({ region: z.string(), domains: z.array(domainTallySchema) }))
      .nullable(),
    sdg1072Categories: z
      .object({
        overall: bandTallySchema,
        domains: z.array(bandTallySchema.extend({ number: z.number().int() })),
      })
      .meta({
        deprecated: true,
        description:
          'Deprecated (replaced by `official`; removed in the next release): the same countries counted by the ' +
          '10.7.2 category the MiGOF crosswalk gives (methodology 2, framework 2.0.0), which is not the official ' +
          'rule. Assessments on a framework without the crosswalk are not in these counts.',
      }),
    official: officialAggregateSchema,
  })
  .meta({ id: 'Sdg1072' });

export const trendSchema = z
  .object({
    country: z.string(),
    points: z.array(
      z.object({
        period: z.string(),
        assessmentId: z.string(),
        validatedAt: z.string(),
        composite: z.number().nullable(),
        band: z.string().nullable(),
        domains: z.array(
          z.object({ key: z.string(), score: z.number().nullable(), band: z.string().nullable() }),
        ),
      }),
    ),
  })
  .meta({ id: 'Trend' });

export const sdg1072QuerySchema = z.strictObject({
  period: periodSchema,
  region: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'An M49 region name: only its countries count', example: 'Africa' }),
  groupBy: z
    .enum(['region', 'sdgRegion'])
    .optional()
    .meta({
      description:
        '`region`: by M49 region (the MiGOF band counts and `official.groups`); `sdgRegion`: `official.groups` by SDG ' +
        'regional grouping',
    }),
  ...langQuery,
});

export const sdg1072ExportQuerySchema = z.strictObject({ period: periodSchema, ...langQuery });
