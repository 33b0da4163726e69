/**
 * Issue 19, item 4, in process: whatever a write left behind before its COMMIT failed is seen by
 * nobody, through no path and no cache. The COMMIT is made to fail as a full disk would make it.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, FIRST_EDITION, type TestContext } from '../helper.ts';

let ctx: TestContext;
let admin: { authorization: string };
beforeAll(async () => {
  ctx = await createTestApp();
  admin = await ctx.auth({ role: 'admin', sub: 'ada' });
  // The token is verified once here, so later requests run their handlers in order.
  await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: admin });
  // The outbox's delivery loop writes in the background: its COMMIT must not be the one made to fail.
  await ctx.app.events.dispatcher.stop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** The next COMMIT fails with SQLITE_FULL (and rolls back, as SQLite does). */
async function failNextCommit() {
  // Writes still open from earlier requests (a person's record, in the background) commit first.
  await ctx.app.writes.run(() => undefined);
  const sqlite = ctx.app.db.$client;
  const exec = sqlite.exec.bind(sqlite);
  const spy = vi.spyOn(sqlite, 'exec').mockImplementation((sql: string) => {
    if (sql === 'COMMIT') {
      spy.mockRestore();
      exec('ROLLBACK');
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    }
    return exec(sql);
  });
}

describe('a write whose COMMIT fails', () => {
  it('is not replayed to a retry with the same Idempotency-Key sent in the same moment', async () => {
    const headers = { ...admin, 'idempotency-key': 'same-moment' };
    const payload = { country: 'KEN', period: '2041', framework: FIRST_EDITION };
    await failNextCommit();
    const [first, retry] = await Promise.all([
      ctx.app.inject({ method: 'POST', url: '/v1/assessments', headers, payload }),
      ctx.app.inject({ method: 'POST', url: '/v1/assessments', headers, payload }),
    ]);
    expect(first.statusCode, first.body).toBe(503);
    // Either it failed with the first, or it ran after and created the assessment itself.
    if (retry.statusCode === 201) {
      const id = retry.json().id as string;
      const read = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}`, headers: admin });
      expect(read.statusCode, read.body).toBe(200);
    } else {
      expect(retry.statusCode, retry.body).toBe(503);
    }
    const count = ctx.app.db.$client
      .prepare("SELECT count(*) AS n FROM assessments WHERE period = '2041'")
      .get() as {
      n: number;
    };
    expect(count.n).toBe(retry.statusCode === 201 ? 1 : 0);
  });

  it('leaves no revision, answer or progress behind for a GET that follows', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: admin,
      payload: { country: 'KEN', period: '2042', framework: FIRST_EDITION },
    });
    const id = created.json().id as string;
    await failNextCommit();
    const [put, get] = await Promise.all([
      ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${id}/answers`,
        headers: admin,
        payload: { answers: [{ question: 'P1.1.1', value: 'yes', comment: 'never committed' }] },
      }),
      ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/answers`, headers: admin }),
    ]);
    expect(put.statusCode, put.body).toBe(503);
    expect(get.statusCode).toBe(200);
    expect(get.headers.etag).toBe('"r1"');
    expect(get.body).not.toContain('never committed');
    const again = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}`, headers: admin });
    expect(again.json()).toMatchObject({ revision: 1, progress: { answered: 0 } });
    const stale = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: { ...admin, 'if-match': '"r2"' },
      payload: { answers: [{ question: 'P1.1.1', value: 'no' }] },
    });
    expect(stale.statusCode, stale.body).toBe(412);
  });
});
