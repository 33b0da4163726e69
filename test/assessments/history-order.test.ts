import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerItem, answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

// A person opening the history wants what just happened first, and each answer event must say
// what was answered, so that a client can write "answered P2.1.2: Yes" from the event alone.

let ctx: TestContext;
let focal: { authorization: string };
let id = '';
const framework = migof();
const answers = answerSet(framework, 1).slice(0, 12);

interface Event {
  id: number;
  type: string;
  question: string | null;
  before: { value: unknown } | null;
  after: { value: unknown } | null;
}

const get = (query: string) =>
  ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/history${query}`, headers: focal });

/** Every event, following the cursors page by page from `query`. */
async function all(query: string): Promise<{ events: Event[]; links: string[] }> {
  const events: Event[] = [];
  const links: string[] = [];
  let next: string | null = query;
  while (next !== null) {
    const res = await get(next);
    expect(res.statusCode, res.body).toBe(200);
    events.push(...(res.json().events as Event[]));
    if (res.headers.link) links.push(String(res.headers.link));
    const cursor = res.json().nextCursor as string | null;
    next = cursor === null ? null : `${query}&cursor=${cursor}`;
  }
  return { events, links };
}

beforeAll(async () => {
  ctx = await createTestApp();
  focal = await ctx.auth({ role: 'focal_point', country: 'GHA', sub: 'amina' });
  ({ id } = await runAssessment(ctx, { focal, country: 'GHA', period: '2040', answers: [], until: 'draft' }));
  // One batch per answer, so that each event has its own revision and place.
  for (const batch of answers.map((a): AnswerItem[] => [a])) {
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: batch },
    });
    expect(put.statusCode, put.body).toBe(200);
  }
});

describe('the history of an assessment', () => {
  it('opens on the newest event', async () => {
    const res = await get('');
    expect(res.statusCode, res.body).toBe(200);
    const events = res.json().events as Event[];
    expect(events[0]).toMatchObject({ type: 'answer_set', question: answers.at(-1)?.question });
    expect(events.at(-1)?.type).toBe('created');
    const ids = events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('gives oldest first with order=asc', async () => {
    const events = (await get('?order=asc')).json().events as Event[];
    expect(events[0]?.type).toBe('created');
    expect(events.at(-1)).toMatchObject({ type: 'answer_set', question: answers.at(-1)?.question });
  });

  it('pages through every event once in either order, the Link header keeping the order', async () => {
    const desc = await all('?limit=5');
    const asc = await all('?limit=5&order=asc');
    expect(desc.events).toHaveLength(answers.length + 1);
    expect(desc.events.map((e) => e.id)).toEqual(asc.events.map((e) => e.id).reverse());
    expect(desc.links.every((l) => l.includes('order=desc'))).toBe(true);
    expect(asc.links.every((l) => l.includes('order=asc'))).toBe(true);
  });

  it('says in each answer event which value was given', async () => {
    const events = (await get('?order=asc')).json().events as Event[];
    const byQuestion = new Map(events.map((e) => [e.question, e]));
    for (const answer of answers) {
      expect(byQuestion.get(answer.question)?.after?.value).toEqual(answer.value ?? null);
    }
  });

  it('refuses an order it does not know', async () => {
    expect((await get('?order=newest')).statusCode).toBe(400);
  });
});
