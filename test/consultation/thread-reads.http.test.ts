/**
 * Unread counts beside each question: the threads summary of an assessment counts, per person,
 * the comments others made since that person last read the question's threads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Http, listeningApp, type Reply } from './http.ts';

let http: Http;
let focal: Record<string, string>;
let mol: Record<string, string>;
let id: string;

const ok = (res: Reply, status = 200) => {
  expect(res.status, res.body).toBe(status);
  return res;
};
const summary = async (who: Record<string, string>) =>
  ok(await http.call('GET', `/v1/assessments/${id}/threads`, who)).json;
const row = (s: { questions: { question: string }[] }, question: string) =>
  s.questions.find((q) => q.question === question);

beforeAll(async () => {
  http = await listeningApp();
  focal = await http.ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'amina' });
  mol = await http.ctx.auth({ role: 'contributor', country: 'KEN', ministry: 'MOL', sub: 'omar' });
  ok(await http.call('POST', '/v1/countries/KEN/ministries', focal, { code: 'MOL', name: 'Labour' }), 201);
  id = ok(await http.call('POST', '/v1/assessments', focal, { country: 'KEN', period: '2033' }), 201).json.id;
});

describe('unread counts of threads', () => {
  it('lists nothing while no question has comments', async () => {
    expect(await summary(focal)).toMatchObject({ assessmentId: id, questions: [], unread: 0 });
  });

  it('counts others’ comments as unread, never one’s own', async () => {
    const url = `/v1/assessments/${id}/questions/P1.1.1/comments`;
    const opened = ok(await http.call('POST', url, focal, { text: 'Which act?' }), 201).json;
    ok(await http.call('POST', url, mol, { text: 'The 2024 act', replyTo: opened.id }), 201);
    ok(
      await http.call('POST', `/v1/assessments/${id}/questions/P1.2.1/comments`, mol, { text: 'Done' }),
      201,
    );

    const forFocal = await summary(focal);
    expect(forFocal.questions.map((q: { question: string }) => q.question)).toEqual(['P1.1.1', 'P1.2.1']);
    expect(row(forFocal, 'P1.1.1')).toEqual({
      question: 'P1.1.1',
      threads: 1,
      open: 1,
      openRemarks: 0,
      comments: 2,
      unread: 1,
      lastReadAt: null,
    });
    expect(row(forFocal, 'P1.2.1')).toMatchObject({ comments: 1, unread: 1 });
    expect(forFocal.unread).toBe(2);

    const forMol = await summary(mol);
    expect(row(forMol, 'P1.1.1')).toMatchObject({ unread: 1 });
    expect(row(forMol, 'P1.2.1')).toMatchObject({ unread: 0 });
  });

  it('a read sets the question’s count to 0 for that person only, until someone comments again', async () => {
    const read = ok(await http.call('PUT', `/v1/me/reads/${id}/P1.1.1`, focal));
    expect(read.json).toMatchObject({ assessmentId: id, question: 'P1.1.1' });
    let forFocal = await summary(focal);
    expect(row(forFocal, 'P1.1.1')).toMatchObject({ unread: 0, lastReadAt: read.json.at });
    expect(row(forFocal, 'P1.2.1')).toMatchObject({ unread: 1 });
    expect(row(await summary(mol), 'P1.1.1')).toMatchObject({ unread: 1 });

    const url = `/v1/assessments/${id}/questions/P1.1.1/comments`;
    ok(await http.call('POST', url, mol, { text: 'See s. 12 too' }), 201);
    forFocal = await summary(focal);
    expect(row(forFocal, 'P1.1.1')).toMatchObject({ threads: 2, open: 2, comments: 3, unread: 1 });
  });

  it('resolving counts in the summary; reads of an unknown question or another country are refused', async () => {
    const threads = ok(await http.call('GET', `/v1/assessments/${id}/questions/P1.1.1/comments`, focal)).json
      .threads;
    ok(
      await http.call(
        'POST',
        `/v1/assessments/${id}/questions/P1.1.1/comments/${threads[0].id}/resolve`,
        focal,
      ),
    );
    expect(row(await summary(focal), 'P1.1.1')).toMatchObject({ threads: 2, open: 1 });

    expect((await http.call('PUT', `/v1/me/reads/${id}/Z9.9.9`, focal)).status).toBe(404);
    const other = await http.ctx.auth({ role: 'focal_point', country: 'UGA', sub: 'u' });
    expect((await http.call('GET', `/v1/assessments/${id}/threads`, other)).status).toBe(404);
    expect((await http.call('PUT', `/v1/me/reads/${id}/P1.1.1`, other)).status).toBe(404);
  });
});
