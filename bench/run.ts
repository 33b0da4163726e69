/**
 * `npm run bench [-- --quick] [-- --json FILE]`: measures migov against a bare fastify route
 * in the same run, on loopback, with a fresh temporary data directory. Prints figures and
 * ratios; never fails on a timing (the bars are printed beside the figures).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { SignJWT } from 'jose';
import { buildApp } from '../src/app.ts';
import { AssessmentRepository } from '../src/assessments/assessment.repository.ts';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../src/auth/keys.ts';
import { testConfig } from '../src/config.ts';
import { engineBench } from './engine.ts';
import { seedValidatedResults } from './seed.ts';
import { answerSet, fullWorkflow } from './workflow.ts';

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, json: { type: 'string' } },
});
const quick = args.quick === true;
const DURATION = quick ? 2 : 10;
const CONNECTIONS = 16;

interface Row {
  name: string;
  rps?: number;
  p50?: number;
  p99?: number;
  note?: string;
  ratio?: number;
  bar?: string;
}
const rows: Row[] = [];

let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

async function load(
  name: string,
  options: autocannon.Options,
  extra: Partial<Row> = {},
): Promise<autocannon.Result & { rps: number }> {
  process.stderr.write(`bench: ${name} (${options.duration ?? DURATION} s)…\n`);
  // The load generator runs in a worker thread so that the server has the main thread to itself.
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION, workers: 1, ...options });
  const rps = result.requests.total / result.duration;
  if (result.non2xx || result.errors) {
    process.stderr.write(`bench: ${name}: ${result.non2xx} non-2xx, ${result.errors} errors\n`);
  }
  rows.push({ name, rps, p50: result.latency.p50, p99: result.latency.p99, ...extra });
  return Object.assign(result, { rps });
}

async function main() {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'migov-bench-'));
  const config = testConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 100_000_000 });

  // 1. The baseline: the same fastify, one route, a small JSON object.
  const bare = Fastify({ logger: false });
  bare.get('/', async () => ({ hello: 'world', ok: true }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}`;
  const baseline = await load('baseline: bare fastify route', { url: `${bareUrl}/` });
  await bare.close();

  // The service, with data: 16 countries fully answered, one validated.
  const app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const keys = await loadOrCreateLocalKeys(dataDir);
  const token = async (claims: Record<string, string>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: LOCAL_ALGORITHM })
      .setSubject(`bench-${claims.role}`)
      .setIssuer(config.AUTH_ISSUER)
      .setAudience(config.AUTH_AUDIENCE)
      .setExpirationTime('2h')
      .sign(keys.privateKey);
  const admin = { authorization: `Bearer ${await token({ role: 'admin' })}` };
  process.stderr.write('bench: seeding assessments…\n');
  const countries = [
    'KEN',
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
  ];
  const framework = app.services.frameworks.latest();
  const validatedId = await fullWorkflow(app, admin, 'KEN', '2024', framework.framework, 0.7, true);
  const drafts: string[] = [];
  for (const country of countries) {
    drafts.push(await fullWorkflow(app, admin, country, '2025', framework.framework, 0.6, false));
  }
  for (let i = 0; i < 40; i++)
    await fullWorkflow(
      app,
      admin,
      countries[i % 16] ?? 'KEN',
      String(2030 + Math.floor(i / 16)),
      framework.framework,
      0,
      false,
      false,
    );

  // 2. The report of a fully answered assessment: validated (stored snapshot) and draft (computed, cached per revision).
  const reportHeaders = { ...admin };
  const validatedReport = await load(
    'GET report (validated, snapshot)',
    { url: `${url}/v1/assessments/${validatedId}/report`, headers: reportHeaders },
    {},
  );
  rows.at(-1)!.ratio = validatedReport.rps / baseline.rps;
  rows.at(-1)!.bar = 'ratio >= 0.40';
  const draftReport = await load('GET report (draft, fully answered)', {
    url: `${url}/v1/assessments/${drafts[0]}/report`,
    headers: reportHeaders,
  });
  rows.at(-1)!.ratio = draftReport.rps / baseline.rps;
  rows.at(-1)!.bar = 'ratio >= 0.40';
  rows.push({
    name: 'report computed from scratch (no cache), in-process',
    note: `${(await uncachedReport(app, drafts[1] ?? '')).toFixed(3)} ms median`,
  });

  // 3. A full questionnaire's answers in one PUT, 16 clients, each on its own country's assessment.
  const bodies = [answerSet(framework.framework, 1), answerSet(framework.framework, 0.5)].map((answers) =>
    JSON.stringify({ answers }),
  );
  const planFile = join(dataDir, 'put-plan.json');
  writeFileSync(planFile, JSON.stringify({ ids: drafts, bodies }));
  process.env.MIGOV_BENCH_PUT_PLAN = planFile;
  const putLoad: autocannon.Options = {
    url,
    headers: { ...admin, 'content-type': 'application/json' },
    requests: [{ method: 'PUT', setupRequest: join(import.meta.dirname, 'put-request.cjs') as never }],
  };
  const put = await load('PUT answers (full questionnaire)', putLoad);
  rows.at(-1)!.bar = 'p99 < 50 ms';
  rows.at(-1)!.note = `${put.requests.total} batches of ${framework.questions.size} answers`;
  if (!quick) {
    // Not a figure of the service: the same load with the answer and event rows not written,
    // to show what the request handling alone allows on this machine (docs/performance.md).
    // Nothing measured after this reads those answers.
    const { upsertAnswers, appendEvents } = AssessmentRepository.prototype;
    AssessmentRepository.prototype.upsertAnswers = () => {};
    AssessmentRepository.prototype.appendEvents = () => {};
    try {
      await load('PUT answers, rows not written (ceiling, not the service)', putLoad);
    } finally {
      Object.assign(AssessmentRepository.prototype, { upsertAnswers, appendEvents });
    }
  }

  // 4. The questionnaire tree and a page of 50 assessments.
  await load('GET framework tree', {
    url: `${url}/v1/frameworks/${framework.key}/${framework.version}`,
    headers: admin,
  });
  await load('GET assessments (page of 50)', { url: `${url}/v1/assessments?limit=50`, headers: admin });

  // 5. The scoring engine alone.
  process.stderr.write('bench: scoring engine…\n');
  for (const line of engineBench(framework.framework, quick ? 300 : 2000)) rows.push(line);

  // 6. The 10.7.2 aggregate over 10,000 validated assessments.
  process.stderr.write('bench: seeding 10,000 validated assessments…\n');
  seedValidatedResults(app.db, 10_000, '2040', framework.id);
  const aggregateTimes: number[] = [];
  for (let i = 0; i < (quick ? 5 : 20); i++) {
    const t0 = performance.now();
    const res = await app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2040',
      headers: admin,
    });
    aggregateTimes.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`aggregate failed: ${res.body}`);
    if (i === 0) {
      const body = res.json() as { total: number };
      rows.push({
        name: 'SDG 10.7.2 aggregate: countries counted',
        note: `${body.total} (latest of 10,000 validated)`,
      });
    }
  }
  aggregateTimes.sort((a, b) => a - b);
  rows.push({
    name: 'SDG 10.7.2 aggregate over 10,000 validated',
    p50: aggregateTimes[Math.floor(aggregateTimes.length / 2)],
    p99: aggregateTimes.at(-1),
    bar: '< 200 ms',
    note: 'median and max of repeated calls (ms)',
  });

  await app.close();
  clearInterval(rssTimer);
  rmSync(dataDir, { recursive: true, force: true });
  rows.push({
    name: 'peak RSS (server and load generator, one process)',
    note: `${Math.round(peakRss / 1048576)} MiB`,
  });

  print(started);
  if (args.json) writeFileSync(args.json, JSON.stringify({ quick, rows }, null, 2));
}

async function uncachedReport(app: Awaited<ReturnType<typeof buildApp>>, id: string): Promise<number> {
  const row = app.services.assessments.load({ sub: 'bench', role: 'admin' }, id);
  const answers = app.services.assessments.answersOf(row);
  const times: number[] = [];
  for (let i = 0; i < (quick ? 50 : 300); i++) {
    const t0 = performance.now();
    JSON.stringify(app.services.reports.build(row, answers, 'arithmetic').report);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function print(started: number) {
  const fmt = (x: number | undefined, digits = 1) => (x === undefined ? '' : x.toFixed(digits));
  const header = ['measurement', 'req/s', 'p50 ms', 'p99 ms', 'vs baseline', 'bar', 'note'];
  const table = rows.map((r) => [
    r.name,
    r.rps === undefined ? '' : Math.round(r.rps).toString(),
    fmt(r.p50, 2),
    fmt(r.p99, 2),
    r.ratio === undefined ? '' : r.ratio.toFixed(2),
    r.bar ?? '',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(
    `\nmigov bench (${quick ? 'quick' : 'full'}: ${DURATION} s per load, ${CONNECTIONS} connections from a worker thread, node ${process.version})`,
  );
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table) console.log(line(row));
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
