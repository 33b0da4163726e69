import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { allQuestions, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';

/*
 * 50 concurrent clients over real HTTP for a bounded time, writing and reading: no 5xx,
 * no lost or duplicated answer, and a history that accounts for every acknowledged write.
 */

const CLIENTS = 50;
const ASSESSMENTS = 10;
const DURATION_MS = 3000;

let ctx: TestContext;
let base = '';
let authorization = '';
const questions = allQuestions(migof()).filter((q) => q.type === 'yes_partial_no' && !q.enableWhen);

beforeAll(async () => {
  ctx = await createTestApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  authorization = `Bearer ${await ctx.token({ role: 'admin', sub: 'load' })}`;
});

describe('under load', () => {
  it(`serves ${CLIENTS} concurrent clients with no 5xx and no lost or duplicated write`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < ASSESSMENTS; i++) {
      const res = await fetch(`${base}/v1/assessments`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ country: 'UGA', period: String(2000 + i) }),
      });
      ids.push(((await res.json()) as { id: string }).id);
    }

    const statuses = new Map<number, number>();
    const acknowledged = new Map<string, number>(); // `${assessment}/${question}` -> acknowledged writes
    const deadline = Date.now() + DURATION_MS;
    const client = async (c: number) => {
      const assessment = ids[c % ASSESSMENTS] ?? '';
      // Clients sharing an assessment own disjoint questions, so every write changes something.
      const mine = questions.filter((_, q) => q % (CLIENTS / ASSESSMENTS) === Math.floor(c / ASSESSMENTS));
      for (let seq = 0; Date.now() < deadline; seq++) {
        const question = mine[seq % mine.length]?.key ?? '';
        const write = await fetch(`${base}/v1/assessments/${assessment}/answers`, {
          method: 'PUT',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({
            answers: [{ question, value: 'partial', comment: `client ${c} write ${seq}` }],
          }),
        });
        await write.arrayBuffer();
        statuses.set(write.status, (statuses.get(write.status) ?? 0) + 1);
        if (write.status === 200) {
          const key = `${assessment}/${question}`;
          acknowledged.set(key, (acknowledged.get(key) ?? 0) + 1);
        }
        const read = await fetch(`${base}/v1/assessments/${assessment}${seq % 2 ? '/report' : ''}`, {
          headers: { authorization },
        });
        await read.arrayBuffer();
        statuses.set(read.status, (statuses.get(read.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

    const fiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((n, [, count]) => n + count, 0);
    expect(fiveHundreds, JSON.stringify([...statuses])).toBe(0);
    expect(
      [...statuses.keys()].every((s) => s === 200),
      JSON.stringify([...statuses]),
    ).toBe(true);

    const events = ctx.app.db.$client
      .prepare(
        `SELECT assessment_id AS a, question AS q, COUNT(*) AS n FROM events
         WHERE type = 'answer_set' GROUP BY assessment_id, question`,
      )
      .all() as { a: string; q: string; n: number }[];
    const recorded = new Map(events.map((e) => [`${e.a}/${e.q}`, e.n]));
    expect(recorded).toEqual(acknowledged);

    // Every acknowledged write bumped the revision exactly once, and the events say so.
    for (const id of ids) {
      const row = ctx.app.db.$client.prepare('SELECT revision FROM assessments WHERE id = ?').get(id) as {
        revision: number;
      };
      const writes = [...acknowledged]
        .filter(([k]) => k.startsWith(id))
        .reduce((n, [, count]) => n + count, 0);
      expect(row.revision).toBe(1 + writes);
      const revisions = (
        ctx.app.db.$client
          .prepare('SELECT revision FROM events WHERE assessment_id = ? ORDER BY id')
          .all(id) as {
          revision: number;
        }[]
      ).map((e) => e.revision);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
      expect(new Set(revisions).size).toBe(revisions.length);
    }
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.info(`load: ${total} requests from ${CLIENTS} clients in ${DURATION_MS} ms, ${fiveHundreds} 5xx`);
  }, 60_000);
});
