/**
 * Issue 19, items 3 and 4, against a real server process whose files may not grow past a size
 * (RLIMIT_FSIZE set on the running process with prlimit; Node ignores SIGXFSZ, so a write past
 * the limit fails with EFBIG, as on a full disk):
 *
 * - a write that cannot be stored answers 503 problem+json with Retry-After, not 500;
 * - /readyz says not ready from the first write that failed for lack of space, even while small
 *   writes still fit in the WAL, and ready again by itself once files can grow;
 * - a GET pipelined behind a PUT whose COMMIT fails never sees that PUT (its revision, its
 *   content), and an If-Match naming a revision that never committed is refused (412).
 */
import { execFileSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { type ServerProcess, startServer } from '../e2e/server-process.ts';
import { allQuestions, migof } from '../fixtures.ts';
import { FIRST_EDITION, signToken, tempDir } from '../helper.ts';

const dataDir = tempDir('migov-full-disk-');
const QUESTIONS = allQuestions(migof()).filter((q) => q.type === 'yes_partial_no' && !q.enableWhen);
let server: ServerProcess;
let headers: Record<string, string>;

let prlimitWorks = true;
try {
  execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
} catch {
  prlimitWorks = false;
}

beforeAll(async () => {
  if (!prlimitWorks) return;
  server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' });
  const token = await signToken(testConfig({ DATA_DIR: dataDir }), { role: 'admin', sub: 'disk' });
  headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}, 60_000);

afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Limits the size any file of the server may grow to (soft limit; the hard one stays). */
const limitFileSize = (bytes: number | 'unlimited') =>
  execFileSync('prlimit', ['--pid', String(server.child.pid), `--fsize=${bytes}:unlimited`]);

const size = (file: string) => {
  try {
    return statSync(join(dataDir, file)).size;
  } catch {
    return 0;
  }
};

/** ~0.8 MB of answers: 12 questions with 20 long evidence items each, marked with `tag`. */
const bigBatch = (tag: string) => ({
  answers: QUESTIONS.slice(0, 12).map((q, i) => ({
    question: q.key,
    value: 'yes',
    comment: tag,
    evidence: Array.from({ length: 20 }, (_, j) => ({
      title: `${tag} ${i}-${j}`,
      url: `https://example.org/${tag}/${'u'.repeat(1950)}`,
      citation: 'c'.repeat(1000),
    })),
  })),
});

async function call(method: string, path: string, body?: unknown, extra: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...extra },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** Sends `raw` in one write on one connection and returns the responses, in order. */
function pipelined(raw: string, count: number): Promise<{ status: number; headers: string; body: string }[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timed out; got ${data.toString('utf8').slice(0, 500)}`));
    }, 20_000);
    const responses = () => {
      const out: { status: number; headers: string; body: string }[] = [];
      let rest = data;
      while (rest.length) {
        const end = rest.indexOf('\r\n\r\n');
        if (end < 0) break;
        const head = rest.subarray(0, end).toString('latin1');
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (rest.length < end + 4 + length) break;
        out.push({
          status: Number(head.split(' ')[1]),
          headers: head,
          body: rest.subarray(end + 4, end + 4 + length).toString('utf8'),
        });
        rest = rest.subarray(end + 4 + length);
      }
      return out;
    };
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const got = responses();
      if (got.length >= count) {
        clearTimeout(timer);
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('error', reject);
    socket.on('connect', () => socket.write(raw));
  });
}

describe.skipIf(!prlimitWorks)('a full disk', () => {
  it('answers 503 with Retry-After, says not ready, hides the failed write from readers, and recovers', async () => {
    const created = await call('POST', '/v1/assessments', {
      country: 'KEN',
      period: '2030',
      framework: FIRST_EDITION,
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json().id as string;
    expect((await call('GET', '/readyz')).status).toBe(200);

    // Files may grow ~3 MB past what they hold now: a few batches fit, then the WAL is full.
    limitFileSize(Math.max(size('migov.sqlite'), size('migov.sqlite-wal')) + 3 * 1024 * 1024);
    let failed: Awaited<ReturnType<typeof call>> | undefined;
    let committed = 1;
    for (let n = 0; n < 40 && !failed; n++) {
      const res = await call('PUT', `/v1/assessments/${id}/answers`, bigBatch(`ok-${n}`));
      if (res.status === 200) committed = res.json().revision as number;
      else failed = res;
    }
    expect(failed, 'no write ever failed').toBeDefined();
    const refused = failed as Awaited<ReturnType<typeof call>>;
    expect(refused.status, refused.text).toBe(503);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json().detail).toMatch(/could not be stored/);

    // Issue 26, item 9: not ready from the first write that failed for lack of space. A failed
    // commit leaves room behind the last good one (SQLite writes over its torn frames), so a
    // small write still fits: neither the probe's own write nor one of a client's makes the
    // service ready again while no file can grow.
    const afterFailure = await call('GET', '/readyz');
    expect(afterFailure.status, afterFailure.text).toBe(503);
    expect(afterFailure.headers.get('retry-after')).not.toBeNull();
    const small = await call('PUT', `/v1/assessments/${id}/answers`, {
      answers: [{ question: QUESTIONS[19]?.key, value: 'yes' }],
    });
    if (small.status === 200) committed = small.json().revision as number;
    expect((await call('GET', '/readyz')).status).toBe(503);

    // Now the disk is completely full: no write fits anywhere.
    limitFileSize(1);
    const notReady = await call('GET', '/readyz');
    expect(notReady.status, notReady.text).toBe(503);
    expect(notReady.headers.get('retry-after')).not.toBeNull();

    // Item 4: a GET pipelined right behind a PUT that fails must not see that PUT. A small body,
    // so both arrive in one chunk and the GET is served while the PUT waits for its COMMIT.
    const body = JSON.stringify({
      answers: [{ question: QUESTIONS[20]?.key, value: 'no', comment: 'FAILED-WRITE' }],
    });
    const raw =
      `PUT /v1/assessments/${id}/answers HTTP/1.1\r\nHost: x\r\nAuthorization: ${headers.authorization}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}` +
      `GET /v1/assessments/${id} HTTP/1.1\r\nHost: x\r\nAuthorization: ${headers.authorization}\r\n\r\n` +
      `GET /v1/assessments/${id}/answers HTTP/1.1\r\nHost: x\r\nAuthorization: ${headers.authorization}\r\n\r\n`;
    const [put, assessment, answers] = await pipelined(raw, 3);
    expect(put?.status, put?.body).toBe(503);
    expect(assessment?.status, assessment?.body).toBe(200);
    expect(assessment?.headers).toMatch(new RegExp(`etag: "r${committed}"`, 'i'));
    expect(JSON.parse(assessment?.body ?? '{}').revision).toBe(committed);
    expect(answers?.status).toBe(200);
    expect(answers?.body).not.toContain('FAILED-WRITE');
    // Nor does any later reader, or a cache.
    const later = await call('GET', `/v1/assessments/${id}`);
    expect(later.json().revision).toBe(committed);
    expect((await call('GET', `/v1/assessments/${id}/answers`)).text).not.toContain('FAILED-WRITE');
    expect((await call('GET', `/v1/assessments/${id}/history?limit=1000`)).text).not.toContain(
      'FAILED-WRITE',
    );

    // A revision that never committed is not a precondition anyone can meet.
    const phantom = await call('PUT', `/v1/assessments/${id}/answers`, bigBatch('x'), {
      'if-match': `"r${committed + 1}"`,
    });
    expect([412, 503]).toContain(phantom.status);

    // Space returns: readiness comes back by itself, and writes work again.
    limitFileSize('unlimited');
    let ready = 0;
    for (let i = 0; i < 50 && ready !== 200; i++) {
      ready = (await call('GET', '/readyz')).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
    const stale = await call('PUT', `/v1/assessments/${id}/answers`, bigBatch('stale'), {
      'if-match': `"r${committed + 1}"`,
    });
    expect(stale.status, stale.text).toBe(412);
    const again = await call('PUT', `/v1/assessments/${id}/answers`, bigBatch('after'), {
      'if-match': `"r${committed}"`,
    });
    expect(again.status, again.text).toBe(200);
    expect(again.json().revision).toBe(committed + 1);
    expect(server.output()).not.toMatch(/"level":50.*SQLITE_FULL|uncaught/i);
  }, 90_000);
});
