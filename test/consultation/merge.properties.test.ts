/**
 * The merge of answer writes made against older revisions, as a property: writers with random
 * (often stale) If-Match revisions touch random sets of questions, in random order. A write is
 * merged exactly when none of its questions (nor one linked to them by enableWhen) changed since
 * its revision, and then names what did change (`mergedOver`); otherwise it gets 412 and writes
 * nothing. In the end every answer is what its last accepted write made it: no write is lost.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allQuestions, answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';

const FRAMEWORK = migof();
const VALUES = new Map(answerSet(FRAMEWORK, 1).map((a) => [a.question, a.value]));
/** Plain questions from several sub-domains, and a parent with two follow-ups (P2.1.1 -> P2.1.2, P2.1.3). */
const POOL = ['P1.1.1', 'P1.1.2', 'P1.2.1', 'P3.1.1', 'O1.1.1', 'P2.1.1', 'P2.1.2', 'P2.1.3'];
const PARENT = new Map(
  allQuestions(FRAMEWORK)
    .filter((q) => q.enableWhen)
    .map((q) => [q.key, q.enableWhen?.question as string]),
);
/** The questions linked to `q` by enableWhen, either way. */
const linked = (q: string) => [
  ...(PARENT.has(q) ? [PARENT.get(q) as string] : []),
  ...[...PARENT].filter(([, parent]) => parent === q).map(([child]) => child),
];

interface Write {
  /** How far back the writer's If-Match is: 0 = current, k = k revisions before; null = none sent. */
  staleness: number | null;
  questions: string[];
  clear: boolean;
}

const writeArb: fc.Arbitrary<Write> = fc.record({
  staleness: fc.option(fc.nat({ max: 4 }), { nil: null, freq: 6 }),
  questions: fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 3 }),
  clear: fc.boolean(),
});

let ctx: TestContext;
let admin: Record<string, string>;
let opened = 0;
const COUNTRIES = ['KEN', 'UGA', 'TZA', 'RWA', 'ETH', 'GHA', 'SEN', 'MLI'];
/** A country and period no earlier run used (a property run and its shrinking open many). */
const nextOpen = () => {
  const n = opened++;
  return {
    country: COUNTRIES[n % COUNTRIES.length],
    period: String(1900 + Math.floor(n / COUNTRIES.length)),
  };
};

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await ctx.auth({ role: 'admin', sub: 'ada' });
});

/** The model: for each revision, the questions it changed; for each question, its last accepted comment. */
class Model {
  changedAt = new Map<number, string[]>();
  stored = new Map<string, string>();
  revision = 1;

  changedSince(base: number): Set<string> {
    const out = new Set<string>();
    for (let r = base + 1; r <= this.revision; r++) for (const q of this.changedAt.get(r) ?? []) out.add(q);
    return out;
  }
}

async function run(writes: Write[]) {
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: admin,
    payload: nextOpen(),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const model = new Model();
  let n = 0;
  for (const w of writes) {
    n++;
    // A clear touches one stored question; with nothing stored it is a set instead.
    const clearable = w.questions.filter((q) => model.stored.has(q));
    const clear = w.clear && clearable.length > 0;
    const questions = clear ? [clearable[0] as string] : w.questions;
    const base = w.staleness === null ? null : Math.max(1, model.revision - w.staleness);
    const headers = { ...admin, ...(base === null ? {} : { 'if-match': `"r${base}"` }) };
    const res = clear
      ? await ctx.app.inject({
          method: 'DELETE',
          url: `/v1/assessments/${id}/answers/${questions[0]}`,
          headers,
        })
      : await ctx.app.inject({
          method: 'PUT',
          url: `/v1/assessments/${id}/answers`,
          headers,
          payload: {
            answers: questions.map((q) => ({ question: q, value: VALUES.get(q), comment: `write ${n}` })),
          },
        });
    const since = base === null ? new Set<string>() : model.changedSince(base);
    const conflict = questions.some((q) => since.has(q) || linked(q).some((l) => since.has(l)));
    const where = `write ${n} ${JSON.stringify({ base, questions, clear, since: [...since] })}: ${res.body.slice(0, 300)}`;
    if (conflict) {
      expect(res.statusCode, where).toBe(412);
      const conflicts = res.json().conflicts as { question: string }[];
      expect(
        conflicts.map((c) => c.question).every((q) => questions.includes(q)),
        where,
      ).toBe(true);
      continue;
    }
    expect(res.statusCode, where).toBe(200);
    expect(new Set((res.json().mergedOver as { question: string }[]).map((m) => m.question)), where).toEqual(
      since,
    );
    model.revision++;
    model.changedAt.set(model.revision, questions);
    for (const q of questions) {
      if (clear) model.stored.delete(q);
      else model.stored.set(q, `write ${n}`);
    }
    expect(res.json().revision, where).toBe(model.revision);
  }
  const answers = await ctx.app.inject({ url: `/v1/assessments/${id}/answers`, headers: admin });
  const stored = new Map(
    (answers.json().answers as { question: string; comment: string }[]).map((a) => [a.question, a.comment]),
  );
  expect(stored).toEqual(model.stored);
}

describe('answer writes against older revisions', () => {
  it('are merged iff disjoint from what changed since; none is lost; the rest get 412', async () => {
    await fc.assert(fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 12 }), run), {
      numRuns: 60,
    });
  });

  it('a conflicting write gets 412 with both versions', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: admin,
      payload: nextOpen(),
    });
    const id = created.json().id as string;
    const put = (etag: string, value: string, comment: string) =>
      ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${id}/answers`,
        headers: { ...admin, 'if-match': etag },
        payload: { answers: [{ question: 'P1.1.1', value, comment }] },
      });
    const first = await put('"r1"', String(VALUES.get('P1.1.1')), 'mine');
    expect(first.statusCode, first.body).toBe(200);
    const second = await put('"r1"', String(VALUES.get('P1.1.1')), 'theirs');
    expect(second.statusCode, second.body).toBe(412);
    expect(second.json().conflicts).toEqual([
      expect.objectContaining({
        question: 'P1.1.1',
        revision: 2,
        reason: 'same_question',
        current: expect.objectContaining({ comment: 'mine' }),
        yours: expect.objectContaining({ comment: 'theirs' }),
      }),
    ]);
  });
});
