/** The processes of `npm run bench`: the servers it measures, the load generator, and HTTP from the bench. */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { configSchema } from '../src/config.ts';
import type { LoadJob, LoadResult } from './loadgen.ts';
import { settle } from './proc.ts';

const ROOT = resolve(import.meta.dirname, '..');

export const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

export interface Server {
  name: string;
  child: ChildProcess;
  origin: string;
  pid: number;
  /** Whatever the server printed (LOG_LEVEL=warn: warnings and errors only). */
  output: string[];
}

/** Every server started, to stop them all at the end. */
export const servers: Server[] = [];
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

/** Starts `node <nodeArgs>` on a free port (`{port}` in an argument is replaced), once it answers. */
export async function startServer(
  name: string,
  nodeArgs: string[],
  env: Record<string, string>,
): Promise<Server> {
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

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill('SIGTERM');
  await exited;
}

/** The service's configuration: every variable at its default but those given. */
export function serviceEnv(overrides: Record<string, string>): Record<string, string> {
  // Set explicitly (empty means "the default"), so a .env file in the directory cannot change
  // what is measured: the process environment wins over .env.
  const env: Record<string, string> = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, '']));
  return { ...env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...overrides };
}

let nextJob = 0;
const pendingJobs = new Map<number, (reply: { result?: LoadResult; error?: string }) => void>();

export function startLoadgen(): void {
  const child = fork(join(import.meta.dirname, 'loadgen.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message: { id: number; result?: LoadResult; error?: string }) => {
    pendingJobs.get(message.id)?.(message);
    pendingJobs.delete(message.id);
  });
  loadgen = child;
}

export function stopLoadgen(): void {
  loadgen?.kill('SIGTERM');
  loadgen = null;
}

/** One load from the load generator; resolves once the server has served what it was sent. */
export async function load(job: LoadJob): Promise<LoadResult> {
  const id = nextJob++;
  const result = await new Promise<LoadResult>((done, fail) => {
    pendingJobs.set(id, (reply) => (reply.result ? done(reply.result) : fail(new Error(reply.error))));
    loadgen?.send({ id, job });
  });
  await settle(job.serverPid);
  return result;
}

// HTTP from this process (set-up, sequential timings): keep-alive, no compression asked for.

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  ms: number;
}

export function get(origin: string, path: string, headers: Record<string, string>): Promise<Reply> {
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

export async function getOk(origin: string, path: string, headers: Record<string, string>): Promise<Reply> {
  const reply = await get(origin, path, headers);
  if (reply.status !== 200)
    throw new Error(`GET ${path}: ${reply.status} ${reply.body.toString().slice(0, 300)}`);
  return reply;
}
