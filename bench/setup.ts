/**
 * The data of `npm run bench`, written in the bench's own process before any server starts:
 * a validated round and a fully answered draft of the next round for KEN (the report read,
 * which carries the comparison), 16 fully answered drafts (import), 32 drafts with 2,000
 * earlier revisions each (autosave), one draft for 16 editors at once, and 10,000 validated
 * assessments of the latest framework (the 10.7.2 aggregate).
 */
import { SignJWT } from 'jose';
import type { App } from '../src/app.ts';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../src/auth/keys.ts';
import { configSchema } from '../src/config.ts';
import type { Seeded } from './context.ts';
import { log } from './processes.ts';
import { seedDeepHistories, seedValidatedResults } from './seed.ts';
import { answerSet, fullWorkflow } from './workflow.ts';

const COUNTRIES = [
  'GHA',
  'UGA',
  'TZA',
  'RWA',
  'ETH',
  'NGA',
  'SEN',
  'MAR',
  'EGY',
  'MEX',
  'COL',
  'PHL',
  'IDN',
  'NPL',
  'FRA',
  'DEU',
];
const VALIDATED = 10_000;
const DEPTH = 2000;

/** A token of the service's local issuer, valid two hours. */
export async function sign(
  dataDir: string,
  subject: string,
  claims: Record<string, unknown>,
): Promise<string> {
  const keys = await loadOrCreateLocalKeys(dataDir);
  const config = configSchema.parse({});
  return new SignJWT(claims)
    .setProtectedHeader({ alg: LOCAL_ALGORITHM })
    .setSubject(subject)
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(keys.privateKey);
}

export async function seed(app: App, admin: Record<string, string>): Promise<Seeded> {
  log('seeding…');
  const published = app.services.frameworks.latest();
  const { framework } = published;
  const answers = answerSet(framework, 1);
  await fullWorkflow(app, admin, 'KEN', '2024', framework, 0.7, true);
  const reportId = await fullWorkflow(app, admin, 'KEN', '2025', framework, 0.6, false);
  const importIds: string[] = [];
  for (const country of COUNTRIES)
    importIds.push(await fullWorkflow(app, admin, country, '2026', framework, 0, false));
  const autosaveIds: string[] = [];
  for (const period of ['2031', '2032']) {
    for (const country of COUNTRIES) {
      autosaveIds.push(await fullWorkflow(app, admin, country, period, framework, 0, false, false));
    }
  }
  log(`seeding ${DEPTH} revisions into each of ${autosaveIds.length} assessments…`);
  const withValues = answers.filter((a) => a.value !== undefined) as { question: string; value: unknown }[];
  seedDeepHistories(app.db, autosaveIds, DEPTH, withValues, 'bench-admin');
  seedValidatedResults(app.db, VALIDATED, '2040', published.id);
  // One draft that 16 editors write to at once, each its own yes/no question, none a follow-up
  // or the condition of one (so every write is disjoint from the others').
  const sharedId = await fullWorkflow(app, admin, 'KEN', '2027', framework, 0, false, false);
  const linked = new Set(
    [...published.questions.values()].flatMap((q) => (q.enableWhen ? [q.key, q.enableWhen.question] : [])),
  );
  const editorAnswers = [...published.questions.values()]
    .filter((q) => q.options && !linked.has(q.key))
    .map((q) => ({ question: q.key, value: q.options![0]!.value as unknown }));
  return {
    framework,
    frameworkLabel: `${framework.key} ${framework.version}, methodology ${framework.methodology.version}`,
    questions: published.questions.size,
    reportId,
    importIds,
    autosaveIds,
    sharedId,
    editorAnswers,
    answers,
    validatedPeriod: '2040',
    validated: VALIDATED,
  };
}
