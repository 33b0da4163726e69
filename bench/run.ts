/**
 * `npm run bench [-- --quick] [--json FILE] [--cpu-prof DIR] [--only reads|report|put] [--rounds N] [--segment S]`
 *
 * Measures migov as it runs in production: the service is its own process, started as
 * `npm start` starts it (`node --import tsx src/server.ts`, on a temporary DATA_DIR and a free
 * port), and the load comes from another process (bench/loadgen.ts, autocannon, 16 connections).
 * Every speed figure is set beside its limit measured in the same run, in segments interleaved
 * with the service's (ABBA order, so a machine that slows down or speeds up during the run
 * affects both halves of a ratio alike):
 *
 * - reads: a bare fastify route in a process of its own sending the same bytes as the report,
 *   and one sending a small object (bench/bare-server.ts);
 * - answer batches: the same requests against a second server process that does not write the
 *   answer and history rows (bench/ceiling.preload.ts), on a copy of the same data.
 *
 * Prints the figures and the bars; fails only when a request fails (an error or a non-2xx
 * answer), never on a timing. `--quick` is the CI smoke run (well under a minute).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { buildApp } from '../src/app.ts';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../src/auth/keys.ts';
import { configSchema, testConfig } from '../src/config.ts';
import { DATABASE_FILE } from '../src/db/client.ts';
import { type AnswerMap, scoreAssessment } from '../src/scoring/scoring.engine.ts';
import { timeCalls } from './engine.ts';
import type { LoadJob, LoadRequest, LoadResult } from './loadgen.ts';
import { peakRssMiB, settle } from './proc.ts';
import { seedValidatedResults } from './seed.ts';
import { answerSet, fullWorkflow } from './workflow.ts';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    'cpu-prof': { type: 'string' },
    only: { type: 'string' },
    rounds: { type: 'string' },
    segment: { type: 'string' },
  },
});
const quick = args.quick === true;
// For profiling one part: the reads, the English report beside its two limits, or the batches.
const only = args.only as 'reads' | 'report' | 'put' | undefined;
if (only !== undefined && !['reads', 'report', 'put'].includes(only)) {
  throw new Error('--only takes reads, report or put');
}
const runReads = only !== 'put';
const runAll = only !== 'report';
const runPut = only === undefined || only === 'put';

const CONNECTIONS = 16;
/** Seconds per measured segment, segments per load (ABBA rounds), warm-up seconds per load. */
const SEGMENT = Number(args.segment ?? (quick ? 1 : 4));
const ROUNDS = Number(args.rounds ?? (quick ? 1 : 4));
const WARMUP = quick ? 0.5 : 2;
/** Seconds the answer batches' segments aim at (they run a fixed number of batches per client). */
const PUT_SEGMENT = quick ? 1.5 : 5;
const VALIDATED = 10_000;
const PUT_COUNTRIES = ['GHA', 'UGA', 'TZA', 'RWA', 'ETH', 'NGA', 'SEN', 'MAR'];
const PUT_COUNTRIES_2 = ['EGY', 'MEX', 'COL', 'PHL', 'IDN', 'NPL', 'FRA', 'DEU'];

const failures: string[] = [];
/** The machine's 1-minute load average when the run started: other work on a shared machine shows here. */
const loadAtStart = loadavg()[0] ?? 0;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Processes: the servers and the load generator.

interface Server {
  name: string;
  child: ChildProcess;
  origin: string;
  pid: number;
  /** Whatever the server printed (LOG_LEVEL=warn: warnings and errors only). */
  output: string[];
}

