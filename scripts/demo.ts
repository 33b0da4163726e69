/**
 * A guided first run: starts migov on a fresh data directory, takes a fictional country through
 * two validated rounds (2024 and 2025, answers in seeds/demo/), and prints the scored 2025 report.
 *
 *   npm run demo                      # keeps serving until Ctrl-C
 *   npm run demo -- --exit            # prints the summary and stops (tests and CI)
 *   npm run demo -- --data-dir DIR    # keeps the data in DIR instead of a temporary directory
 *   npm run demo -- --port 3000       # a fixed port instead of a free one
 *
 * The API only accepts real ISO 3166-1 codes, so the fictional Republic of Examplia borrows ATA
 * (Antarctica, which no State governs). None of the numbers describes a real country.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { expectOk, migovClient } from '../examples/client/journey.ts';
import type { components } from '../examples/client/schema.d.ts';
import { buildApp } from '../src/app.ts';
import { putAnswersSchema } from '../src/assessments/assessment.schemas.ts';
import { iso3Schema } from '../src/auth/claims.ts';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../src/auth/keys.ts';
import { testConfig } from '../src/config.ts';

type Report = components['schemas']['Report'];

const ROOT = resolve(import.meta.dirname, '..');
const SEEDS = join(ROOT, 'seeds/demo');
const ROUNDS = ['2024', '2025'] as const;
const TOKEN_TTL_SECONDS = 8 * 3600;

const USAGE = 'usage: npm run demo -- [--data-dir DIR] [--port N] [--exit]';

/** One round of answers as stored in seeds/demo: the body of PUT .../answers, with who and when. */
const roundSchema = putAnswersSchema.extend({
  description: z.string(),
  country: iso3Schema,
  countryName: z.string().min(1),
  period: z.string().regex(/^\d{4}$/),
  framework: z.strictObject({ key: z.string(), version: z.string() }),
});
type Round = z.output<typeof roundSchema>;

const progress = (line: string) => process.stderr.write(`… ${line}\n`);

