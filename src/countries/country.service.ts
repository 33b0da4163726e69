import { readFileSync } from 'node:fs';
import type { Country, CountryRepository } from './country.repository.ts';

/** The country list is seeded at start-up and read-only after, so it is held in memory. */
export class CountryService {
  private byIso3 = new Map<string, Country>();
  private json = '[]';

  constructor(private readonly repository: CountryRepository) {}

  seedFromFile(file: string): void {
    const { countries } = JSON.parse(readFileSync(file, 'utf8')) as { countries: Country[] };
    this.repository.upsertAll(countries);
    this.refresh();
  }

  refresh(): void {
    const all = this.repository.all();
    this.byIso3 = new Map(all.map((c) => [c.iso3, c]));
    this.json = JSON.stringify(all);
  }

  list(): Country[] {
    return [...this.byIso3.values()];
  }

  listJson(): string {
    return this.json;
  }

  find(iso3: string): Country | undefined {
    return this.byIso3.get(iso3);
  }

  regions(): string[] {
    return [...new Set(this.list().flatMap((c) => (c.region ? [c.region] : [])))].sort();
  }
}
