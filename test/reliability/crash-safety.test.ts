import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { type ServerProcess, startServer } from '../e2e/server-process.ts';
import { allQuestions, migof } from '../fixtures.ts';
import { FIRST_EDITION, signToken, tempDir } from '../helper.ts';

/*
 * Starts the real server, runs concurrent answer writes, kills it with SIGKILL mid-load,
 * restarts it on the same data directory and checks that every acknowledged write is in
 * the history and the answers, and that the database passes PRAGMA integrity_check.
 */

const CYCLES = 3;
const WRITERS = 8;
const LOAD_MS = 1500;

const dataDir = tempDir('migov-crash-');
const config = testConfig({ DATA_DIR: dataDir });
const questions = allQuestions(migof()).filter((q) => q.type === 'yes_partial_no' && !q.enableWhen);
let server: ServerProcess | undefined;

afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Ack {
  assessment: string;
  question: string;
  comment: string;
}

async function api(base: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

describe('crash safety', () => {
  it(`keeps every acknowledged write across ${CYCLES} SIGKILLs`, async () => {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' };
    server = await startServer(env);
    const token = await signToken(config, { role: 'admin', sub: 'crash-test' });
    const ids: string[] = [];
    for (let w = 0; w < WRITERS; w++) {
      const res = await api(server.url, token, 'POST', '/v1/assessments', {
        country: 'KEN',
        period: String(2000 + w),
        framework: FIRST_EDITION,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(String(res.body?.id));
    }

    const acknowledged: Ack[] = [];
    const summary: string[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const current = server;
      let stop = false;
      let serverErrors = 0;
      const writers = ids.map(async (assessment, w) => {
        for (let seq = 0; !stop; seq++) {
          const question = questions[(seq + w) % questions.length]?.key ?? '';
          const comment = `c${cycle}-w${w}-s${seq}`;
          try {
            const res = await api(current.url, token, 'PUT', `/v1/assessments/${assessment}/answers`, {
              answers: [{ question, value: seq % 2 ? 'yes' : 'no', comment }],
            });
            if (res.status === 200) acknowledged.push({ assessment, question, comment });
            else if (res.status >= 500) serverErrors++;
          } catch {
            return; // the connection died with the process: this write was never acknowledged
          }
        }
      });
      await new Promise((r) => setTimeout(r, LOAD_MS));
      current.child.kill('SIGKILL');
      stop = true;
      await current.exited;
      await Promise.all(writers);
      expect(serverErrors).toBe(0);

      server = await startServer(env);
      const found = new Set<string>();
      for (const id of ids) {
        // The history comes a page at a time: follow the cursors to the end.
        let cursor: string | null = '';
        while (cursor !== null) {
          const query: string = cursor ? `?limit=1000&cursor=${cursor}` : '?limit=1000';
          const history = await api(server.url, token, 'GET', `/v1/assessments/${id}/history${query}`);
          expect(history.status, JSON.stringify(history.body)).toBe(200);
          for (const event of (history.body?.events ?? []) as {
            type: string;
            after: { comment?: string } | null;
          }[]) {
            if (event.type === 'answer_set' && event.after?.comment) found.add(event.after.comment);
          }
          cursor = (history.body?.nextCursor as string | null | undefined) ?? null;
        }
      }
      const lost = acknowledged.filter((a) => !found.has(a.comment));
      summary.push(`cycle ${cycle + 1}: ${acknowledged.length} acknowledged so far, ${lost.length} lost`);
      expect(lost, `lost acknowledged writes: ${JSON.stringify(lost.slice(0, 5))}`).toEqual([]);

      // The latest acknowledged write of each (assessment, question) is what the answers hold,
      // unless a later write that was in flight at the kill also committed.
      const answers = new Map<string, string>();
      for (const id of ids) {
        const res = await api(server.url, token, 'GET', `/v1/assessments/${id}/answers`);
        for (const a of (res.body?.answers ?? []) as { question: string; comment: string }[]) {
          answers.set(`${id}/${a.question}`, a.comment);
        }
      }
      const latest = new Map(acknowledged.map((a) => [`${a.assessment}/${a.question}`, a.comment]));
      for (const [key, comment] of latest) {
        const stored = answers.get(key) ?? '';
        // c{cycle}-w{writer}-s{seq}: a write issued later sorts after (cycle, then sequence).
        const order = (c: string) => {
          const [, cycleNo, seqNo] = /^c(\d+)-w\d+-s(\d+)$/.exec(c) ?? [];
          return Number(cycleNo) * 1e6 + Number(seqNo);
        };
        expect(order(stored) >= order(comment), `${key}: stored ${stored}, acknowledged ${comment}`).toBe(
          true,
        );
      }
    }
    server.child.kill('SIGTERM');
    await server.exited;
    const db = new Database(join(dataDir, 'migov.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(acknowledged.length).toBeGreaterThan(CYCLES * WRITERS);
    console.info(`crash safety: ${summary.join('; ')}`);
  }, 120_000);
});
