/**
 * Uploads (DESIGN section 8): four 25 MiB documents at once, the service's peak memory growth
 * (bar: under 64 MiB) and its throughput as a ratio to a bare route streaming the same bytes to
 * disk in its own process (bar: 0.7). The uploads come from a client process of their own; the
 * two servers are measured in turn, ABBA, on the same files. `npm run bench` runs it with the
 * rest; alone: `node --import tsx bench/uploads.ts [--quick]`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../src/auth/keys.ts';
import { configSchema } from '../src/config.ts';
import { bars, failures, timings } from './figures.ts';
import { peakRssMiB } from './proc.ts';
import { log, type Server, serviceEnv, startServer, stopServer } from './processes.ts';

const run = promisify(execFile);
const FILES = 4;
const FILE_BYTES = 25 * 1024 * 1024;

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;

/** Resets a process's VmHWM to its current RSS (Linux: 5 in clear_refs), so a peak is this load's. */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function adminToken(dataDir: string): Promise<string> {
  const keys = await loadOrCreateLocalKeys(dataDir);
  const config = configSchema.parse({});
  const token = await new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM })
    .setSubject('bench-uploads')
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(keys.privateKey);
  return `Bearer ${token}`;
}

/** Four PDFs of random bytes (allowed, and incompressible), each its own content. */
function makeFiles(dir: string): string[] {
  return Array.from({ length: FILES }, (_, i) => {
    const file = join(dir, `upload-${i}.pdf`);
    const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
    writeFileSync(file, Buffer.concat([head, randomBytes(FILE_BYTES - head.length)]));
    return file;
  });
}

/** One round: every file at once to `url`; the wall time in ms. */
async function round(url: string, authorization: string, files: string[]): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'bench/upload-client.ts', url, authorization, ...files],
    { maxBuffer: 1 << 20 },
  );
  const result = JSON.parse(stdout) as { ms: number; answers: { status: number; body: string }[] };
  const refused = result.answers.find((a) => a.status !== 201);
  if (refused) throw new Error(`upload answered ${refused.status}: ${refused.body.slice(0, 300)}`);
  return result.ms;
}

async function createAssessment(service: Server, authorization: string): Promise<string> {
  const res = await fetch(`${service.origin}/v1/assessments`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ country: 'KEN', period: '2030' }),
  });
  if (res.status !== 201) throw new Error(`creating the assessment: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** Deletes the documents a round left, so the assessment's 1 GiB limit is never reached. */
async function clear(service: Server, id: string, authorization: string): Promise<void> {
  const res = await fetch(`${service.origin}/v1/assessments/${id}/documents`, { headers: { authorization } });
  const { documents } = (await res.json()) as { documents: { id: string }[] };
  for (const d of documents) {
    await fetch(`${service.origin}/v1/assessments/${id}/documents/${d.id}`, {
      method: 'DELETE',
      headers: { authorization },
    });
  }
}

export async function uploadScenario(options: { quick: boolean }): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), 'migov-bench-uploads-'));
  const dataDir = join(base, 'service');
  const bareDir = join(base, 'bare');
  mkdirSync(dataDir);
  mkdirSync(bareDir);
  const started: Server[] = [];
  try {
    log('uploads: writing four 25 MiB files…');
    const files = makeFiles(base);
    const authorization = await adminToken(dataDir);
    const service = await startServer(
      'service',
      ['--import', 'tsx', 'src/server.ts'],
      serviceEnv({ DATA_DIR: dataDir }),
    );
    const bare = await startServer(
      'bare-upload',
      ['--import', 'tsx', 'bench/bare-upload.ts', '{port}', bareDir],
      {},
    );
    started.push(service, bare);
    const id = await createAssessment(service, authorization);
    const serviceUrl = `${service.origin}/v1/assessments/${id}/documents`;
    const bareUrl = `${bare.origin}/upload`;
    // Warm-up, then the service's memory from here on.
    await round(serviceUrl, authorization, files);
    await clear(service, id, authorization);
    await round(bareUrl, '', files);
    const baseline = rssMiB(service.pid);
    resetPeak(service.pid);
    const rounds = options.quick ? 1 : 3;
    const ratios: number[] = [];
    const serviceMs: number[] = [];
    const bareMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      log(`uploads: round ${i + 1}/${rounds}`);
      // ABBA: the order flips every round, so a drift in the machine's speed falls on both.
      const pair = i % 2 === 0 ? ['service', 'bare'] : ['bare', 'service'];
      const took: Record<string, number> = {};
      for (const which of pair) {
        took[which] =
          which === 'service'
            ? await round(serviceUrl, authorization, files)
            : await round(bareUrl, '', files);
        if (which === 'service') await clear(service, id, authorization);
      }
      serviceMs.push(took.service as number);
      bareMs.push(took.bare as number);
      ratios.push((took.bare as number) / (took.service as number));
    }
    const growth = peakRssMiB(service.pid) - baseline;
    const mibPerSecond = (ms: number[]) => (FILES * 25) / (ms.reduce((a, b) => a + b, 0) / ms.length / 1000);
    const ratio = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    bars.push(
      {
        name: 'four 25 MiB uploads at once: throughput beside a bare route streaming to disk',
        measured: `${mibPerSecond(serviceMs).toFixed(0)} MiB/s`,
        limit: `${mibPerSecond(bareMs).toFixed(0)} MiB/s`,
        ratio,
        rounds: ratios,
        bar: '>= 0.70',
        met: ratio >= 0.7,
      },
      {
        name: 'four 25 MiB uploads at once: the service’s peak memory growth (VmHWM over RSS before)',
        measured: `${growth.toFixed(1)} MiB`,
        limit: '',
        bar: '< 64 MiB',
        met: growth < 64,
      },
    );
    timings.push({
      name: 'four 25 MiB uploads at once, wall time per round',
      figures: `service ${serviceMs.map((x) => x.toFixed(0)).join(', ')} ms; bare ${bareMs.map((x) => x.toFixed(0)).join(', ')} ms; RSS before ${baseline.toFixed(0)} MiB`,
    });
  } catch (error) {
    failures.push(`uploads: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    for (const s of started) await stopServer(s).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await uploadScenario({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify({ bars: bars.slice(-2), timings: timings.slice(-1), failures }, null, 2));
}