const servers: Server[] = [];
let loadgen: ChildProcess | null = null;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function startServer(name: string, nodeArgs: string[], env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    nodeArgs.map((a) => a.replace('{port}', String(port))),
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const server: Server = { name, child, origin: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, output: [] };
  servers.push(server);
  let started = false;
  const boot: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString().trim();
    if (!text) return;
    // While it starts, the service answers the readiness probes 503 (load shedding: the event
    // loop is still busy loading) and logs them: kept aside, shown only if it fails to start.
    if (!started) boot.push(text);
    else {
      server.output.push(text);
      log(`[${name}] ${text}`);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<never>((_, fail) =>
    child.once('exit', (code) =>
      fail(new Error(`${name} exited (${code}) before it answered:\n${boot.join('\n')}`)),
    ),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await Promise.race([
      get(server.origin, name === 'bare' ? '/small' : '/healthz', {}).then(
        (r) => r.status === 200,
        () => false,
      ),
      exited,
    ]);
    if (up) break;
    if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${boot.join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  child.removeAllListeners('exit');
  started = true;
  return server;
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill('SIGTERM');
  await exited;
}

/** The service's configuration: every variable at its default but those given. */
function serviceEnv(overrides: Record<string, string>): Record<string, string> {
  // Set explicitly (empty means "the default"), so a .env file in the directory cannot change
  // what is measured: the process environment wins over .env.
  const env: Record<string, string> = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, '']));
  return { ...env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...overrides };
}

let nextJob = 0;
const pendingJobs = new Map<number, (reply: { result?: LoadResult; error?: string }) => void>();

function startLoadgen(): ChildProcess {
  const child = fork(join(import.meta.dirname, 'loadgen.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
    pendingJobs.get(message.id)?.(message);
    pendingJobs.delete(message.id);
  });
  return child;
}

/** One load from the load generator; resolves once the server has served what it was sent. */
async function load(job: LoadJob): Promise<LoadResult> {
  const id = nextJob++;
  const result = await new Promise<LoadResult>((done, fail) => {
    pendingJobs.set(id, (reply) => (reply.result ? done(reply.result) : fail(new Error(reply.error))));
    loadgen?.send({ id, job });
  });
  await settle(job.serverPid);
  return result;
}

// ---------------------------------------------------------------------------------------------
// HTTP from this process (set-up, sequential timings): keep-alive, no compression asked for.

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
}

function get(origin: string, path: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const req = httpRequest(`${origin}${path}`, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          ms: performance.now() - t0,
        }),
      );
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

async function getOk(origin: string, path: string, headers: Record<string, string>): Promise<Reply> {
  const reply = await get(origin, path, headers);
  if (reply.status !== 200)
    throw new Error(`GET ${path}: ${reply.status} ${reply.body.toString().slice(0, 300)}`);
  return reply;
}

// ---------------------------------------------------------------------------------------------
// Figures.

/** A load measured in several segments: what the segments add up to. */
interface Series {
  name: string;
  server: string;
  responses: number;
  seconds: number;
  latencies: Float64Array[];
  serverCpu: number;
  loadCpu: number;
  /** Throughput of each segment, in the order run (for ratios per round). */
  segments: number[];
}

const seriesList: Series[] = [];

function series(name: string, server: string, shown = true): Series {
  const s: Series = {
    name,
    server,
    responses: 0,
    seconds: 0,
    latencies: [],
    serverCpu: 0,
    loadCpu: 0,
    segments: [],
  };
  if (shown) seriesList.push(s);
  return s;
}

function check(name: string, result: LoadResult) {
  if (result.errors || result.non2xx || result.timeouts) {
    const message = `${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodes)})`;
    failures.push(message);
    log(message);
  }
}

function add(s: Series, result: LoadResult) {
  check(s.name, result);
  s.responses += result.responses;
  s.seconds += result.seconds;
  s.latencies.push(result.latencies);
  s.serverCpu += result.serverCpu;
  s.loadCpu += result.loadCpu;
  s.segments.push(result.responses / result.seconds);
}

const rate = (s: Series) => s.responses / s.seconds;

function percentile(s: Series, q: number): number {
  const all = new Float64Array(s.latencies.reduce((n, l) => n + l.length, 0));
  let offset = 0;
  for (const l of s.latencies) {
    all.set(l, offset);
    offset += l.length;
  }
  all.sort();
  return all[Math.min(all.length - 1, Math.floor(all.length * q))] ?? Number.NaN;
}

interface Bar {
  name: string;
  measured: string;
  limit: string;
  ratio?: number;
  /** The ratio in each round (both halves measured next to each other). */
  rounds?: number[];
  bar: string;
  met: boolean | null;
}
const bars: Bar[] = [];
const timings: { name: string; figures: string }[] = [];

