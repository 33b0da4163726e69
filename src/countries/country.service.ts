import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locale } from '../i18n/locale.ts';
import type { Country, CountryRepository } from './country.repository.ts';
import { countryNamesSeedSchema, countrySeedSchema } from './country.schemas.ts';

/** A country's name in each language: English from M49, French and Spanish as the UN writes them. */
export type CountryNames = Record<Locale, string>;
/** A country as listed: the stored row with its names in every language. */
export type ListedCountry = Country & { names: CountryNames };

/** Beside the country list: the UN's French and Spanish names, with their source (seeds/). */
export const NAMES_FILE = 'country-names.json';

/**
 * The country list is seeded at start-up and read-only after, so it is held in memory. Names in
 * French and Spanish are seed data too (`country-names.json` beside the list); a country the
 * UN source does not name in a language keeps its English M49 name there, never a home-made one.
 */
export class CountryService {
  private byIso3 = new Map<string, ListedCountry>();
  private translated = new Map<string, Partial<CountryNames>>();
  private json = '[]';

  constructor(private readonly repository: CountryRepository) {}

  seedFromFile(file: string): void {
    const { countries } = countrySeedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const namesFile = join(dirname(file), NAMES_FILE);
    if (existsSync(namesFile)) {
      const { names } = countryNamesSeedSchema.parse(JSON.parse(readFileSync(namesFile, 'utf8')));
      this.translated = new Map(Object.entries(names));
    }
    this.repository.upsertAll(countries);
    this.refresh();
  }

  refresh(): void {
    const all = this.repository.all().map((c) => ({ ...c, names: this.namesOf(c) }));
    this.byIso3 = new Map(all.map((c) => [c.iso3, c]));
    this.json = JSON.stringify(all);
  }

  private namesOf(country: Country): CountryNames {
    const names = this.translated.get(country.iso3) ?? {};
    return { en: country.name, fr: names.fr ?? country.name, es: names.es ?? country.name };
  }

  list(): ListedCountry[] {
    return [...this.byIso3.values()];
  }

  listJson(): string {
    return this.json;
  }

  find(iso3: string): ListedCountry | undefined {
    return this.byIso3.get(iso3);
  }

  /** The country's name in `locale`; the code itself for a code not in the list. */
  nameIn(iso3: string, locale: Locale): string {
    return this.byIso3.get(iso3)?.names[locale] ?? iso3;
  }

  regions(): string[] {
    return [...new Set(this.list().flatMap((c) => (c.region ? [c.region] : [])))].sort();
  }
}
