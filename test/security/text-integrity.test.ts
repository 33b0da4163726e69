/**
 * Issue 19, items 6 and 7: text that is not what it seems.
 *
 * - Required text made only of invisible characters (zero-width spaces and joiners, word joiner,
 *   BOM, soft hyphen...) is refused with 400 naming the item, and stored evidence whose titles
 *   show nothing does not satisfy "evidence required" at submission.
 * - Lone surrogates are refused with 400 naming the item (the answers and the history used to
 *   disagree about them); a body in a declared charset other than UTF-8 is decoded as declared
 *   (an unknown charset is 415), and a body that is not valid in its charset is 400.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { allQuestions, migof } from '../fixtures.ts';
import { expectProblem } from '../helper.ts';
import { type Builder, fingerprint, type Principals, securityApp } from './support.ts';

const QUESTIONS = allQuestions(migof());
const PLAIN = QUESTIONS.filter((q) => q.type === 'yes_partial_no' && !q.enableWhen);
const WITH_EVIDENCE = QUESTIONS.find((q) => q.evidenceRequired && !q.enableWhen);

let ctx: Awaited<ReturnType<typeof securityApp>>['ctx'];
let who: Principals;
let build: Builder;
beforeAll(async () => {
  ({ ctx, who, build } = await securityApp());
});

const put = (id: string, payload: string | Buffer | object, contentType = 'application/json') =>
  ctx.app.inject({
    method: 'PUT',
    url: `/v1/assessments/${id}/answers`,
    headers: { ...who.admin, 'content-type': contentType },
    payload: payload as string,
  });

const answersOf = async (id: string) =>
  (await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/answers`, headers: who.admin })).json()
    .answers as { question: string; comment: string | null; evidence: { title: string }[] }[];

const historyOf = async (id: string) =>
  (
    await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/history?limit=1000&order=asc`,
      headers: who.admin,
    })
  ).json().events as { type: string; question: string | null; after: { comment: string | null } | null }[];

describe('invisible required text (item 6)', () => {
  it.each([
    ['zero-width space, non-joiner, word joiner', '\u200b\u200c\u2060'],
    ['zero-width joiner between spaces', ' \u200d '],
    ['byte order mark', '\ufeff'],
    ['soft hyphen and bidi marks', '\u00ad\u200e\u200f'],
    ['Hangul filler', '\u3164'],
    ['a lone combining mark', '\u0301'],
  ])('refuses an evidence title of only %s, naming the item', async (_name, title) => {
    const { id } = await build.make('KEN', 'draft');
    const before = fingerprint(ctx);
    const body = expectProblem(
      await put(id, {
        answers: [
          { question: PLAIN[0]?.key, value: 'yes' },
          { question: PLAIN[1]?.key, value: 'yes', evidence: [{ title: 'Act 2024' }, { title }] },
        ],
      }),
      400,
    );
    // A BOM is also trimmed as white space, so "too short" may be named too: all at that item.
    const errors = body.errors as { path: string }[];
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.every((e) => e.path === 'body.answers[1].evidence[1].title'),
      JSON.stringify(errors),
    ).toBe(true);
    expect(fingerprint(ctx)).toBe(before);
  });

  it('keeps titles with visible text, whatever the script, with invisible characters inside', async () => {
    const { id } = await build.make('KEN', 'draft');
    const titles = ['Loi n° 2024-12', '移民法', 'قانون الهجرة', 'a\u200bb', '👨‍👩‍👧'];
    const res = await put(id, {
      answers: [{ question: PLAIN[0]?.key, value: 'yes', evidence: titles.map((title) => ({ title })) }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await answersOf(id))[0]?.evidence.map((e) => e.title)).toEqual(titles);
  });

  it('refuses a return reason of only invisible characters', async () => {
    const { id, etag } = await build.make('KEN', 'submitted');
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/return`,
      headers: { ...who.reviewer, 'if-match': etag },
      payload: { reason: '\u200b\u2060' },
    });
    expect(expectProblem(res, 400).errors).toEqual([
      { path: 'body.reason', message: expect.stringMatching(/visible characters/) },
    ]);
  });

  it('does not let stored evidence that shows nothing satisfy "evidence required" at submission', async () => {
    expect(WITH_EVIDENCE, 'the framework has a question requiring evidence').toBeDefined();
    const question = WITH_EVIDENCE?.key as string;
    const { id, etag } = await build.make('KEN', 'draft', 'full');
    // As a title stored before invisible titles were refused would be.
    ctx.app.db.$client
      .prepare('UPDATE answers SET evidence = ? WHERE assessment_id = ? AND question = ?')
      .run(JSON.stringify([{ title: '\u200b\u200c' }, { title: '\u2060' }]), id, question);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...who.admin, 'if-match': etag },
    });
    const body = expectProblem(res, 409);
    expect(body.missing).toContainEqual({ question, reason: 'evidence_required' });
  });
});

describe('text altered on the way in (item 7)', () => {
  it.each([
    [
      'in a comment',
      (q: string) => `{"answers":[{"question":"${q}","value":"yes","comment":"a\\ud800b"}]}`,
      'body.answers[0].comment',
    ],
    [
      'in an evidence title',
      (q: string) => `{"answers":[{"question":"${q}","value":"yes","evidence":[{"title":"x\\udfff"}]}]}`,
      'body.answers[0].evidence[0].title',
    ],
    [
      'reversed pair',
      (q: string) => `{"answers":[{"question":"${q}","value":"yes","comment":"\\udc00\\ud800"}]}`,
      'body.answers[0].comment',
    ],
  ])('refuses a lone surrogate %s with 400 naming it, storing nothing', async (_name, payload, path) => {
    const { id } = await build.make('KEN', 'draft');
    const before = fingerprint(ctx);
    const body = expectProblem(await put(id, payload(PLAIN[2]?.key as string)), 400);
    expect(body.errors).toContainEqual({ path, message: expect.stringMatching(/lone surrogate/) });
    expect(fingerprint(ctx)).toBe(before);
  });

  it('stores a valid pair (an emoji written as \\ud83d\\ude00) the same in the answers and the history', async () => {
    const { id } = await build.make('KEN', 'draft');
    const q = PLAIN[3]?.key as string;
    const res = await put(
      id,
      `{"answers":[{"question":"${q}","value":"yes","comment":"ok \\ud83d\\ude00"}]}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect((await answersOf(id)).find((a) => a.question === q)?.comment).toBe('ok 😀');
    expect((await historyOf(id)).at(-1)?.after?.comment).toBe('ok 😀');
  });

  it.each([
    ['iso-8859-1', 'latin1'],
    ['ISO-8859-1', 'latin1'],
    ['latin1', 'latin1'],
    ['"iso-8859-1"', 'latin1'],
    ['utf-16le', 'utf16le'],
  ] as const)('decodes a body declared charset=%s as such', async (charset, encoding) => {
    const { id } = await build.make('KEN', 'draft');
    const q = PLAIN[4]?.key as string;
    const comment = 'Política de migración: été, año, ½';
    const bytes = Buffer.from(
      JSON.stringify({ answers: [{ question: q, value: 'yes', comment }] }),
      encoding,
    );
    const res = await put(id, bytes, `application/json; charset=${charset}`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await answersOf(id)).find((a) => a.question === q)?.comment).toBe(comment);
    expect((await historyOf(id)).at(-1)?.after?.comment).toBe(comment);
  });

  it('answers 415 for a charset it cannot read, and 400 for bytes that are not valid UTF-8', async () => {
    const { id } = await build.make('KEN', 'draft');
    const before = fingerprint(ctx);
    const body = JSON.stringify({ answers: [{ question: PLAIN[0]?.key, value: 'yes' }] });
    const unknown = expectProblem(await put(id, body, 'application/json; charset=klingon'), 415);
    expect(unknown.detail).toMatch(/klingon/);
    const latin1AsUtf8 = Buffer.from(
      JSON.stringify({ answers: [{ question: PLAIN[0]?.key, value: 'yes', comment: 'été' }] }),
      'latin1',
    );
    expectProblem(await put(id, latin1AsUtf8), 400);
    expectProblem(await put(id, latin1AsUtf8, 'application/json; charset=utf-8'), 400);
    expect(fingerprint(ctx)).toBe(before);
  });
});

describe('control characters in free text (issue 26, item 11)', () => {
  it.each([
    ['NUL in a comment', { comment: 'before\u0000after' }, 'body.answers[0].comment', 'U+0000'],
    ['ESC in a comment', { comment: '\u001b[31mred' }, 'body.answers[0].comment', 'U+001B'],
    [
      'a C1 control in an evidence title',
      { evidence: [{ title: 'Act\u0085 2024' }] },
      'body.answers[0].evidence[0].title',
      'U+0085',
    ],
    [
      'DEL in a citation',
      { evidence: [{ title: 'Act', citation: 'p.\u007f3' }] },
      'body.answers[0].evidence[0].citation',
      'U+007F',
    ],
  ])(
    'refuses %s with 400 naming the field and the character, storing nothing',
    async (_name, extra, path, char) => {
      const { id } = await build.make('KEN', 'draft');
      const before = fingerprint(ctx);
      const res = await put(id, { answers: [{ question: PLAIN[0]?.key, value: 'yes', ...extra }] });
      const body = expectProblem(res, 400);
      expect(body.errors).toEqual([{ path, message: expect.stringContaining(char) }]);
      expect(body.detail).toMatch(/control character/);
      expect(fingerprint(ctx)).toBe(before);
    },
  );

  it('refuses a control character in a return reason, in the caller’s language', async () => {
    const { id, etag } = await build.make('KEN', 'submitted');
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/return`,
      headers: { ...who.reviewer, 'if-match': etag, 'accept-language': 'fr' },
      payload: { reason: 'Citez la loi\u0000' },
    });
    const body = expectProblem(res, 400);
    expect(body.errors).toEqual([
      { path: 'body.reason', message: expect.stringMatching(/caractère de contrôle U\+0000/) },
    ]);
  });

  it('keeps tab, line feed and carriage return', async () => {
    const { id } = await build.make('KEN', 'draft');
    const comment = 'line one\r\nline two\tcolumn';
    const res = await put(id, { answers: [{ question: PLAIN[0]?.key, value: 'yes', comment }] });
    expect(res.statusCode, res.body).toBe(200);
    expect((await answersOf(id))[0]?.comment).toBe(comment);
  });
});
