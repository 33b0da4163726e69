import { api, ok, type Schemas } from './api.ts';
import { locale } from './i18n.ts';

/**
 * Country names in the reader's language, as the UN writes them (GET /v1/countries, fetched once
 * per page load): lists show "Kenya", not "KEN". Until the list has arrived, or for a code it
 * lacks, the code is shown.
 */
let names = new Map<string, Schemas['Country']['names']>();
let loading: Promise<void> | null = null;

export function loadCountries(): Promise<void> {
  loading ??= ok(api.GET('/v1/countries'))
    .then(({ data }) => {
      names = new Map(data.map((c) => [c.iso3, c.names]));
    })
    .catch(() => {
      // A name is a nicety here: without the list, lists keep showing codes; try again next time.
      loading = null;
    });
  return loading;
}

export const countryName = (iso3: string): string => names.get(iso3)?.[locale()] ?? iso3;
