import { countries } from '../../seeds/countries.json';
import { names as translated } from '../../seeds/country-names.json';
import { locale } from './i18n.ts';

/**
 * Country names in the reader's language, as the UN writes them: the server's own seed data
 * (seeds/countries.json and seeds/country-names.json, the same files GET /v1/countries serves),
 * bundled into the app. A header, a title or a list shows "Kenya", not "KEN", without a request
 * at load and at once in another language. A code the seeds lack is shown as it is.
 */
const french = translated as Record<string, { fr: string; es: string } | undefined>;
const names = new Map(
  countries.map((c) => [
    c.iso3,
    { en: c.name, fr: french[c.iso3]?.fr ?? c.name, es: french[c.iso3]?.es ?? c.name },
  ]),
);

export const countryName = (iso3: string): string => names.get(iso3)?.[locale()] ?? iso3;