function loadRound(period: string): Round {
  const file = join(SEEDS, `answers-${period}.json`);
  const parsed = roundSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file} is not a valid answer set: ${issues}`);
  }
  return parsed.data;
}

async function mint(dataDir: string, claims: { sub: string; role: string; country?: string }) {
  const config = testConfig({ DATA_DIR: dataDir });
  const keys = await loadOrCreateLocalKeys(dataDir);
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: keys.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
    .sign(keys.privateKey);
}

const fixed = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? '—' : value.toFixed(digits);
const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** The summary a newcomer reads: the headline numbers and where to look next. */
/** How the summary ends: links while the demo serves, or what to do once it has stopped. */
type After = { serving: true; baseUrl: string; token: string } | { serving: false; dataDir: string | null };

function summarise(report: Report, round: Round, after: After): string {
  const label = (band: string | null) =>
    report.methodology.bands.find((b) => b.key === band)?.label ?? 'not banded';
  const { composite, coverage } = report;
  const u = composite.uncertainty;
  const lines = [
    '',
    `${round.countryName}: migration governance self-assessment ${report.period}`,
    `Fictional demo data: the ISO code ${report.country} is borrowed, so the report and chart say ` +
      `"${report.countryName}"`,
    `Framework ${report.framework.key} ${report.framework.version}, methodology v${report.methodology.version} ` +
      `(${report.methodology.aggregation})`,
    '',
    `  Composite MGI    ${fixed(composite.score)}  ${label(composite.band)}${composite.provisional ? ' (provisional)' : ''}`,
    u
      ? `  Uncertainty      p5 ${fixed(u.p5)} · p50 ${fixed(u.p50)} · p95 ${fixed(u.p95)} · ` +
        `band stability ${Math.round(u.bandStability * 100)}%`
      : '  Uncertainty      —',
    `  Coverage         ${coverage.answered} of ${coverage.enabled} applicable questions answered`,
    '',
    '  Domains',
    ...report.domains.map(
      (d) => `    ${d.key}  ${clip(d.title, 72).padEnd(72)} ${fixed(d.score).padStart(6)}  ${label(d.band)}`,
    ),
    '',
    '  Top 5 gaps (where one answer would raise the composite most)',
    ...report.gaps
      .slice(0, 5)
      .map(
        (g, i) =>
          `    ${i + 1}. ${signed(g.potentialGain).padStart(6)}  ${g.question.padEnd(7)} ${clip(g.text, 84)}`,
      ),
    '',
  ];
  const comparison = report.comparison;
  if (comparison) {
    lines.push(
      `  Compared with ${comparison.period}: composite ${signed(comparison.compositeDelta)}; ` +
        comparison.domains.map((d) => `${d.key} ${signed(d.delta)}`).join(', '),
      `    ${comparison.changedQuestions.length} answers changed` +
        (comparison.commonQuestionsOnly ? ' (common questions only: framework versions differ)' : ''),
      '',
    );
  } else {
    lines.push('  No earlier validated round to compare with', '');
  }
  if (after.serving) {
    const reportUrl = `${after.baseUrl}/v1/assessments/${report.assessmentId}`;
    lines.push(
      '  Look further while the demo serves (the API needs the bearer token below; /docs does not):',
      `    Report (JSON)  ${reportUrl}/report`,
      `    CSV            ${reportUrl}/report  with  Accept: text/csv`,
      `    Chart (SVG)    ${reportUrl}/report.svg`,
      `    Profile (PDF)  ${reportUrl}/profile.pdf`,
      `    API docs       ${after.baseUrl}/docs`,
      '',
      `    TOKEN=${after.token}`,
      `    curl -H "Authorization: Bearer $TOKEN" ${reportUrl}/profile.pdf > profile.pdf`,
      '',
    );
  } else if (after.dataDir) {
    lines.push(
      `  The demo server has stopped (--exit); its data is kept in ${after.dataDir}. To look further:`,
      `    DATA_DIR=${after.dataDir} npm start`,
      `    TOKEN=$(DATA_DIR=${after.dataDir} npm run -s token -- --role reviewer)`,
      `    curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3000/v1/assessments/${report.assessmentId}/profile.pdf > profile.pdf`,
      '',
    );
  } else {
    lines.push(
      '  The demo server has stopped (--exit) and its temporary data is deleted. Run `npm run demo`',
      '  without --exit to keep it serving: it then prints the links and a token to follow them.',
      '',
    );
  }
  return lines.join('\n');
}

async function main() {
  let options: { 'data-dir'?: string; port?: string; exit?: boolean; help?: boolean };
  try {
    ({ values: options } = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        exit: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`demo: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`demo: --port must be a port number\n${USAGE}`);
    process.exit(2);
  }

  const temporary = options['data-dir'] === undefined;
  const dataDir = temporary ? mkdtempSync(join(tmpdir(), 'migov-demo-')) : resolve(options['data-dir'] ?? '');
  mkdirSync(dataDir, { recursive: true });
  const rounds = ROUNDS.map(loadRound);

  progress(`Starting migov on ${dataDir}${temporary ? ' (temporary)' : ''}: migrations, seeds, keys`);
  const config = testConfig({ DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: port, LOG_LEVEL: 'error' });
  const app = await buildApp(config);
  await app.listen({ host: config.HOST, port: config.PORT });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  progress(`Listening on ${baseUrl}`);

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await app.close();
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    process.exit(code);
  };

  try {
    const country = rounds[0]?.country ?? 'ATA';
    const focalToken = await mint(dataDir, { sub: 'examplia-focal-point', role: 'focal_point', country });
    const reviewerToken = await mint(dataDir, { sub: 'demo-reviewer', role: 'reviewer' });
    const focal = migovClient(baseUrl, focalToken);
    const reviewer = migovClient(baseUrl, reviewerToken);

    let latest = '';
    for (const round of rounds) {
      const tag = `[${round.period}]`;
      progress(`${tag} ${round.countryName} opens its assessment (focal point)`);
      const created = await expectOk(
        `${round.period}: open`,
        focal.POST('/v1/assessments', {
          body: { country: round.country, period: round.period, framework: round.framework },
        }),
      );
      const id = created.data.id;
      progress(`${tag} answering ${round.answers.length} questions in one batch`);
      const answered = await expectOk(
        `${round.period}: answer`,
        focal.PUT('/v1/assessments/{id}/answers', {
          params: { path: { id }, header: { 'if-match': created.etag } },
          body: { answers: round.answers },
        }),
      );
      const { answered: done, enabled } = answered.data.progress;
      progress(`${tag} ${done} of ${enabled} applicable questions answered; submitting for review`);
      const submitted = await expectOk(
        `${round.period}: submit`,
        focal.POST('/v1/assessments/{id}/submit', {
          params: { path: { id }, header: { 'if-match': answered.etag } },
          body: {},
        }),
      );
      progress(`${tag} the reviewer validates it; its report is stored`);
      await expectOk(
        `${round.period}: validate`,
        reviewer.POST('/v1/assessments/{id}/validate', {
          params: { path: { id }, header: { 'if-match': submitted.etag } },
          body: {},
        }),
      );
      latest = id;
    }

    progress('Reading the 2025 report');
    const { data: report } = await expectOk(
      'read the report',
      focal.GET('/v1/assessments/{id}/report', { params: { path: { id: latest } } }),
    );
    const last = rounds[rounds.length - 1];
    if (!last) throw new Error('no demo rounds');
    console.log(
      summarise(
        report,
        last,
        options.exit
          ? { serving: false, dataDir: temporary ? null : dataDir }
          : { serving: true, baseUrl, token: reviewerToken },
      ),
    );
  } catch (error) {
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    await stop(1);
    return;
  }

  if (options.exit) {
    await stop(0);
    return;
  }
  console.log(
    `Serving at ${baseUrl}; press Ctrl-C to stop${temporary ? ' (the temporary data is deleted)' : ''}.`,
  );
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
}

await main();
