/**
 * Lost updates over real HTTP: writers that read the same ETag race each other with If-Match.
 * Exactly one may win; every other one must be refused, and the history must hold the
 * winner's change only. `app.inject` would serialise the requests, so the app listens on a
 * real port and the writers are concurrent fetch calls released together.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../helper.ts';
import {
  type Builder,
  contractViolation,
  type Headers,
  type Made,
  type Principals,
  securityApp,
} from './support.ts';

const ROUNDS = 5;
const WRITERS = 8;
/** A number question (percent, 0 to 100): every writer can send a value of its own. */
const QUESTION = 'P2.4.2';

let ctx: TestContext;
let who: Principals;
let build: Builder;
let base: string;

beforeAll(async () => {
  ({ ctx, who, build } = await securityApp());
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on a TCP port');
  base = `http://127.0.0.1:${address.port}`;
  // createTestApp closes the app, and with it the server, after the file.
});

interface Answer {
  status: number;
  etag: string | null;
  body: string;
  headers: Record<string, string>;
}

async function call(method: string, path: string, headers: Headers, body?: unknown): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    body: text,
    headers: Object.fromEntries(res.headers),
  };
}

/** Starts every request before awaiting any, so they reach the server together. */
async function race(requests: (() => Promise<Answer>)[]): Promise<Answer[]> {
  return Promise.all(requests.map((send) => send()));
}

function expectOneWinner(answers: Answer[], loserStatuses: number[] = [412]) {
  const summary = answers.map((a) => `${a.status} ${a.body.slice(0, 200)}`).join('\n');
  const winners = answers.filter((a) => a.status >= 200 && a.status < 300);
  expect(winners.length, `exactly one writer must win:\n${summary}`).toBe(1);
  for (const loser of answers.filter((a) => a.status >= 300)) {
    expect(loserStatuses, summary).toContain(loser.status);
    expect(
      contractViolation({ statusCode: loser.status, headers: loser.headers, body: loser.body }),
      summary,
    ).toBeNull();
  }
  return { winner: winners[0] as Answer, index: answers.findIndex((a) => a.status < 300) };
}

interface HistoryEvent {
  revision: number;
  type: string;
  question: string | null;
  actor: string;
  after: Record<string, unknown> | null;
}

async function history(id: string): Promise<HistoryEvent[]> {
  const res = await call('GET', `/v1/assessments/${id}/history`, who.admin);
  expect(res.status, res.body).toBe(200);
  return (JSON.parse(res.body) as { events: HistoryEvent[] }).events;
}

const revisionOf = (etag: string) => Number(/^"r(\d+)"$/.exec(etag)?.[1]);

describe('two writers, one If-Match', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    `PUT answers, round %i: ${WRITERS} writers, one wins, the rest get 412, history holds the winner only`,
    async () => {
      const target: Made = await build.make('KEN', 'draft', 'full');
      const values = Array.from({ length: WRITERS }, (_, i) => 11 + i * 7);
      const answers = await race(
        values.map(
          (value, i) => () =>
            call(
              'PUT',
              `/v1/assessments/${target.id}/answers`,
              { ...(i % 2 ? who.focalKen : who.admin), 'if-match': target.etag },
              { answers: [{ question: QUESTION, value, comment: `writer ${i}` }] },
            ),
        ),
      );
      const { winner, index } = expectOneWinner(answers);
      const start = revisionOf(target.etag);
      expect(winner.etag).toBe(`"r${start + 1}"`);

      const events = (await history(target.id)).filter((e) => e.revision > start);
      expect(events, JSON.stringify(events)).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'answer_set',
        question: QUESTION,
        revision: start + 1,
        after: { value: values[index], comment: `writer ${index}` },
      });

      const stored = await call('GET', `/v1/assessments/${target.id}/answers`, who.admin);
      const answer = (
        JSON.parse(stored.body) as { answers: { question: string; value: unknown; comment: string }[] }
      ).answers.find((a) => a.question === QUESTION);
      expect(answer).toMatchObject({ value: values[index], comment: `writer ${index}` });
      expect(stored.etag).toBe(winner.etag);
    },
  );

  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    'submit, round %i: one submission, the other 412, one submitted event',
    async () => {
      const target = await build.make('KEN', 'draft', 'full');
      const answers = await race([
        () =>
          call('POST', `/v1/assessments/${target.id}/submit`, { ...who.focalKen, 'if-match': target.etag }),
        () => call('POST', `/v1/assessments/${target.id}/submit`, { ...who.admin, 'if-match': target.etag }),
      ]);
      const { winner } = expectOneWinner(answers);
      expect(JSON.parse(winner.body)).toMatchObject({ status: 'submitted' });
      const events = (await history(target.id)).filter((e) => e.revision > revisionOf(target.etag));
      expect(events.map((e) => e.type)).toEqual(['submitted']);
    },
  );

  it('return and validate of one submission by two reviewers: one decision, one event', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const target = await build.make('KEN', 'submitted');
      const second = await ctx.auth({ role: 'reviewer', sub: 'rex' });
      const answers = await race([
        () =>
          call(
            'POST',
            `/v1/assessments/${target.id}/return`,
            { ...who.reviewer, 'if-match': target.etag },
            { reason: 'No' },
          ),
        () => call('POST', `/v1/assessments/${target.id}/validate`, { ...second, 'if-match': target.etag }),
      ]);
      const { index } = expectOneWinner(answers);
      const events = (await history(target.id)).filter((e) => e.revision > revisionOf(target.etag));
      expect(events.map((e) => e.type)).toEqual([index === 0 ? 'returned' : 'validated']);
      const now = await call('GET', `/v1/assessments/${target.id}`, who.admin);
      expect(JSON.parse(now.body).status).toBe(index === 0 ? 'returned' : 'validated');
    }
  });

  it('an answer write racing a submission: one wins, the other is refused (412, or 409 once submitted)', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const target = await build.make('KEN', 'draft', 'full');
      const answers = await race([
        () =>
          call(
            'PUT',
            `/v1/assessments/${target.id}/answers`,
            { ...who.focalKen, 'if-match': target.etag },
            { answers: [{ question: QUESTION, value: 42 }] },
          ),
        () => call('POST', `/v1/assessments/${target.id}/submit`, { ...who.admin, 'if-match': target.etag }),
      ]);
      const { index } = expectOneWinner(answers, [409, 412]);
      const events = (await history(target.id)).filter((e) => e.revision > revisionOf(target.etag));
      expect(events.map((e) => e.type)).toEqual([index === 0 ? 'answer_set' : 'submitted']);
    }
  });

  it('a clear racing a change of the same answer: one wins, the history shows only that', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const target = await build.make('KEN', 'draft', 'full');
      const answers = await race([
        () =>
          call('DELETE', `/v1/assessments/${target.id}/answers/${QUESTION}`, {
            ...who.admin,
            'if-match': target.etag,
          }),
        () =>
          call(
            'PUT',
            `/v1/assessments/${target.id}/answers`,
            { ...who.focalKen, 'if-match': target.etag },
            { answers: [{ question: QUESTION, value: 42 }] },
          ),
      ]);
      const { index } = expectOneWinner(answers);
      const events = (await history(target.id)).filter((e) => e.revision > revisionOf(target.etag));
      expect(events.map((e) => e.type)).toEqual([index === 0 ? 'answer_cleared' : 'answer_set']);
    }
  });
});
