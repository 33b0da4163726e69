import { z } from 'zod';

export const countrySchema = z
  .object({
    iso3: z.string().meta({ example: 'KEN' }),
    name: z.string().meta({ description: 'The UN M49 name in English', example: 'Kenya' }),
    names: z.object({ en: z.string(), fr: z.string(), es: z.string() }).meta({
      description:
        'The name in each language as the UN writes it (M49 in English; the UN official short names in French and Spanish). A country or area the UN source does not name in a language has its English name there.',
      example: {
        en: 'Bolivia (Plurinational State of)',
        fr: 'Bolivie (État plurinational de)',
        es: 'Bolivia (Estado Plurinacional de)',
      },
    }),
    m49: z.string().meta({ description: 'UN M49 numeric code', example: '404' }),
    region: z.string().nullable().meta({ example: 'Africa' }),
    regionCode: z.string().nullable().meta({ example: '002' }),
    subregion: z.string().nullable().meta({ example: 'Sub-Saharan Africa' }),
    subregionCode: z.string().nullable(),
    intermediateRegion: z.string().nullable().meta({ example: 'Eastern Africa' }),
    intermediateRegionCode: z.string().nullable(),
  })
  .meta({ id: 'Country' });
