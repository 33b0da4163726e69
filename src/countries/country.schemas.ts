import { z } from 'zod';
import { iso3Schema } from '../auth/claims.ts';
import { boundedArray } from '../lib/bounded.ts';

/** A UN M49 numeric code: three digits. */
const m49Code = z
  .string()
  .max(3)
  .regex(/^\d{3}$/);
/** An English name from UN M49; the longest today is 52 characters. */
const name = z.string().min(1).max(100);

export const countrySchema = z
  .object({
    iso3: iso3Schema,
    name: name.meta({ description: 'The UN M49 name in English', example: 'Kenya' }),
    names: z.object({ en: name, fr: name, es: name }).meta({
      description:
        'The name in each language as the UN writes it (M49 in English; the UN official short names in French and Spanish). A country or area the UN source does not name in a language has its English name there.',
      example: {
        en: 'Bolivia (Plurinational State of)',
        fr: 'Bolivie (État plurinational de)',
        es: 'Bolivia (Estado Plurinacional de)',
      },
    }),
    m49: m49Code.meta({ description: 'UN M49 numeric code', example: '404' }),
    region: name.nullable().meta({ example: 'Africa' }),
    regionCode: m49Code.nullable().meta({ example: '002' }),
    subregion: name.nullable().meta({ example: 'Sub-Saharan Africa' }),
    subregionCode: m49Code.nullable(),
    intermediateRegion: name.nullable().meta({ example: 'Eastern Africa' }),
    intermediateRegionCode: m49Code.nullable(),
  })
  .meta({ id: 'Country' });

/** UN M49 lists 249 countries and areas; room for a few more. */
export const MAX_COUNTRIES = 300;

/** The seed files, checked at start-up against the same bounds the API promises. */
export const countrySeedSchema = z.object({
  countries: boundedArray(countrySchema.omit({ names: true }), MAX_COUNTRIES),
});
export const countryNamesSeedSchema = z.object({
  names: z.record(z.string(), z.object({ en: name, fr: name, es: name }).partial()),
});
