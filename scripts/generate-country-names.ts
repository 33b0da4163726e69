/**
 * Writes seeds/country-names.json: the French and Spanish names of countries and areas as the
 * United Nations writes them, from two official sources, each recorded beside the data.
 *
 * 1. The 193 Member States: the official short names on www.un.org/fr/member-states/ and
 *    www.un.org/es/member-states/ (the UNTERM short names), read from the countrycode project's
 *    scrape of those pages, a CSV with the columns iso3c, un.name.fr, un.name.es:
 *
 *      git show <commit>:dictionary/codelist_without_cldr.csv > codelist.csv
 *
 * 2. Every other country or area (the observer states Holy See and State of Palestine, and the
 *    territories): its name in the UN Statistics Division's M49 table, which UNSD publishes in
 *    French and Spanish (https://unstats.un.org/unsd/methodology/m49/overview/), read from the
 *    datasets/country-codes copy of those downloads (columns "ISO-alpha3 Code", "Country or Area").
 *    The commit is the one that added them as downloaded; a later commit there adds a row UNSD
 *    does not publish.
 *
 *      git show <commit>:tmp/UNSD-fr.csv > UNSD-fr.csv; git show <commit>:tmp/UNSD-es.csv > UNSD-es.csv
 *
 *   npx tsx scripts/generate-country-names.ts codelist.csv <countrycode commit> UNSD-fr.csv UNSD-es.csv <country-codes commit>
 *
 * A name is quoted exactly as its source writes it; a country or area neither source names keeps
 * its English M49 name rather than an informal or home-made translation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const [codelist, codelistCommit, unsdFr, unsdEs, unsdCommit] = process.argv.slice(2);
if (!codelist || !codelistCommit || !unsdFr || !unsdEs || !unsdCommit)
  throw new Error(
    'usage: generate-country-names.ts <codelist.csv> <countrycode commit> <UNSD-fr.csv> <UNSD-es.csv> <country-codes commit>',
  );

const rows = (file: string) =>
  parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];

const members: Record<string, { fr: string; es: string }> = {};
for (const row of rows(codelist)) {
  const [iso3, fr, es] = [row.iso3c, row['un.name.fr'], row['un.name.es']];
  if (iso3 && fr && es) members[iso3] = { fr: fr.trim(), es: es.trim() };
}

const m49 = (file: string) =>
  new Map(rows(file).map((row) => [row['ISO-alpha3 Code'] ?? '', (row['Country or Area'] ?? '').trim()]));
const [m49Fr, m49Es] = [m49(unsdFr), m49(unsdEs)];
const countries = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../seeds/countries.json'), 'utf8'),
) as {
  countries: { iso3: string }[];
};
const others: Record<string, { fr: string; es: string }> = {};
for (const { iso3 } of countries.countries) {
  const [fr, es] = [m49Fr.get(iso3), m49Es.get(iso3)];
  if (!members[iso3] && fr && es) others[iso3] = { fr, es };
}

const names = Object.fromEntries(
  Object.entries({ ...others, ...members }).sort(([a], [b]) => a.localeCompare(b)),
);
const source = {
  publisher: 'United Nations, official short names of the Member States (UNTERM)',
  pages: ['http://www.un.org/fr/member-states/', 'http://www.un.org/es/member-states/'],
  scrapedBy: 'dictionary/get_un_names.R',
  mirror: {
    repository: 'https://github.com/vincentarelbundock/countrycode',
    commit: codelistCommit,
    path: 'dictionary/codelist_without_cldr.csv',
    columns: ['iso3c', 'un.name.fr', 'un.name.es'],
  },
  coverage: 'The 193 UN Member States.',
};
const m49Source = {
  publisher:
    'United Nations Statistics Division, Standard country or area codes for statistical use (M49), in French and Spanish',
  pages: ['https://unstats.un.org/unsd/methodology/m49/overview/'],
  mirror: {
    repository: 'https://github.com/datasets/country-codes',
    commit: unsdCommit,
    paths: ['tmp/UNSD-fr.csv', 'tmp/UNSD-es.csv'],
    columns: ['ISO-alpha3 Code', 'Country or Area'],
  },
  coverage: 'Every other country or area of the list: the observer states and the territories.',
  countries: Object.keys(others).sort(),
};
const target = resolve(import.meta.dirname, '../seeds/country-names.json');
writeFileSync(target, `${JSON.stringify({ source, m49Source, names }, null, 2)}\n`);
console.log(
  `wrote ${Object.keys(names).length} country names (${Object.keys(members).length} Member States, ${Object.keys(others).length} from M49) to ${target}`,
);
