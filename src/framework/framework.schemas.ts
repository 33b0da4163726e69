import { z } from 'zod';
import { frameworkRefSchema } from '../assessments/assessment.schemas.ts';
import { LOCALES } from '../i18n/locale.ts';
import { boundedArray, countInt, timestampString } from '../lib/bounded.ts';
import { MAX_QUESTIONS } from './framework.limits.ts';
import { DOMAIN_KEYS, frameworkSchema } from './framework.schema.ts';

const { key, version } = frameworkRefSchema.shape;

/** The API's views of published frameworks (framework.schema.ts is the definition format itself). */
export const frameworkSummarySchema = z
  .object({
    key,
    version,
    title: z.string(),
    publishedAt: timestampString(),
    domains: countInt().max(DOMAIN_KEYS.length),
    subdomains: countInt().max(DOMAIN_KEYS.length * 9),
    questions: countInt().max(MAX_QUESTIONS),
    latest: z.boolean().meta({ description: 'The version new assessments are pinned to by default' }),
    languages: boundedArray(z.enum(LOCALES), LOCALES.length).meta({
      description: 'Languages the questionnaire text is available in',
    }),
  })
  .meta({ id: 'FrameworkSummary' });

export const publishedFrameworkSchema = frameworkSchema
  .extend({ publishedAt: timestampString() })
  .meta({ id: 'PublishedFramework' });

export const frameworkParamsSchema = z.strictObject({
  key,
  version,
});
