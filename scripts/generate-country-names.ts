/**
 * Writes seeds/country-names.json: the French and Spanish names of countries as the United
 * Nations writes them (the official short names on www.un.org/fr/member-states/ and
 * www.un.org/es/member-states/, the UNTERM short names). They are read from the countrycode project's
 * scrape of those pages, a CSV with the columns iso3c, un.name.en, un.name.fr, un.name.es:
 *
 *   git show <commit>:dictionary/codelist_without_cldr.csv > codelist.csv
 *   npx tsx scripts/generate-country-names.ts codelist.csv <commit>
 *
 * Only UN member states are listed there; any other country or area keeps its English M49 name
 * in every language rather than an informal or home-made translation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const [file, commit] = process.argv.slice(2);
if (!file || !commit) throw new Error('usage: generate-country-names.ts <codelist.csv> <countrycode commit>');
const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
const names: Record<string, { fr: string; es: string }> = {};
for (const row of rows) {
  const [iso3, fr, es] = [row.iso3c, row['un.name.fr'], row['un.name.es']];
  if (iso3 && fr && es) names[iso3] = { fr: fr.trim(), es: es.trim() };
}
const sorted = Object.fromEntries(Object.entries(names).sort(([a], [b]) => a.localeCompare(b)));
const source = {
  publisher: 'United Nations, official short names of the Member States (UNTERM)',
  pages: ['http://www.un.org/fr/member-states/', 'http://www.un.org/es/member-states/'],
  scrapedBy: 'dictionary/get_un_names.R',
  mirror: {
    repository: 'https://github.com/vincentarelbundock/countrycode',
    commit,
    path: 'dictionary/codelist_without_cldr.csv',
    columns: ['iso3c', 'un.name.fr', 'un.name.es'],
  },
  coverage:
    'The 193 UN Member States. Other countries and areas (observer states, territories) have no French or Spanish name here and are shown with their English M49 name.',
};
const target = resolve(import.meta.dirname, '../seeds/country-names.json');
writeFileSync(target, `${JSON.stringify({ source, names: sorted }, null, 2)}\n`);
console.log(`wrote ${Object.keys(sorted).length} country names to ${target}`);
