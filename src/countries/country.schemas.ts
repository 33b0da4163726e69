import { z } from 'zod';

export const countrySchema = z
  .object({
    iso3: z.string().meta({ example: 'KEN' }),
    name: z.string().meta({ example: 'Kenya' }),
    m49: z.string().meta({ description: 'UN M49 numeric code', example: '404' }),
    region: z.string().nullable().meta({ example: 'Africa' }),
    regionCode: z.string().nullable().meta({ example: '002' }),
    subregion: z.string().nullable().meta({ example: 'Sub-Saharan Africa' }),
    subregionCode: z.string().nullable(),
    intermediateRegion: z.string().nullable().meta({ example: 'Eastern Africa' }),
    intermediateRegionCode: z.string().nullable(),
  })
  .meta({ id: 'Country' });
