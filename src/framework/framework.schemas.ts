import { z } from 'zod';
import { frameworkSchema } from './framework.schema.ts';

/** The API's views of published frameworks (framework.schema.ts is the definition format itself). */
export const frameworkSummarySchema = z
  .object({
    key: z.string().meta({ example: 'migof' }),
    version: z.string().meta({ example: '1.0.0' }),
    title: z.string(),
    publishedAt: z.string().meta({ format: 'date-time' }),
    domains: z.number().int(),
    subdomains: z.number().int(),
    questions: z.number().int(),
    latest: z.boolean().meta({ description: 'The version new assessments are pinned to by default' }),
    languages: z.array(z.string()).meta({ description: 'Languages the questionnaire text is available in' }),
  })
  .meta({ id: 'FrameworkSummary' });

export const publishedFrameworkSchema = frameworkSchema
  .extend({ publishedAt: z.string().meta({ format: 'date-time' }) })
  .meta({ id: 'PublishedFramework' });

export const frameworkParamsSchema = z.strictObject({
  key: z.string().max(40).meta({ example: 'migof' }),
  version: z.string().max(20).meta({ example: '1.0.0' }),
});