function ratioBar(name: string, service: Series, limit: Series, min: number) {
  const ratio = rate(service) / rate(limit);
  bars.push({
    name,
    measured: `${Math.round(rate(service))} req/s`,
    limit: `${Math.round(rate(limit))} req/s`,
    ratio,
    rounds: service.segments.map((x, i) => x / (limit.segments[i] ?? Number.NaN)),
    bar: `>= ${min.toFixed(2)}`,
    met: ratio >= min,
  });
}

/**
 * Runs each target for a warm-up, then `ROUNDS` segments each, in ABBA order: the order of the
 * targets is reversed every other round, so a drift in the machine's speed falls on both halves
 * of every ratio alike.
 */
async function interleave(
  targets: { series: Series; job: (seconds: number, warm: boolean) => Promise<LoadJob> }[],
) {
  for (const t of targets) {
    log(`warm-up: ${t.series.name}`);
    check(`${t.series.name} (warm-up)`, await load(await t.job(WARMUP, true)));
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      log(`round ${round + 1}/${ROUNDS}: ${t.series.name}`);
      add(t.series, await load(await t.job(SEGMENT, false)));
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const base = mkdtempSync(join(tmpdir(), 'migov-bench-'));
  const dataDir = join(base, 'service');
  const ceilingDir = join(base, 'ceiling');
  mkdirSync(dataDir);
  // Interrupted (Ctrl-C): the servers are this process's children and would outlive it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      loadgen?.kill('SIGTERM');
      for (const s of servers) s.child.kill('SIGKILL');
      rmSync(base, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    await run(base, dataDir, ceilingDir, started);
  } finally {
    loadgen?.kill('SIGTERM');
    for (const s of servers) await stopServer(s).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  }
}

async function run(base: string, dataDir: string, ceilingDir: string, started: number) {
  // 1. Data, written in this process before any server starts: a validated round and a fully
  // answered draft of the next round (its report carries the comparison), 16 fully answered
  // drafts for the answer batches, and 10,000 validated assessments for the 10.7.2 aggregate.
  log('seeding…');
  const app = await buildApp(testConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 1_000_000_000 }), {
    logger: false,
  });
  const keys = await loadOrCreateLocalKeys(dataDir);
  const config = configSchema.parse({});
  const token = await new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM })
    .setSubject('bench-admin')
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(keys.privateKey);
  const admin = { authorization: `Bearer ${token}` };
  const published = app.services.frameworks.latest();
  const framework = published.framework;
  const questions = published.questions.size;

  // Two answer sets that differ in every answer: each batch alternates them, so each changes
  // every answer (the drafts start on set B, the first batch sends set A).
  const setA = answerSet(framework, 1);
  const setB = answerSet(framework, 0);
  const same = setA.filter((a, i) => JSON.stringify(a.value) === JSON.stringify(setB[i]?.value));
  if (same.length) throw new Error(`answer sets agree on ${same.map((a) => a.question).join(', ')}`);
  const bodyA = JSON.stringify({ answers: setA });
  const bodyB = JSON.stringify({ answers: setB });

  await fullWorkflow(app, admin, 'KEN', '2024', framework, 0.7, true);
  const reportId = await fullWorkflow(app, admin, 'KEN', '2025', framework, 0.6, false);
  const putIds: string[] = [];
  for (const [i, country] of [...PUT_COUNTRIES, ...PUT_COUNTRIES_2].entries()) {
    const id = await fullWorkflow(app, admin, country, '2026', framework, 0, false, false);
    const put = await app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: bodyB,
    });
    if (put.statusCode !== 200) throw new Error(`seeding answers (${i}): ${put.body}`);
    putIds.push(id);
  }
  seedValidatedResults(app.db, VALIDATED, '2040', published.id);

  // 2. The report's CPU, in this process while nothing else runs: the engine alone (1,000
  // sensitivity draws and the exact gains), and the whole report built from scratch.
  log('timing the engine and the report build…');
  const row = app.services.assessments.load({ sub: 'bench', role: 'admin' }, reportId);
  const answers = app.services.assessments.answersOf(row);
  // The engine's input, as the service makes it from the stored rows.
  const answerMap: AnswerMap = new Map(
    answers.map((a) => [
      a.question,
      {
        value: a.value === null ? null : (JSON.parse(a.value) as string | number),
        notApplicable: a.notApplicable,
      },
    ]),
  );
  const iterations = quick ? 200 : 2000;
  const engine = timeCalls(
    (i) => scoreAssessment(published.compiled, answerMap, { seed: `${row.id}${i}` }),
    iterations,
  );
  const built = timeCalls(
    () => JSON.stringify(app.services.reports.build(row, answers, 'arithmetic').report),
    iterations,
  );
  const gaps = scoreAssessment(published.compiled, answerMap, { seed: row.id }).gaps.length;
  const eventsBefore = countAnswerEvents(app.db.$client, putIds);
  await app.close();
  cpSync(dataDir, ceilingDir, { recursive: true });

  // 3. The processes: the service, the ceiling (the same server without row writes) on a copy
  // of the data, the bare routes, and the load generator.
  log('starting the servers…');
  const limits = { RATE_LIMIT_PER_MINUTE: '1000000000', HISTORY_LIMIT_BYTES: String(2 ** 40) };
  // --cpu-prof DIR: V8 CPU profiles of the service (DIR/service) and of the bare routes (DIR/bare).
  const profile = (name: string) =>
    args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args['cpu-prof'], name)}`] : [];
  const [service, ceiling] = await Promise.all([
    startServer(
      'service',
      ['--import', 'tsx', ...profile('service'), 'src/server.ts'],
      serviceEnv({ DATA_DIR: dataDir, ...limits }),
    ),
    !runPut
      ? Promise.resolve(null)
      : startServer(
          'ceiling',
          ['--import', 'tsx', '--import', './bench/ceiling.preload.ts', 'src/server.ts'],
          serviceEnv({ DATA_DIR: ceilingDir, ...limits }),
        ),
  ]);
  if (!service) throw new Error('no service');
  const reportPath = `/v1/assessments/${reportId}/report`;
  const en = await getOk(service.origin, reportPath, admin);
  const fr = await getOk(service.origin, `${reportPath}?lang=fr`, admin);
  if (fr.headers['content-language'] !== 'fr') throw new Error('the report did not come in French');
  const bodies = { en: join(base, 'report-en.json'), fr: join(base, 'report-fr.json') };
  writeFileSync(bodies.en, en.body);
  writeFileSync(bodies.fr, fr.body);
  const routesFile = join(base, 'routes.json');
  writeFileSync(routesFile, JSON.stringify(bodies));
  const bare = await startServer(
    'bare',
    ['--import', 'tsx', ...profile('bare'), 'bench/bare-server.ts', '{port}', routesFile],
    {},
  );
  loadgen = startLoadgen();

  const getJob =
    (server: Server, path: string, headers: Record<string, string> = admin) =>
    async (seconds: number): Promise<LoadJob> => ({
      origin: server.origin,
      headers,
      connections: CONNECTIONS,
      duration: seconds,
      request: { method: 'GET', path },
      serverPid: server.pid,
    });

  // 4. Reads: the report in English and in French, each against a bare route sending its bytes
  // and one sending a small object; the country profile PDF beside them.
  let reportEn: Series | null = null;
  let pdf: Series | null = null;
  if (runReads) {
    // The profile, one request at a time: the first for each assessment and language builds it,
    // the next asks for the same again.
    if (runAll) log('profile.pdf, one request at a time…');
    const first: number[] = [];
    const again: number[] = [];
    let pdfBytes = 0;
    for (const id of putIds.slice(0, !runAll ? 0 : quick ? 2 : putIds.length)) {
      for (const lang of ['en', 'fr', 'es']) {
        const headers = { ...admin, 'accept-language': lang };
        const a = await getOk(service.origin, `/v1/assessments/${id}/profile.pdf`, headers);
        const b = await getOk(service.origin, `/v1/assessments/${id}/profile.pdf`, headers);
        first.push(a.ms);
        again.push(b.ms);
        pdfBytes = a.body.length;
      }
    }
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const max = (xs: number[]) => Math.max(...xs);
    if (first.length)
      timings.push({
        name: 'GET profile.pdf, first request per assessment and language (built)',
        figures: `median ${med(first).toFixed(1)} ms, max ${max(first).toFixed(1)} ms over ${first.length} (${(pdfBytes / 1024).toFixed(0)} KB)`,
      });
    if (first.length)
      timings.push({
        name: 'GET profile.pdf, the same again (cached)',
        figures: `median ${med(again).toFixed(1)} ms, max ${max(again).toFixed(1)} ms over ${again.length}`,
      });

    reportEn = series(`GET report, en (${(en.body.length / 1024).toFixed(1)} KB)`, 'service');
    const sameEn = series(`same bytes as the en report`, 'bare');
    const small = series('small object {hello, ok}', 'bare');
    const targets = [
      { series: reportEn, job: getJob(service, reportPath) },
      { series: sameEn, job: getJob(bare, '/same/en') },
      { series: small, job: getJob(bare, '/small') },
    ];
    const reportFr = series(
      `GET report?lang=fr (${(fr.body.length / 1024).toFixed(1)} KB)`,
      'service',
      runAll,
    );
    const sameFr = series('same bytes as the fr report', 'bare', runAll);
    if (runAll) {
      targets.push(
        { series: reportFr, job: getJob(service, `${reportPath}?lang=fr`) },
        { series: sameFr, job: getJob(bare, '/same/fr') },
      );
    }
    await interleave(targets);
    ratioBar('GET report (en) vs a bare route sending the same bytes', reportEn, sameEn, 0.85);
    ratioBar('GET report (en) vs a bare route sending a small object', reportEn, small, 0.4);
    if (runAll) {
      ratioBar('GET report (fr) vs a bare route sending the same bytes', reportFr, sameFr, 0.85);
      ratioBar('GET report (fr) vs a bare route sending a small object', reportFr, small, 0.4);
      // On its own: a load of PDFs leaves the server a backlog that would spill into the next load.
      pdf = series('GET profile.pdf, en, the same one again', 'service');
      await interleave([{ series: pdf, job: getJob(service, `/v1/assessments/${reportId}/profile.pdf`) }]);
    }
  }

  // 5. Answer batches: the full questionnaire in one PUT, every answer changed each time, 16
  // clients each on its own assessment, against the same requests with the rows not written.
  let put: Series | null = null;
  let putCeiling: Series | null = null;
  let batches = 0;
  if (runPut && ceiling) {
    const servicePut = series(`PUT answers, ${questions} answers, every one changed`, 'service');
    const ceilingPut = series('the same PUT, answer and history rows not written (ceiling)', 'ceiling');
    // Each client sends A, B, A, B… an even number of times, and every request is answered
    // before the load ends, so each assessment is back on set B after it: the next load's first
    // batch (set A) again changes every answer.
    const perSecond = new Map<Server, number>();
    const putJob =
      (server: Server) =>
      async (seconds: number, warm: boolean): Promise<LoadJob> => {
        const expected = perSecond.get(server) ?? 200;
        const perClient = warm ? 10 : Math.max(2, 2 * Math.round((expected * seconds) / CONNECTIONS / 2));
        return {
          origin: server.origin,
          headers: { ...admin, 'content-type': 'application/json' },
          connections: CONNECTIONS,
          perClient: putIds.map((id) =>
            Array.from(
              { length: perClient },
              (_, i): LoadRequest => ({
                method: 'PUT',
                path: `/v1/assessments/${id}/answers`,
                body: i % 2 === 0 ? bodyA : bodyB,
              }),
            ),
          ),
          serverPid: server.pid,
        };
      };
    const measured = (server: Server, s: Series) => ({ series: s, job: putJob(server) });
    // Warm-ups, which also tell how many batches a segment of PUT_SEGMENT seconds needs.
    for (const [server, s] of [
      [service, servicePut],
      [ceiling, ceilingPut],
    ] as const) {
      log(`warm-up: ${s.name}`);
      const warm = await load(await putJob(server)(WARMUP, true));
      check(`${s.name} (warm-up)`, warm);
      batches += server === service ? warm.responses : 0;
      perSecond.set(server, warm.responses / warm.seconds);
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order: ReturnType<typeof measured>[] =
        round % 2 === 0
          ? [measured(service, servicePut), measured(ceiling, ceilingPut)]
          : [measured(ceiling, ceilingPut), measured(service, servicePut)];
      for (const t of order) {
        log(`round ${round + 1}/${ROUNDS}: ${t.series.name}`);
        const result = await load(await t.job(PUT_SEGMENT, false));
        add(t.series, result);
        if (t.series === servicePut) batches += result.responses;
      }
    }
    ratioBar('PUT full questionnaire vs the same with rows not written', servicePut, ceilingPut, 0.7);
    const p99 = percentile(servicePut, 0.99);
    put = servicePut;
    putCeiling = ceilingPut;
    bars.push({
      name: `PUT full questionnaire, p99 at ${CONNECTIONS} clients`,
      measured: `${p99.toFixed(1)} ms`,
      limit: '',
      bar: '< 50 ms',
      met: p99 < 50,
    });
  }

  // 6. The 10.7.2 aggregate over 10,000 validated assessments, one request at a time.
  log('10.7.2 aggregate…');
  const aggregate: number[] = [];
  let countries = 0;
  for (let i = 0; i < (quick ? 5 : 20); i++) {
    const reply = await getOk(service.origin, '/v1/indicators/sdg-10-7-2?period=2040', admin);
    aggregate.push(reply.ms);
    countries = (JSON.parse(reply.body.toString()) as { total: number }).total;
  }
  aggregate.sort((a, b) => a - b);
  const aggregateMedian = aggregate[Math.floor(aggregate.length / 2)] ?? Number.NaN;
  const aggregateMax = aggregate.at(-1) ?? Number.NaN;

  // 7. Peak memory of the service process alone.
  const peakMiB = peakRssMiB(service.pid);

  loadgen.kill('SIGTERM');
  for (const s of servers) await stopServer(s);

  // Every batch the service acknowledged changed every answer, and the ceiling wrote none.
  let perBatch: number | null = null;
  let ceilingWrote = 0;
  if (put && putCeiling) {
    const written =
      countAnswerEvents(new Database(join(dataDir, DATABASE_FILE), { readonly: true }), putIds) -
      eventsBefore;
    ceilingWrote =
      countAnswerEvents(new Database(join(ceilingDir, DATABASE_FILE), { readonly: true }), putIds) -
      eventsBefore;
    perBatch = written / batches;
    if (perBatch !== questions)
      failures.push(`the PUT batches changed ${perBatch} answers each, not ${questions}`);
    if (ceilingWrote !== 0) failures.push(`the ceiling server wrote ${ceilingWrote} history rows`);
  }

  // Figures without a load.
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  timings.unshift(
    {
      name: `scoring engine, one full report (${questions} questions, 1,000 draws, exact gains: ${gaps} gaps)`,
      figures: `wall median ${ms(engine.wallMedian)}, p99 ${ms(engine.wallP99)}; CPU median ${ms(engine.cpuMedian)}, p99 ${ms(engine.cpuP99)}, mean ${ms(engine.cpuMean)}`,
    },
    {
      name: 'whole report built from scratch (engine, report, comparison, JSON; previous round kept)',
      figures: `wall median ${ms(built.wallMedian)}, p99 ${ms(built.wallP99)}; CPU median ${ms(built.cpuMedian)}, p99 ${ms(built.cpuP99)}, mean ${ms(built.cpuMean)}`,
    },
  );
  timings.push(
    {
      name: `10.7.2 aggregate over ${VALIDATED.toLocaleString('en')} validated, over HTTP, one at a time`,
      figures: `median ${aggregateMedian.toFixed(1)} ms, max ${aggregateMax.toFixed(1)} ms over ${aggregate.length} (${countries} countries counted)`,
    },
    { name: 'peak RSS of the service process (VmHWM)', figures: `${peakMiB.toFixed(0)} MiB` },
  );
  if (perBatch !== null) {
    timings.push({
      name: 'answers changed per acknowledged PUT (history rows written / batches)',
      figures: `${perBatch} of ${questions} (${batches} batches); ceiling wrote ${ceilingWrote}`,
    });
  }
  bars.push(
    {
      // CPU per report: all the CPU of the loop (the collector's included) over the reports built.
      name: 'whole report built from scratch, CPU per report (mean)',
      measured: ms(built.cpuMean),
      limit: '',
      bar: '< 2 ms',
      met: built.cpuMean < 2,
    },
    {
      name: 'scoring engine per full report, CPU per report (mean)',
      measured: ms(engine.cpuMean),
      limit: '',
      bar: '< 2 ms',
      met: engine.cpuMean < 2,
    },
    {
      name: '10.7.2 aggregate over 10,000 validated (slowest call)',
      measured: `${aggregateMax.toFixed(1)} ms`,
      limit: '',
      bar: '< 200 ms',
      met: aggregateMax < 200,
    },
  );
  if (reportEn && pdf) {
    bars.push({
      name: 'GET profile.pdf (the same one again) beside GET report (en)',
      measured: `${Math.round(rate(pdf))} req/s`,
      limit: `${Math.round(rate(reportEn))} req/s`,
      ratio: rate(pdf) / rate(reportEn),
      rounds: pdf.segments.map((x, i) => x / (reportEn?.segments[i] ?? Number.NaN)),
      bar: 'no bar',
      met: null,
    });
  }

  print(started);
  if (args.json) {
    writeFileSync(
      args.json,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          commit: process.env.MIGOV_BENCH_COMMIT,
          loadAverage: { start: loadAtStart, end: loadavg()[0] },
          quick,
          node: process.version,
          cpus: cpus().length,
          loads: seriesList.map((s) => ({
            name: s.name,
            server: s.server,
            rps: rate(s),
            p50: percentile(s, 0.5),
            p99: percentile(s, 0.99),
            serverCpu: s.serverCpu / s.seconds,
            loadCpu: s.loadCpu / s.seconds,
            segments: s.segments,
          })),
          timings,
          bars,
          failures,
        },
        null,
        2,
      ),
    );
  }
  const warnings = servers.flatMap((s) => s.output.map((o) => `[${s.name}] ${o}`));
  if (warnings.length) log(`the servers printed ${warnings.length} warning(s) (above)`);
}

function countAnswerEvents(db: Database.Database, ids: string[]): number {
  const statement = db.prepare(
    `SELECT COUNT(*) AS n FROM events WHERE type = 'answer_set' AND assessment_id IN (${ids.map(() => '?').join(',')})`,
  );
  return (statement.get(...ids) as { n: number }).n;
}

function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function print(started: number) {
  console.log(
    `\nmigov bench, ${quick ? 'quick' : 'full'}, ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs ` +
      `(${cpus()[0]?.model ?? '?'}); load average ${loadAtStart.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end\n` +
      `Loads: ${CONNECTIONS} connections from a separate load-generator process; a ${WARMUP} s warm-up, then ` +
      `${ROUNDS} segment(s) of ${SEGMENT} s (answer batches: ~${PUT_SEGMENT} s) per load, interleaved ABBA.\n` +
      'CPU columns: CPU seconds per second of load (1.00 = one core) of the measured server process and of the load generator.\n',
  );
  table(
    ['load', 'process', 'req/s', 'p50 ms', 'p99 ms', 'server CPU', 'loadgen CPU', 'responses'],
    seriesList.map((s) => [
      s.name,
      s.server,
      String(Math.round(rate(s))),
      percentile(s, 0.5).toFixed(2),
      percentile(s, 0.99).toFixed(2),
      (s.serverCpu / s.seconds).toFixed(2),
      (s.loadCpu / s.seconds).toFixed(2),
      String(s.responses),
    ]),
  );
  console.log('');
  table(
    ['timing (no load running)', 'figures'],
    timings.map((t) => [t.name, t.figures]),
  );
  console.log('');
  table(
    ['bar', 'measured', 'limit (same run)', 'ratio', 'per round', 'bar', 'met'],
    bars.map((b) => [
      b.name,
      b.measured,
      b.limit,
      b.ratio === undefined ? '' : b.ratio.toFixed(2),
      b.rounds && b.rounds.length > 1
        ? `${Math.min(...b.rounds).toFixed(2)}-${Math.max(...b.rounds).toFixed(2)}`
        : '',
      b.bar,
      b.met === null ? '' : b.met ? 'yes' : 'NO',
    ]),
  );
  if (failures.length) {
    console.log('\nFAILED requests:');
    for (const f of failures) console.log(`  ${f}`);
  }
  console.log(
    `\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick: figures are indicative only)' : ''}`,
  );
}

main().then(
  () => process.exit(failures.length ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
