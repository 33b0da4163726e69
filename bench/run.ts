/**
 * `npm run bench [-- --quick] [--json FILE] [--cpu-prof DIR] [--only NAMES] [--rounds N] [--segment S]`
 *
 * Measures migov as it runs in production: the service is its own process, started as
 * `npm start` starts it (`node --import tsx src/server.ts`, on a temporary DATA_DIR and a free
 * port), and the load comes from another process (bench/loadgen.ts, autocannon). Every figure
 * is printed beside its goal, and every throughput beside its limit measured in the same run, in
 * segments interleaved with the service's (ABBA order). The scenarios are in bench/scenarios,
 * one file each, run in the order of SCENARIOS below; `--only` takes a comma-separated list of
 * their names. Absolute figures (p99, ms, s) are judged as the median of three runs:
 * `npm run bench:summary -- a.json b.json c.json`.
 *
 * Fails only when a request fails (an error or an unexpected status) or a write check does not
 * hold, never on a timing. `--quick` is the CI smoke run (well under a minute or two).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { testConfig } from '../src/config.ts';
import type { BenchContext } from './context.ts';
import { bars, failures, goalBar, percentile, print, rate, seriesList, timings } from './figures.ts';
import { peakRssMiB } from './proc.ts';
import { log, servers, serviceEnv, startLoadgen, startServer, stopLoadgen, stopServer } from './processes.ts';
import { aggregate } from './scenarios/aggregate.ts';
import { autosave } from './scenarios/autosave.ts';
import { editors } from './scenarios/editors.ts';
import { importBatches } from './scenarios/import.ts';
import { publication } from './scenarios/publication.ts';
import { reportCpu } from './scenarios/report-cpu.ts';
import { reports } from './scenarios/reports.ts';
import { webCold } from './scenarios/web-cold.ts';
import { seed, sign } from './setup.ts';
import { uploadScenario } from './uploads.ts';
import { webhookBench } from './webhooks.ts';

/** The scenarios against the running service, in order. Add one here (and its file in scenarios/). */
const SCENARIOS: Record<string, (ctx: BenchContext) => Promise<void>> = {
  reports,
  autosave,
  import: importBatches,
  editors,
  aggregate,
  web: webCold,
  // Published profiles read with no token, and the portal page (issue 28).
  publication,
  // Its own server and receiver: webhook deliveries per second (issue 29).
  webhooks: (ctx) => webhookBench(ctx.base, ctx.quick),
  // Its own server and a bare streaming route: four 25 MiB uploads at once (issue 27).
  uploads: (ctx) => uploadScenario({ quick: ctx.quick }),
};
const MEMORY_MIB = 256;

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
const only = args.only?.split(',').map((s) => s.trim());
for (const name of only ?? []) {
  if (!(name in SCENARIOS)) throw new Error(`--only takes ${Object.keys(SCENARIOS).join(', ')}`);
}
/** The 1-minute load average when the run started: other work on a shared machine shows here. */
const loadAtStart = loadavg()[0] ?? 0;

async function main() {
  const started = Date.now();
  const base = mkdtempSync(join(tmpdir(), 'migov-bench-'));
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
    await run(base);
  } finally {
    stopLoadgen();
    for (const s of servers) await stopServer(s).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  }
  report(started);
}

async function run(base: string) {
  const dataDir = join(base, 'service');
  const copyDir = join(base, 'copy');
  mkdirSync(dataDir);
  const app = await buildApp(testConfig({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 1_000_000_000 }), {
    logger: false,
  });
  const admin = { authorization: `Bearer ${await sign(dataDir, 'bench-admin', { role: 'admin' })}` };
  const focalToken = await sign(dataDir, 'bench-focal', { role: 'focal_point', country: 'KEN' });
  const seeded = await seed(app, admin);
  if (!only || only.includes('reports')) reportCpu(app, seeded, quick);
  await app.close();
  cpSync(dataDir, copyDir, { recursive: true });

  log('starting the service…');
  // --cpu-prof DIR: V8 CPU profiles of the service (DIR/service) and of the limits (DIR/<name>).
  const profile = (name: string) =>
    args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args['cpu-prof'], name)}`] : [];
  const service = await startServer(
    'service',
    ['--import', 'tsx', ...profile('service'), 'src/server.ts'],
    serviceEnv({
      DATA_DIR: dataDir,
      RATE_LIMIT_PER_MINUTE: '1000000000',
      HISTORY_LIMIT_BYTES: String(2 ** 40),
    }),
  );
  startLoadgen();
  const ctx: BenchContext = {
    quick,
    rounds: Number(args.rounds ?? (quick ? 1 : 5)),
    segment: Number(args.segment ?? (quick ? 1 : 4)),
    warmup: quick ? 0.5 : 2,
    base,
    dataDir,
    copyDir,
    service,
    admin,
    focalToken,
    seeded,
    profile,
  };
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (!only || only.includes(name)) await scenario(ctx);
  }
  // Peak resident memory of the service process alone, across everything above.
  goalBar('peak RSS of the service across the run (VmHWM)', peakRssMiB(service.pid), 'MiB', MEMORY_MIB, 0);
  stopLoadgen();
  for (const s of servers) await stopServer(s);
  const warnings = servers.flatMap((s) => s.output.map((o) => `[${s.name}] ${o}`));
  if (warnings.length) log(`the servers printed ${warnings.length} warning(s) (above)`);
}

function report(started: number) {
  print(
    `\nmigov bench, ${quick ? 'quick' : 'full'}, ${new Date().toISOString()}, commit ${commitOf() ?? '?'}, node ${process.version}, ` +
      `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}); load average ${loadAtStart.toFixed(2)} at the start, ` +
      `${(loadavg()[0] ?? 0).toFixed(2)} at the end\n` +
      'Loads from a separate load-generator process, interleaved ABBA with their limits; ratios are the median of the rounds.\n' +
      'CPU columns: CPU seconds per second of load (1.00 = one core) of the measured server process and of the load generator.\n',
    `\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick: figures are indicative only)' : ''}`,
  );
  if (!args.json) return;
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

/** The commit measured: git's, or MIGOV_BENCH_COMMIT for a copy of the tree without .git. */
function commitOf(): string | undefined {
  if (process.env.MIGOV_BENCH_COMMIT) return process.env.MIGOV_BENCH_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return undefined;
  }
}

main().then(
  () => process.exit(failures.length ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
