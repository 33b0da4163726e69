/**
 * `npm run bench [-- --quick] [--json FILE] [--cpu-prof DIR] [--only reads|report|put|webhooks] [--rounds N] [--segment S]`
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
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import {
  add,
  bars,
  check,
  failures,
  percentile,
  print,
  rate,
  ratioBar,
  type Series,
  series,
  seriesList,
  timings,
} from './figures.ts';
import type { LoadJob, LoadRequest } from './loadgen.ts';
import { peakRssMiB } from './proc.ts';
import {
  getOk,
  load,
  log,
  type Server,
  servers,
  serviceEnv,
  startLoadgen,
  startServer,
  stopLoadgen,
  stopServer,
} from './processes.ts';
import { seedValidatedResults } from './seed.ts';
import { uploadScenario } from './uploads.ts';
import { webhookBench } from './webhooks.ts';
import { answerSet, fullWorkflow } from './workflow.ts';

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
// For profiling one part: the reads, the English report beside its two limits, the batches, the
// webhook deliveries (bench/webhooks.ts), or the uploads (bench/uploads.ts).
const only = args.only as 'reads' | 'report' | 'put' | 'webhooks' | 'uploads' | undefined;
if (only !== undefined && !['reads', 'report', 'put', 'webhooks', 'uploads'].includes(only)) {
  throw new Error('--only takes reads, report, put, webhooks or uploads');
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

/** The machine's 1-minute load average when the run started: other work on a shared machine shows here. */
const loadAtStart = loadavg()[0] ?? 0;

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
      stopLoadgen();
      for (const s of servers) s.child.kill('SIGKILL');
      rmSync(base, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    if (only === 'webhooks') {
      await webhookBench(base, quick);
      print(`\nmigov bench, webhooks only, ${new Date().toISOString()}, node ${process.version}`, '');
    } else await run(base, dataDir, ceilingDir, started);
  } finally {
    stopLoadgen();
    for (const s of servers) await stopServer(s).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  }
}

async function run(base: string, dataDir: string, ceilingDir: string, started: number) {
  if (only === 'uploads') {
    await uploadScenario({ quick });
    print(
      `\nmigov bench, uploads only, ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs`,
      `\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return;
  }
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
  // 5b's assessment: one draft that 16 editors write to at once, each its own yes/no question,
  // none a follow-up or the condition of one (so every write is disjoint from the others').
  const sharedId = await fullWorkflow(app, admin, 'KEN', '2027', framework, 0, false, false);
  const linked = new Set(
    [...published.questions.values()].flatMap((q) => (q.enableWhen ? [q.key, q.enableWhen.question] : [])),
  );
  // Every choice question no follow-up links, each with a value to write; dealt to 16 editors.
  const eligible = [...published.questions.values()].filter((q) => q.options && !linked.has(q.key));
  // The load generator gives every client as many requests: a multiple of 16 questions.
  const editorAnswers = eligible
    .slice(0, eligible.length - (eligible.length % CONNECTIONS))
    .map((q) => ({ question: q.key, value: q.options![0]!.value }));

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
  startLoadgen();

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

  // 5b. Editors of one assessment (the consultation's case): 16 clients on one draft, each
  // autosaving answers to questions of its own, one answer per PUT, every PUT naming the revision
  // the editors opened (If-Match "r1"). All but the first are stale, none touches a question
  // written since, so each must go through the merge of disjoint writes. Goal: no 412. (A client
  // here cannot carry its last ETag forward, so each question is written once: the load is as
  // many PUTs as there are questions.)
  if (runPut && editorAnswers.length >= CONNECTIONS) {
    const s = series(`PUT one answer, ${CONNECTIONS} editors on one assessment, stale If-Match`, 'service');
    log(`editors: ${s.name}`);
    const result = await load({
      origin: service.origin,
      headers: { ...admin, 'content-type': 'application/json', 'if-match': '"r1"' },
      connections: CONNECTIONS,
      perClient: Array.from({ length: CONNECTIONS }, (_, c) =>
        editorAnswers
          .filter((_, i) => i % CONNECTIONS === c)
          .map(
            (answer): LoadRequest => ({
              method: 'PUT',
              path: `/v1/assessments/${sharedId}/answers`,
              body: JSON.stringify({ answers: [answer] }),
            }),
          ),
      ),
      serverPid: service.pid,
    });
    const conflicts = result.statusCodes['412'] ?? 0;
    // A 412 here is counted and shown, not taken as a failure of the run.
    add(s, { ...result, non2xx: result.non2xx - conflicts });
    bars.push(
      {
        name: `${CONNECTIONS} editors on one assessment, one answer per PUT: p99`,
        measured: `${percentile(s, 0.99).toFixed(1)} ms`,
        limit: '',
        bar: 'no bar',
        met: null,
      },
      {
        name: `${CONNECTIONS} editors on one assessment: share of 412 (disjoint questions)`,
        measured: `${conflicts} of ${result.responses}`,
        limit: '',
        bar: '= 0',
        met: conflicts === 0,
      },
    );
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

  stopLoadgen();
  for (const s of servers) await stopServer(s);
  if (only === undefined) await webhookBench(base, quick);

  // Every batch the service acknowledged changed every answer, and the ceiling wrote none.
  let perBatch: number | null = null;
  let ceilingWrote = 0;
  if (put && putCeiling) {
    const written = countAnswerEvents(join(dataDir, DATABASE_FILE), putIds) - eventsBefore;
    ceilingWrote = countAnswerEvents(join(ceilingDir, DATABASE_FILE), putIds) - eventsBefore;
    perBatch = written / batches;
    if (perBatch !== questions)
      failures.push(`the PUT batches changed ${perBatch} answers each, not ${questions}`);
    if (ceilingWrote !== 0) failures.push(`the ceiling server wrote ${ceilingWrote} history rows`);
  }

  // 8. Uploads: servers of their own, after the others have stopped (see uploads.ts).
  if (only === undefined) await uploadScenario({ quick });

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

  print(
    `\nmigov bench, ${quick ? 'quick' : 'full'}, ${new Date().toISOString()}, node ${process.version}, ${cpus().length} CPUs ` +
      `(${cpus()[0]?.model ?? '?'}); load average ${loadAtStart.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end\n` +
      `Loads: ${CONNECTIONS} connections from a separate load-generator process; a ${WARMUP} s warm-up, then ` +
      `${ROUNDS} segment(s) of ${SEGMENT} s (answer batches: ~${PUT_SEGMENT} s) per load, interleaved ABBA.\n` +
      'CPU columns: CPU seconds per second of load (1.00 = one core) of the measured server process and of the load generator.\n',
    `\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick: figures are indicative only)' : ''}`,
  );
  if (args.json) {
    writeFileSync(
      args.json,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          commit: commitOf(),
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

/** The commit measured: git's, or MIGOV_BENCH_COMMIT for a copy of the tree without .git. */
function commitOf(): string | undefined {
  if (process.env.MIGOV_BENCH_COMMIT) return process.env.MIGOV_BENCH_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return undefined;
  }
}

/** The `answer_set` history rows of these assessments, in a database or its file (read only). */
function countAnswerEvents(from: Database.Database | string, ids: string[]): number {
  const db = typeof from === 'string' ? new Database(from, { readonly: true }) : from;
  try {
    const statement = db.prepare(
      `SELECT COUNT(*) AS n FROM events WHERE type = 'answer_set' AND assessment_id IN (${ids.map(() => '?').join(',')})`,
    );
    return (statement.get(...ids) as { n: number }).n;
  } finally {
    if (typeof from === 'string') db.close();
  }
}

main().then(
  () => process.exit(failures.length ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
