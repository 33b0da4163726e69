import { randomInt } from 'node:crypto';
import type { Db } from '../src/db/client.ts';
import { DOMAIN_KEYS } from '../src/framework/framework.schema.ts';
import { sdgRegionOf } from '../src/indicators/sdg1072.areas.ts';
import { categoryOf } from '../src/indicators/sdg1072.official.ts';
import { uuidv7 } from '../src/lib/ids.ts';

const BANDS: [string, number][] = [
  ['requires_further_progress', 0],
  ['partially_meets', 40],
  ['meets', 60],
  ['fully_meets', 80],
];
const band = (score: number) => BANDS.filter(([, min]) => score >= min).at(-1)?.[0] ?? null;

interface CountryRow {
  iso3: string;
  region: string | null;
  subregion: string | null;
  regionCode: string | null;
  subregionCode: string | null;
  intermediateRegionCode: string | null;
}

/** The inserts of the rows validation writes, prepared once. */
function validatedStatements(sqlite: Db['$client']) {
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
  const insertOfficial = sqlite.prepare(
    `INSERT INTO validated_sdg1072_official_responses (assessment_id, country, period, validated_at,
       region_code, subregion_code, intermediate_region_code, sdg_region_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOfficialValue = sqlite.prepare(
    'INSERT INTO validated_sdg1072_official (assessment_id, domain, value, category) VALUES (?, ?, ?, ?)',
  );
  return { insertAssessment, insertResult, insertDomain, insertSdg1072, insertOfficial, insertOfficialValue };
}

/**
 * Writes `count` validated assessments of one period straight into the tables validation
 * fills (assessments, validated_results, validated_domain_results, validated_sdg1072_results:
 * the overall 10.7.2 category and one per 10.7.2 domain), spread over every country: what the
 * 10.7.2 aggregate reads, without running 10,000 workflows. `frameworkId` is the latest
 * framework (2.1.0, methodology 3), so each also gets its official 10.7.2 record
 * (validated_sdg1072_official_responses and validated_sdg1072_official: domains 0-6, each a
 * category 1-4), as validation writes it for that framework.
 */
export function seedValidatedResults(db: Db, count: number, period: string, frameworkId: number): void {
  const sqlite = db.$client;
  const countries = sqlite
    .prepare(
      `SELECT iso3, region, subregion, region_code AS regionCode, subregion_code AS subregionCode,
              intermediate_region_code AS intermediateRegionCode FROM countries`,
    )
    .all() as CountryRow[];
  const { insertAssessment, insertResult, insertDomain, insertSdg1072, insertOfficial, insertOfficialValue } =
    validatedStatements(sqlite);
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
      insertOfficial.run(
        id,
        country.iso3,
        period,
        at,
        country.regionCode,
        country.subregionCode,
        country.intermediateRegionCode,
        sdgRegionOf(country),
      );
      for (let domain = 0; domain <= 6; domain++) {
        const value = randomInt(0, 21) * 5;
        insertOfficialValue.run(id, domain, value, categoryOf(value));
      }
    }
  })();
}

/**
 * Gives each assessment `depth` earlier revisions, as `depth` autosaves would have left them:
 * one `answer_set` history row per revision (a comment and one evidence item changed each time,
 * cycling over `answers`), the answer rows of the last of them, and the revision and history
 * budget on the assessment row. Direct inserts in one transaction: a second or so for 64,000 rows.
 */
export function seedDeepHistories(
  db: Db,
  ids: readonly string[],
  depth: number,
  answers: readonly { question: string; value: unknown }[],
  actor: string,
): void {
  const sqlite = db.$client;
  const insertEvent = sqlite.prepare(
    `INSERT INTO events (assessment_id, revision, type, actor, at, question, before, after, reason, ministry)
     VALUES (?, ?, 'answer_set', ?, ?, ?, ?, ?, NULL, NULL)`,
  );
  const upsertAnswer = sqlite.prepare(
    `INSERT INTO answers (assessment_id, question, value, not_applicable, comment, evidence, answered_by, answered_at, ministry)
     VALUES (?, ?, ?, 0, ?, ?, ?, ?, NULL)
     ON CONFLICT (assessment_id, question) DO UPDATE SET value = excluded.value, comment = excluded.comment,
       evidence = excluded.evidence, answered_at = excluded.answered_at`,
  );
  const finish = sqlite.prepare(
    'UPDATE assessments SET revision = ?, history_bytes = history_bytes + ?, updated_at = ? WHERE id = ?',
  );
  const state = (value: unknown, n: number) =>
    `{"value":${JSON.stringify(value)},"notApplicable":false,"comment":"draft ${n}","evidence":[{"title":"Source ${n}"}]}`;
  sqlite.transaction(() => {
    for (const id of ids) {
      const last = new Map<string, string>();
      let bytes = 0;
      const revision0 = (
        sqlite.prepare('SELECT revision FROM assessments WHERE id = ?').get(id) as { revision: number }
      ).revision;
      for (let n = 1; n <= depth; n++) {
        const answer = answers[n % answers.length];
        if (!answer) continue;
        const at = new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
        const after = state(answer.value, n);
        const before = last.get(answer.question) ?? null;
        insertEvent.run(id, revision0 + n, actor, at, answer.question, before, after);
        upsertAnswer.run(
          id,
          answer.question,
          JSON.stringify(answer.value),
          `draft ${n}`,
          `[{"title":"Source ${n}"}]`,
          actor,
          at,
        );
        last.set(answer.question, after);
        bytes += Buffer.byteLength(after) + (before ? Buffer.byteLength(before) : 0);
      }
      finish.run(revision0 + depth, bytes, new Date().toISOString(), id);
    }
  })();
}
