/**
 * Issue 19, item 1: one writer could make the history of an assessment grow without bound
 * (300 PUTs of ~0.9 MB), after which every GET .../history failed for everyone. The history is
 * now paginated (a page is capped in events and in bytes) and each assessment has a budget of
 * history bytes; writes past it are refused with 409 and write nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allQuestions, migof } from '../fixtures.ts';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';
import { fingerprint } from './support.ts';

const QUESTIONS = allQuestions(migof()).filter((q) => q.type === 'yes_partial_no' && !q.enableWhen);
const HISTORY_LIMIT = 1_500_000;

let ctx: TestContext;
let admin: { authorization: string };
beforeAll(async () => {
  ctx = await createTestApp({ HISTORY_LIMIT_BYTES: HISTORY_LIMIT });
  admin = await ctx.auth({ role: 'admin', sub: 'ada' });
});

let period = 1950;
async function open(): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: admin,
    payload: { country: 'KEN', period: String(period++) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** About 66 KB of evidence (20 items at their longest), different for each `n`. */
const bigEvidence = (n: number) =>
  Array.from({ length: 20 }, (_, i) => ({
    title: `${n}-${i} ${'t'.repeat(290)}`,
    url: `https://example.org/${n}/${i}/${'u'.repeat(1950)}`,
    citation: 'c'.repeat(1000),
  }));

const put = (id: string, answers: unknown[]) =>
  ctx.app.inject({
    method: 'PUT',
    url: `/v1/assessments/${id}/answers`,
    headers: admin,
    payload: { answers },
  });

const history = (id: string, query = '') =>
  ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/history${query}`, headers: admin });

interface Page {
  events: { id: number; revision: number; type: string }[];
  nextCursor: string | null;
}

describe('GET .../history is paginated', () => {
  it('gives `limit` events a page, newest first, with a cursor and a Link header to the next', async () => {
    const id = await open();
    for (let i = 0; i < 30; i++) {
      const q = QUESTIONS[i % QUESTIONS.length]?.key;
      const res = await put(id, [{ question: q, value: i % 2 ? 'yes' : 'no', comment: `write ${i}` }]);
      expect(res.statusCode, res.body).toBe(200);
    }
    const first = await history(id, '?limit=10');
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json() as Page;
    expect(page.events).toHaveLength(10);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(first.headers.link).toBe(
      `</v1/assessments/${id}/history?limit=10&order=desc&cursor=${page.nextCursor}>; rel="next"`,
    );

    const seen: number[] = [];
    let query = '?limit=10';
    for (let pages = 0; pages < 10; pages++) {
      const res = await history(id, query);
      const body = res.json() as Page;
      seen.push(...body.events.map((e) => e.id));
      if (!body.nextCursor) {
        expect(res.headers.link).toBeUndefined();
        break;
      }
      query = `?limit=10&cursor=${body.nextCursor}`;
    }
    // created + 30 answer writes, each once, newest first.
    expect(seen).toHaveLength(31);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(31);
  });

  it('has a default and a maximum page size, and refuses a forged cursor', async () => {
    const id = await open();
    const all = await history(id);
    expect(all.statusCode, all.body).toBe(200);
    expect((all.json() as Page).nextCursor).toBeNull();
    expectProblem(await history(id, '?limit=100000'), 400);
    expectProblem(await history(id, '?limit=0'), 400);
    const forged = expectProblem(
      await history(id, `?cursor=${Buffer.from('1 OR 1').toString('base64url')}`),
      400,
    );
    expect(forged.errors).toEqual([{ path: 'querystring.cursor', message: 'is invalid' }]);
  });

  it('stops a page at about 2 MB, however large the events', async () => {
    const id = await open();
    const q = QUESTIONS[0]?.key;
    // Each event carries the evidence before and after: ~130 KB. 10 of them: ~1.3 MB.
    for (let n = 0; n < 10; n++) {
      const res = await put(id, [{ question: q, value: 'yes', evidence: bigEvidence(n) }]);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    }
    const res = await history(id, '?limit=1000');
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(3 * 1024 * 1024);
    const page = res.json() as Page;
    // Fits in the byte cap: everything in one page.
    expect(page.events).toHaveLength(11);
    expect(page.nextCursor).toBeNull();
  });
});

describe('what one writer can make an assessment keep', () => {
  it(`refuses answer writes past HISTORY_LIMIT_BYTES with 409 problem+json naming the limit, writing nothing`, async () => {
    const id = await open();
    const q = QUESTIONS[1]?.key;
    let refused: ReturnType<typeof expectProblem> | undefined;
    let accepted = 0;
    for (let n = 0; n < 40 && !refused; n++) {
      const before = fingerprint(ctx);
      const res = await put(id, [{ question: q, value: n % 2 ? 'yes' : 'no', evidence: bigEvidence(n) }]);
      if (res.statusCode === 200) {
        accepted += 1;
        continue;
      }
      refused = expectProblem(res, 409);
      expect(fingerprint(ctx), 'a refused write changed the database').toBe(before);
    }
    expect(refused, 'never refused').toBeDefined();
    expect(accepted).toBeGreaterThan(3);
    expect(refused?.type).toBe('urn:migov:problem:history-limit');
    expect(refused?.limit).toBe(HISTORY_LIMIT);
    expect(String(refused?.detail)).toContain(`limit of ${HISTORY_LIMIT} bytes`);

    // What is stored stays readable, and within the budget.
    const stored = ctx.app.db.$client
      .prepare(
        `SELECT sum(length(CAST(coalesce(before, '') AS BLOB)) + length(CAST(coalesce(after, '') AS BLOB))) AS bytes,
                (SELECT history_bytes FROM assessments WHERE id = ?) AS counted
         FROM events WHERE assessment_id = ?`,
      )
      .get(id, id) as { bytes: number; counted: number };
    expect(stored.counted).toBe(stored.bytes);
    expect(stored.bytes).toBeLessThanOrEqual(HISTORY_LIMIT);
    expect((await history(id)).statusCode).toBe(200);

    // Small writes that fit still go through; the workflow is never blocked.
    const small = await put(id, [{ question: QUESTIONS[2]?.key, value: 'yes' }]);
    expect(small.statusCode, small.body).toBe(200);
  });

  it('counts clearing an answer too (its event keeps what was cleared)', async () => {
    const id = await open();
    const q = QUESTIONS[3]?.key;
    let last = 200;
    for (let n = 0; n < 40 && last === 200; n++) {
      last = (await put(id, [{ question: q, value: 'yes', evidence: bigEvidence(n) }])).statusCode;
      if (last !== 200) break;
      const cleared = await ctx.app.inject({
        method: 'DELETE',
        url: `/v1/assessments/${id}/answers/${q}`,
        headers: admin,
      });
      last = cleared.statusCode;
      if (last !== 200) expectProblem(cleared, 409);
    }
    expect(last).toBe(409);
  });
});
