import { randomInt } from 'node:crypto';
import type { Db } from '../src/db/client.ts';
import { DOMAIN_KEYS } from '../src/framework/framework.schema.ts';
import { uuidv7 } from '../src/lib/ids.ts';

const BANDS: [string, number][] = [
  ['requires_further_progress', 0],
  ['partially_meets', 40],
  ['meets', 60],
  ['fully_meets', 80],
];
const band = (score: number) => BANDS.filter(([, min]) => score >= min).at(-1)?.[0] ?? null;

/**
 * Writes `count` validated assessments of one period straight into the tables validation
 * fills (assessments, validated_results, validated_domain_results, validated_sdg1072_results:
 * the overall 10.7.2 category and one per 10.7.2 domain), spread over every country: what the
 * 10.7.2 aggregate reads, without running 10,000 workflows.
 */
export function seedValidatedResults(db: Db, count: number, period: string, frameworkId: number): void {
  const sqlite = db.$client;
  const countries = sqlite.prepare('SELECT iso3, region, subregion FROM countries').all() as {
    iso3: string;
    region: string | null;
    subregion: string | null;
  }[];
  const insertAssessment = sqlite.prepare(
    `INSERT INTO assessments (id, country, period, framework_id, status, revision, created_by, validated_at)
     VALUES (?, ?, ?, ?, 'validated', 3, 'bench', ?)`,
  );
  const insertResult = sqlite.prepare(
    `INSERT INTO validated_results (assessment_id, country, period, region, subregion, composite, band, validated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDomain = sqlite.prepare(
    'INSERT INTO validated_domain_results (assessment_id, domain, score, band) VALUES (?, ?, ?, ?)',
  );
  const insertSdg1072 = sqlite.prepare(
    'INSERT INTO validated_sdg1072_results (assessment_id, domain, score, category) VALUES (?, ?, ?, ?)',
  );
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const country = countries[i % countries.length];
      if (!country) continue;
      const id = uuidv7(Date.now() + i);
      const at = new Date(Date.UTC(2040, 0, 1) + i * 1000).toISOString();
      const scores = DOMAIN_KEYS.map(() => randomInt(0, 10_001) / 100);
      const composite = scores.reduce((a, b) => a + b, 0) / scores.length;
      insertAssessment.run(id, country.iso3, period, frameworkId, at);
      insertResult.run(
        id,
        country.iso3,
        period,
        country.region,
        country.subregion,
        composite,
        band(composite),
        at,
      );
      DOMAIN_KEYS.forEach((key, d) => {
        insertDomain.run(id, key, scores[d], band(scores[d] ?? 0));
      });
      // 0 is the overall category, 1-6 the 10.7.2 domains.
      for (let domain = 0; domain <= 6; domain++) {
        const score = domain === 0 ? composite : randomInt(0, 10_001) / 100;
        insertSdg1072.run(id, domain, score, band(score));
      }
    }
  })();
}
