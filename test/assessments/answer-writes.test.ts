import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Principal } from '../../src/auth/claims.ts';
import { type AnswerItem, allQuestions, answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';

// What a batch compares itself with (the stored answers, kept in memory between batches) and
// the progress it reports must always be what was committed, whatever happened in between.

let ctx: TestContext;
let focal: { authorization: string };
const principal: Principal = { sub: 'amina', role: 'focal_point', country: 'GHA' };
const framework = migof();
// Unconditional questions only, so that every answer counts towards progress.
const unconditional = new Set(
  allQuestions(framework)
    .filter((q) => !q.enableWhen)
    .map((q) => q.key),
);
const answers = answerSet(framework, 1).filter((a) => unconditional.has(a.question));

beforeAll(async () => {
  ctx = await createTestApp();
  focal = await ctx.auth({ role: 'focal_point', country: 'GHA', sub: 'amina' });
});

async function open(period: string): Promise<string> {
  const res = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: focal,
    payload: { country: 'GHA', period },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function put(id: string, batch: AnswerItem[]) {
  const res = await ctx.app.inject({
    method: 'PUT',
    url: `/v1/assessments/${id}/answers`,
    headers: focal,
    payload: { answers: batch },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Makes every COMMIT fail, as a full or failing disk would, until `mockRestore()`. */
function failCommits() {
  const sqlite = ctx.app.db.$client;
  const exec = sqlite.exec.bind(sqlite);
  return vi.spyOn(sqlite, 'exec').mockImplementation((source: string) => {
    if (source === 'COMMIT') throw new Error('disk I/O error');
    return exec(source);
  });
}

async function history(id: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/history`, headers: focal });
  return res.json().events as {
    type: string;
    question: string | null;
    before: unknown;
    after: unknown;
    revision: number;
  }[];
}

describe('a batch whose commit fails', () => {
  it('leaves no trace: the next batches are compared, scored and logged against what is stored', async () => {
    const id = await open('2031');
    await put(id, answers.slice(0, 10));

    const failCommit = failCommits();
    await expect(
      ctx.app.services.assessments.putAnswers(principal, id, answers.slice(10, 50), undefined),
    ).rejects.toThrow('disk I/O error');
    failCommit.mockRestore();

    // Same revision number the failed batch had reached, different answers.
    const next = await put(id, answers.slice(50, 55));
    expect(next.revision).toBe(3);
    expect(next.progress.answered).toBe(15);

    // The batch that failed is new again when sent once more: every item is a change.
    const again = await put(id, answers.slice(10, 50));
    expect(again.progress.answered).toBe(55);
    const events = (await history(id)).filter((e) => e.revision === again.revision);
    expect(events).toHaveLength(40);
    expect(events.every((e) => e.type === 'answer_set' && e.before === null)).toBe(true);
  });
});

describe('a read while another write is not committed yet', () => {
  it('does not keep a report of that write for later readers', async () => {
    const id = await open('2034');
    await put(id, answers.slice(0, 10));

    const failCommit = failCommits();
    // The batch's transaction is open until the end of this turn; a report read now sees it.
    const failing = ctx.app.services.assessments.putAnswers(principal, id, answers.slice(10, 50), undefined);
    const seen = ctx.app.services.assessments.load(principal, id);
    const early = JSON.parse(ctx.app.services.reports.reportJson(seen, 'arithmetic'));
    expect(early.coverage.answered).toBe(50);
    await expect(failing).rejects.toThrow('disk I/O error');
    failCommit.mockRestore();

    const next = await put(id, answers.slice(50, 55));
    expect(next.revision).toBe(seen.revision);
    const report = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/report`,
      headers: focal,
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json().coverage.answered).toBe(15);
  });
});

describe('consecutive batches on one assessment', () => {
  it('see a cleared answer as gone, and the same answer sent again as a change', async () => {
    const id = await open('2032');
    const [first] = answers;
    if (!first) throw new Error('no answers');
    await put(id, answers.slice(0, 5));
    const cleared = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/assessments/${id}/answers/${first.question}`,
      headers: focal,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().progress.answered).toBe(4);
    // The clear's "before" is exactly what the earlier batch recorded as its "after".
    // Newest first: the clear leads.
    const events = await history(id);
    const set = events.find((e) => e.type === 'answer_set' && e.question === first.question);
    expect(events[0]).toMatchObject({ type: 'answer_cleared', question: first.question, after: null });
    expect(events[0]?.before).toEqual(set?.after);
    expect(set?.after).toEqual({
      value: first.value,
      notApplicable: false,
      comment: null,
      evidence: first.evidence,
    });

    const back = await put(id, [first]);
    expect(back.progress.answered).toBe(5);
    const [last] = await history(id);
    expect(last).toMatchObject({ type: 'answer_set', question: first.question, before: null });
  });

  it('write nothing and keep the revision for a batch that changes nothing', async () => {
    const id = await open('2033');
    const stored = await put(id, answers.slice(0, 20));
    const same = await put(id, answers.slice(0, 20));
    expect(same.revision).toBe(stored.revision);
    expect((await history(id)).filter((e) => e.type === 'answer_set')).toHaveLength(20);
  });
});
