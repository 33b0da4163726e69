import { z } from 'zod';

const count = z.number().int().min(0).max(1_000_000);
const ratio = z.number().min(0).max(1).nullable();

const officialTallySchema = z
  .strictObject({
    total: count.meta({ description: 'Countries counted' }),
    categories: z
      .array(
        z.strictObject({
          code: z
            .number()
            .int()
            .min(1)
            .max(4)
            .meta({ description: 'The official category code (SG_CPA_MIGRS)' }),
          key: z.enum(['requires_further_progress', 'partially_meets', 'meets', 'fully_meets']),
          label: z.string().max(200).meta({ description: 'The category name in the language of the answer' }),
          count,
          proportion: ratio.meta({
            description: 'Share of the countries counted, 0-1, 4 decimals; null when none',
          }),
        }),
      )
      .length(4),
    meetsOrFullyMeets: z.strictObject({
      count,
      proportion: ratio,
      percent: z.number().min(0).max(100).nullable().meta({
        description: 'The headline, as the SDG database publishes it (SG_CPA_MIGRP): %, 5 decimals',
      }),
    }),
  })
  .meta({ id: 'Sdg1072OfficialTally' });

const officialDomainTallySchema = officialTallySchema
  .extend({ number: z.number().int().min(1).max(6) })
  .meta({ id: 'Sdg1072OfficialDomainTally' });

const officialAreaSchema = z.strictObject({
  area: z.strictObject({
    code: z
      .string()
      .max(3)
      .regex(/^\d{3}$/)
      .meta({ description: 'M49 area code (001 = World)', example: '202' }),
    kind: z.enum(['world', 'region', 'subregion', 'intermediateRegion', 'sdgRegion']),
    name: z.string().max(200).meta({
      description:
        'SDG groupings and the World in the language of the answer; M49 names as `GET /v1/countries` has them',
    }),
  }),
  total: count,
  overall: officialTallySchema,
  domains: z.array(officialDomainTallySchema).length(6),
});

export const officialAreaComponent = officialAreaSchema.meta({ id: 'Sdg1072OfficialArea' });

export const officialAggregateSchema = officialAreaSchema
  .extend({
    year: z
      .string()
      .max(4)
      .regex(/^\d{4}$/),
    groups: z
      .array(officialAreaComponent)
      .max(100)
      .nullable()
      .meta({ description: 'The areas of `groupBy`; null without it' }),
    excluded: z
      .array(
        z.strictObject({
          reason: z.enum(['framework_without_official_instrument', 'superseded_by_later_answers']),
          count,
        }),
      )
      .max(2)
      .meta({
        description:
          'Validated assessments up to the year left out: on a framework before 2.1.0 (no official instrument), or ' +
          'replaced by a later official record of the same country',
      }),
  })
  .meta({
    id: 'Sdg1072OfficialAggregate',
    description:
      'SDG 10.7.2 by the official rule (UN DESA/IOM metadata, March 2021): for the year, each country’s latest ' +
      'validated official answers up to it (framework 2.1.0 on), by category 1-4, overall and per policy domain ' +
      '1-6, for the world (or `region`) and the areas of `groupBy`.',
  });
