import { beforeAll, describe, expect, it } from 'vitest';
import { allQuestions, answerSet, migof } from '../fixtures.ts';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';

let ctx: TestContext;
let focal: { authorization: string };
let reviewer: { authorization: string };
const framework = migof();

beforeAll(async () => {
  ctx = await createTestApp();
  focal = await ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'amina' });
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
});

async function create(body: Record<string, unknown>, headers = focal) {
  return ctx.app.inject({ method: 'POST', url: '/v1/assessments', headers, payload: body });
}

describe('the whole workflow over HTTP', () => {
  let id = '';
  let etag = '';

  it('opens an assessment pinned to the latest framework', async () => {
    const res = await create({ country: 'KEN', period: '2025' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    id = body.id;
    etag = String(res.headers.etag);
    expect(res.headers.location).toBe(`/v1/assessments/${id}`);
    expect(etag).toBe('"r1"');
    expect(body).toMatchObject({
      country: 'KEN',
      period: '2025',
      status: 'draft',
      revision: 1,
      framework: { key: 'migof', version: '1.0.0' },
    });
    expect(body.progress.answered).toBe(0);
    expect(body.progress.domains).toHaveLength(6);
  });

  it('refuses a second open assessment for the same country and period', async () => {
    const res = await create({ country: 'KEN', period: '2025' });
    expect(expectProblem(res, 409).assessmentId).toBe(id);
  });

  it('refuses submission while questions are unanswered, listing them', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...focal, 'if-match': etag },
    });
    const problem = expectProblem(res, 409);
    expect((problem.missing as unknown[]).length).toBeGreaterThan(50);
  });

  it('stores a full batch of answers in one PUT', async () => {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: { ...focal, 'if-match': etag },
      payload: { answers: answerSet(framework, 1) },
    });
    expect(res.statusCode, res.body).toBe(200);
    etag = String(res.headers.etag);
    expect(etag).toBe('"r2"');
    expect(res.json().progress.coverage).toBe(1);
  });

  it('lists answers with who answered', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/answers`, headers: focal });
    expect(res.statusCode, res.body).toBe(200);
    const { answers } = res.json();
    expect(answers).toHaveLength(allQuestions(framework).length);
    expect(answers[0]).toMatchObject({ answeredBy: 'amina', enabled: true });
  });

  it('requires If-Match to submit (428) and a current one (412)', async () => {
    const missing = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: focal,
    });
    expectProblem(missing, 428);
    const stale = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...focal, 'if-match': '"r1"' },
    });
    expectProblem(stale, 412);
    // Bounded (#31): an If-Match longer than any list of ETags is refused, not compared.
    const long = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...focal, 'if-match': `${etag}, ${'"r1", '.repeat(40)}` },
    });
    const problem = expectProblem(long, 400);
    expect(problem.errors, long.body).toEqual([
      expect.objectContaining({ path: expect.stringMatching(/if-match/) }),
    ]);
  });

  it('submits, and then refuses writes', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...focal, 'if-match': etag },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('submitted');
    etag = String(res.headers.etag);
    const write = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: [{ question: 'P1.1.1', value: 'no' }] },
    });
    expectProblem(write, 409);
  });

  it('lets the reviewer return it with a reason, making it editable again', async () => {
    const noReason = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/return`,
      headers: { ...reviewer, 'if-match': etag },
      payload: {},
    });
    expectProblem(noReason, 400);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/return`,
      headers: { ...reviewer, 'if-match': etag },
      payload: { reason: 'Please cite the act for P1.1.1' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'returned', returnReason: 'Please cite the act for P1.1.1' });
    etag = String(res.headers.etag);
    const write = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: [{ question: 'P1.1.1', value: 'partial', comment: 'Signed, not ratified' }] },
    });
    expect(write.statusCode, write.body).toBe(200);
    etag = String(write.headers.etag);
  });

  it('resubmits and the reviewer validates', async () => {
    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...focal, 'if-match': etag },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const validate = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/validate`,
      headers: { ...reviewer, 'if-match': String(submit.headers.etag) },
    });
    expect(validate.statusCode, validate.body).toBe(200);
    expect(validate.json()).toMatchObject({ status: 'validated' });
    expect(validate.json().validatedAt).toBeTruthy();
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/validate`,
      headers: { ...reviewer, 'if-match': String(validate.headers.etag) },
    });
    expectProblem(again, 409);
  });

  it('keeps a complete history', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/history`, headers: focal });
    expect(res.statusCode, res.body).toBe(200);
    const events = res.json().events as {
      type: string;
      actor: string;
      question: string | null;
      before: unknown;
      after: unknown;
      reason: string | null;
    }[];
    // Newest first by default: the validation leads, the creation closes.
    const types = events.map((e) => e.type);
    expect(types.at(-1)).toBe('created');
    expect(types.filter((t) => t === 'answer_set')).toHaveLength(allQuestions(framework).length + 1);
    expect(types.filter((t) => t !== 'answer_set' && t !== 'created')).toEqual([
      'validated',
      'submitted',
      'returned',
      'submitted',
    ]);
    const changed = events.find(
      (e) => e.type === 'answer_set' && e.question === 'P1.1.1' && e.before !== null,
    );
    expect(changed).toMatchObject({
      actor: 'amina',
      before: { value: 'yes' },
      after: { value: 'partial', comment: 'Signed, not ratified' },
    });
    expect(events.find((e) => e.type === 'returned')).toMatchObject({
      actor: 'rita',
      reason: 'Please cite the act for P1.1.1',
    });
  });

  it('starts the next period from a copy of the validated answers', async () => {
    const res = await create({ country: 'KEN', period: '2026', copyFrom: id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().progress.coverage).toBe(1);
    expect(res.json().copiedFrom).toBe(id);
    const history = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${res.json().id}/history?order=asc`,
      headers: focal,
    });
    expect(history.json().events[0].after).toMatchObject({
      copiedFrom: id,
      answersCopied: allQuestions(framework).length,
    });
  });
});

describe('answer validation', () => {
  let id = '';
  beforeAll(async () => {
    id = (await create({ country: 'KEN', period: '2030' })).json().id;
  });

  it('refuses a batch with bad items, names each, and writes nothing', async () => {
    const before = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/history`,
      headers: focal,
    });
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: {
        answers: [
          { question: 'P1.1.1', value: 'yes' },
          { question: 'P9.9.9', value: 'yes' },
          { question: 'P1.1.3', value: 'maybe' },
          { question: 'O1.3.1', value: 'cheap' },
          { question: 'P1.1.1', value: 'no' },
        ],
      },
    });
    const problem = expectProblem(res, 400);
    const paths = (problem.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.answers[1].question',
        'body.answers[2].value',
        'body.answers[3].value',
        'body.answers[4].question',
      ]),
    );
    const after = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}`, headers: focal });
    expect(after.json().revision).toBe(1);
    expect(after.json().progress.answered).toBe(0);
    const history = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/history`,
      headers: focal,
    });
    expect(history.json().events).toEqual(before.json().events);
  });

  it('refuses unknown fields, non-http evidence URLs and not-applicable where not allowed', async () => {
    const notAllowed = allQuestions(framework).find((q) => !q.allowNotApplicable)?.key;
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: {
        answers: [
          { question: 'P1.1.1', value: 'yes', evidence: [{ title: 'x', url: 'javascript:alert(1)' }] },
          { question: 'P1.1.1', value: 'yes', score: 1 },
        ],
      },
    });
    expectProblem(res, 400);
    const na = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: [{ question: notAllowed, notApplicable: true }] },
    });
    expect((expectProblem(na, 400).errors as { path: string }[])[0]?.path).toBe(
      'body.answers[0].notApplicable',
    );
  });

  it('stores answers to disabled questions without counting them', async () => {
    const conditional = allQuestions(framework).find((q) => q.enableWhen);
    if (!conditional?.enableWhen) throw new Error('the framework has no conditional question');
    const parent = allQuestions(framework).find((q) => q.key === conditional.enableWhen?.question);
    const off = parent?.options?.find((o) => !conditional.enableWhen?.in.includes(o.value));
    const child = answerSet(framework, 1).find((a) => a.question === conditional.key);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: [{ question: parent?.key, value: off?.value }, child] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const answers = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
    });
    const stored = answers.json().answers.find((a: { question: string }) => a.question === conditional.key);
    expect(stored.enabled).toBe(false);
    expect(answers.json().progress.answered).toBe(1);
  });

  const plain = allQuestions(framework).find((q) => q.type === 'yes_partial_no' && !q.enableWhen)?.key ?? '';

  it('honours If-Match on answer writes: one of two writers with the same ETag wins', async () => {
    const current = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}`, headers: focal });
    const etag = String(current.headers.etag);
    const write = (value: string) =>
      ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${id}/answers`,
        headers: { ...focal, 'if-match': etag },
        payload: { answers: [{ question: plain, value }] },
      });
    const results = await Promise.all([write('yes'), write('no')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
  });

  it('clears one answer and records it', async () => {
    const res = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/assessments/${id}/answers/${plain}`,
      headers: focal,
    });
    expect(res.statusCode, res.body).toBe(200);
    const again = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/assessments/${id}/answers/${plain}`,
      headers: focal,
    });
    expectProblem(again, 404);
    const history = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/history`,
      headers: focal,
    });
    expect(history.json().events[0]).toMatchObject({
      type: 'answer_cleared',
      question: plain,
      after: null,
    });
  });
});

describe('creation', () => {
  it('replays a create with the same Idempotency-Key', async () => {
    const headers = { ...focal, 'idempotency-key': 'create-uga-1' };
    const body = { country: 'KEN', period: '2031' };
    const first = await create(body, headers);
    const second = await create(body, headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const different = await create({ country: 'KEN', period: '2032' }, headers);
    expectProblem(different, 422);
  });

  it('refuses a focal point opening another country (403) and unknown frameworks (404)', async () => {
    expectProblem(await create({ country: 'UGA', period: '2025' }), 403);
    expectProblem(
      await create({ country: 'KEN', period: '2040', framework: { key: 'migof', version: '9.9.9' } }),
      404,
    );
  });

  it('refuses malformed bodies and mass assignment', async () => {
    expectProblem(await create({ country: 'KEN', period: '25' }), 400);
    expectProblem(await create({ country: 'KEN', period: '2041', status: 'validated' }), 400);
    expectProblem(await create({ country: 'KEN', period: '2042', revision: 9 }), 400);
  });
});

describe('listing', () => {
  it('paginates with a cursor and a capped page size', async () => {
    const admin = await ctx.auth({ role: 'admin' });
    const page1 = await ctx.app.inject({ method: 'GET', url: '/v1/assessments?limit=2', headers: admin });
    expect(page1.statusCode, page1.body).toBe(200);
    expect(page1.json().items).toHaveLength(2);
    const cursor = page1.json().nextCursor;
    expect(cursor).toBeTruthy();
    const page2 = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments?limit=2&cursor=${cursor}`,
      headers: admin,
    });
    const ids1 = page1.json().items.map((i: { id: string }) => i.id);
    const ids2 = page2.json().items.map((i: { id: string }) => i.id);
    expect(ids1.filter((x: string) => ids2.includes(x))).toEqual([]);
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/v1/assessments?limit=1000', headers: admin }),
      400,
    );
    expectProblem(
      await ctx.app.inject({ method: 'GET', url: '/v1/assessments?cursor=%%%', headers: admin }),
      400,
    );
  });

  it('filters by status and period', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/assessments?status=validated',
      headers: focal,
    });
    expect(res.json().items.every((i: { status: string }) => i.status === 'validated')).toBe(true);
    expect(res.json().items.length).toBeGreaterThan(0);
  });
});
