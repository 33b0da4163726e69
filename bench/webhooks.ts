/**
 * Webhook deliveries per second to a local receiver (`npm run bench -- --only webhooks`).
 *
 * The service is its own process, as in production. A subscription is made through the API;
 * the service is stopped; N events are written straight into its outbox as committed, ready
 * events (as N writes would have left them); the service is started again and delivers them.
 * The receiver runs in this process (it does almost nothing: read, answer 200) and times the
 * first and the last delivery: the rate is the deliveries between them over that time, so the
 * start-up of the process is not counted.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SignJWT } from 'jose';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../src/auth/keys.ts';
import { configSchema } from '../src/config.ts';
import { DATABASE_FILE } from '../src/db/client.ts';
import { failures, timings } from './figures.ts';
import { log, serviceEnv, startServer, stopServer } from './processes.ts';

const SERVER_ARGS = ['--import', 'tsx', 'src/server.ts'];

async function adminHeaders(dataDir: string) {
  const keys = await loadOrCreateLocalKeys(dataDir);
  const config = configSchema.parse({});
  const token = await new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM })
    .setSubject('bench-admin')
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(keys.privateKey);
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

function startReceiver(expected: number) {
  const seen = new Set<string>();
  const times: number[] = [];
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.add(String(req.headers['webhook-id']));
      times.push(performance.now());
      res.writeHead(200).end();
      if (seen.size >= expected) done();
    });
  });
  return { server, seen, times, all };
}

/** Writes `count` ready events into the outbox, as committed writes would have. */
function seedEvents(file: string, count: number): void {
  const db = new Database(file);
  const insert = db.prepare(
    `INSERT INTO outbox_events (id, type, state, payload, pending, coalesce_key, ready_at, created_at)
     VALUES (?, 'assessment.created', 'ready', ?, NULL, NULL, ?, ?)`,
  );
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const data = {
        assessmentId: `bench-${i}`,
        country: 'KEN',
        period: '2030',
        revision: 1,
        actor: 'bench',
      };
      const payload = JSON.stringify({
        type: 'assessment.created',
        timestamp: new Date(now).toISOString(),
        data,
      });
      insert.run(`msg_bench${i}${randomBytes(6).toString('base64url')}`, payload, now, now);
    }
  })();
  db.close();
}

export async function webhookBench(base: string, quick: boolean): Promise<void> {
  const count = quick ? 500 : 3000;
  const dataDir = join(base, 'webhooks');
  mkdirSync(dataDir, { recursive: true });
  const receiver = startReceiver(count);
  await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
  const address = receiver.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const env = serviceEnv({ DATA_DIR: dataDir, WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' });
  try {
    let service = await startServer('webhooks', SERVER_ARGS, env);
    const made = await fetch(`${service.origin}/v1/webhooks`, {
      method: 'POST',
      headers: await adminHeaders(dataDir),
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/hook` }),
    });
    if (made.status !== 201) throw new Error(`subscribing: ${made.status} ${await made.text()}`);
    await stopServer(service);
    seedEvents(join(dataDir, DATABASE_FILE), count);
    log(`webhooks: delivering ${count} events`);
    service = await startServer('webhooks', SERVER_ARGS, env);
    await Promise.race([
      receiver.all,
      new Promise((_, fail) =>
        setTimeout(() => fail(new Error('deliveries did not finish in 120 s')), 120_000),
      ),
    ]);
    await stopServer(service);
    const first = receiver.times[0] ?? 0;
    const last = receiver.times.at(-1) ?? 0;
    const rate = (receiver.times.length - 1) / ((last - first) / 1000);
    timings.push({
      name: `webhook deliveries to a local receiver (${count} events, 1 subscription, signed)`,
      figures: `${Math.round(rate)} deliveries/s; ${receiver.seen.size} distinct webhook-ids in ${receiver.times.length} requests`,
    });
  } catch (error) {
    failures.push(`webhooks: ${(error as Error).message}`);
  } finally {
    receiver.server.close();
  }
}
