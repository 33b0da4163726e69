/**
 * Measures the official 10.7.2 aggregate over many validated assessments (docs/sdg-10-7-2.md,
 * "Performance"): `npx tsx test/indicators/measure-aggregate.ts [count]`. Not a test: timings are
 * reported, never asserted. Rows go straight into the indicator tables of an in-memory database
 * (foreign keys off: no assessments behind them), one in ten without an official record.
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../src/db/client.ts';
import { sdgRegionOf } from '../../src/indicators/sdg1072.areas.ts';
import { Sdg1072Repository } from '../../src/indicators/sdg1072.repository.ts';
import { type AreaCountry, Sdg1072Service } from '../../src/indicators/sdg1072.service.ts';
import { SEEDS_DIR } from '../../src/paths.ts';

const count = Number(process.argv[2] ?? 10_000);
const db = openDatabase(':memory:');
const sqlite = db.$client;
sqlite.pragma('foreign_keys = OFF');
const { countries } = JSON.parse(readFileSync(`${SEEDS_DIR}/countries.json`, 'utf8')) as {
  countries: (AreaCountry & { region: string | null; subregion: string | null })[];
};
const result = sqlite.prepare(
  'INSERT INTO validated_results (assessment_id, country, period, region, subregion, validated_at) VALUES (?, ?, ?, ?, ?, ?)',
);
const response = sqlite.prepare(
  'INSERT INTO validated_sdg1072_official_responses VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
const value = sqlite.prepare('INSERT INTO validated_sdg1072_official VALUES (?, ?, ?, ?)');
let seed = 1;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
sqlite.transaction(() => {
  for (let i = 0; i < count; i++) {
    const c = countries[i % countries.length]!;
    const period = String(2000 + Math.floor(random() * 30));
    const id = `a${i}`;
    const at = `${period}-06-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`;
    result.run(id, c.iso3, period, c.region, c.subregion, at);
    if (i % 10 === 0) continue;
    const codes = [c.regionCode, c.subregionCode, c.intermediateRegionCode ?? null, sdgRegionOf(c)];
    response.run(id, c.iso3, period, at, ...codes);
    for (let domain = 0; domain <= 6; domain++) {
      const category = 1 + Math.floor(random() * 4);
      value.run(id, domain, [20, 60, 80, 100][category - 1], category);
    }
  }
})();
sqlite.exec('ANALYZE');

const service = new Sdg1072Service(new Sdg1072Repository(db), () => countries);
function time(label: string, run: () => unknown) {
  for (let i = 0; i < 5; i++) run();
  const runs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const start = process.hrtime.bigint();
    run();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label}: median ${runs[15]!.toFixed(2)} ms, slowest ${runs[29]!.toFixed(2)} ms`);
}
console.log(`${count} validated assessments, ${countries.length} countries`);
time('aggregate, groupBy=sdgRegion', () => service.aggregate('2025', undefined, 'sdgRegion', 'en'));
time('aggregate, region=Africa', () =>
  service.aggregate('2025', { code: '002', name: 'Africa' }, 'region', 'en'),
);
time('SDMX-CSV', () => service.sdmxCsv('2025'));
time('CSV for people', () => service.plainCsv('2025', 'fr'));
