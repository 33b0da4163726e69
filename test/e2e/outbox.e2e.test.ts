import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { signToken, tempDir } from '../helper.ts';
import { type Receiver, startReceiver } from '../webhooks/receiver.ts';
import { type ServerProcess, startServer } from './server-process.ts';

/**
 * kill -9 between commit and delivery loses no event: the server process is killed while its
 * deliveries hang on the receiver (sent, never recorded), then started again on the same data
 * directory; every committed event then arrives. A delivery may arrive twice (at least once);
 * receivers dedupe on `webhook-id`.
 */

const dataDir = tempDir();
let server: ServerProcess | undefined;
let receiver: Receiver | undefined;
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = { DATA_DIR: dataDir, WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', LOG_LEVEL: 'warn' };

describe('the outbox across a crash', () => {
  it('delivers every committed event after kill -9 and a restart', async () => {
    receiver = await startReceiver();
    receiver.answer = () => 'hang';
    server = await startServer(env);
    const config = testConfig({ DATA_DIR: dataDir });
    const admin = { authorization: `Bearer ${await signToken(config, { role: 'admin' })}` };
    const focal = {
      authorization: `Bearer ${await signToken(config, { role: 'focal_point', country: 'KEN' })}`,
    };
    const json = { 'content-type': 'application/json' };
    const hook = await fetch(`${server.url}/v1/webhooks`, {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify({ url: receiver.url, events: ['assessment.created'] }),
    });
    expect(hook.status, await hook.clone().text()).toBe(201);
    const created: string[] = [];
    for (const period of ['2070', '2071', '2072', '2073', '2074']) {
      const res = await fetch(`${server.url}/v1/assessments`, {
        method: 'POST',
        headers: { ...focal, ...json },
        body: JSON.stringify({ country: 'KEN', period }),
      });
      expect(res.status).toBe(201);
      created.push(((await res.json()) as { id: string }).id);
    }
    // At least one delivery is on the wire, unanswered: kill the process now.
    await receiver.until((r) => r.length >= 1);
    server.child.kill('SIGKILL');
    await server.exited;

    receiver.answer = () => ({ status: 200 });
    server = await startServer(env);
    await receiver.until((r) => {
      const ids = new Set(r.map((x) => JSON.parse(x.body).data.assessmentId));
      return created.every((id) => ids.has(id));
    }, 60_000);
    const byId = new Map(receiver.received.map((r) => [String(r.headers['webhook-id']), r.body]));
    expect(byId.size).toBe(created.length);
  });
});
