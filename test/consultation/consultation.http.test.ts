/**
 * The whole inter-ministerial consultation over real HTTP: ministries, assignments, three
 * contributors answering their parts at once, a refusal outside a part, threads, sign-off, a
 * return with remarks, resubmission blocked until they are resolved, validation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import { type Http, listeningApp, type Reply } from './http.ts';

const ANSWERS = answerSet(migof(), 1);
const PARTS = { MOL: 'P1.1', MOI: 'P1.2', MOH: 'O1.1' } as const;
type Code = keyof typeof PARTS;
const CODES = Object.keys(PARTS) as Code[];
const inPart = (scope: string) => ANSWERS.filter((a) => a.question.startsWith(`${scope}.`));

let http: Http;
let focal: Record<string, string>;
let reviewer: Record<string, string>;
const contributor: Partial<Record<Code, Record<string, string>>> = {};
const ministry: Partial<Record<Code, string>> = {};
let id: string;
let etag: string;

const ok = (res: Reply, status = 200) => {
  expect(res.status, res.body).toBe(status);
  return res;
};

beforeAll(async () => {
  http = await listeningApp();
  focal = await http.ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'amina' });
  reviewer = await http.ctx.auth({ role: 'reviewer', sub: 'rita' });
  for (const code of CODES) {
    contributor[code] = await http.ctx.auth({
      role: 'contributor',
      country: 'KEN',
      ministry: code,
      sub: `c-${code}`,
    });
  }
});

describe('the consultation of one assessment', () => {
  it('the focal point names three ministries, kept in the audit log', async () => {
    for (const code of CODES) {
      const res = ok(
        await http.call('POST', '/v1/countries/KEN/ministries', focal, {
          code,
          name: `Ministry ${code}`,
          contacts: [`${code.toLowerCase()}@gov.example`],
        }),
        201,
      );
      ministry[code] = res.json.id;
    }
    const dup = await http.call('POST', '/v1/countries/KEN/ministries', focal, {
      code: 'MOL',
      name: 'Again',
    });
    expect(dup.status, dup.body).toBe(409);
    const audit = ok(await http.call('GET', '/v1/countries/KEN/ministry-audit', focal));
    expect(audit.json.events.map((e: { type: string }) => e.type)).toEqual(['created', 'created', 'created']);
    const list = ok(await http.call('GET', '/v1/countries/KEN/ministries', contributor.MOL ?? {}));
    expect(list.json.items.map((m: { code: string }) => m.code)).toEqual(['MOH', 'MOI', 'MOL']);
  });

  it('refuses a token naming a ministry the country does not have (403 saying so)', async () => {
    const stranger = await http.ctx.auth({ role: 'contributor', country: 'KEN', ministry: 'MOX', sub: 'x' });
    const res = await http.call('GET', '/v1/assessments', stranger);
    expect(res.status, res.body).toBe(403);
    expect(res.json.detail).toContain('MOX');
  });

  it('a contributor may not open, assign, manage ministries or move the workflow (403)', async () => {
    const mol = contributor.MOL ?? {};
    const refused = [
      await http.call('POST', '/v1/assessments', mol, { country: 'KEN', period: '2039' }),
      await http.call('POST', '/v1/countries/KEN/ministries', mol, { code: 'MOZ', name: 'Z' }),
      await http.call('GET', '/v1/countries/KEN/ministry-audit', mol),
    ];
    for (const res of refused) expect(res.status, res.body).toBe(403);
  });

  it('the focal point opens an assessment and assigns the three parts', async () => {
    const created = ok(
      await http.call('POST', '/v1/assessments', focal, { country: 'KEN', period: '2031' }),
      201,
    );
    id = created.json.id;
    const res = ok(
      await http.call(
        'PUT',
        `/v1/assessments/${id}/assignments`,
        { ...focal, 'if-match': String(created.etag) },
        {
          assignments: CODES.map((code) => ({
            scope: PARTS[code],
            lead: ministry[code],
            contributors: code === 'MOH' ? [ministry.MOL] : [],
          })),
        },
      ),
    );
    etag = String(res.etag);
    const mol = res.json.ministries.find((m: { code: string }) => m.code === 'MOL');
    expect(mol).toMatchObject({
      assigned: inPart('P1.1').length + inPart('O1.1').length,
      answered: 0,
      ready: null,
    });
  });

  it('three contributors answer their parts at the same time, from the same ETag: all merged, none lost', async () => {
    const replies = await Promise.all(
      CODES.map((code) =>
        http.call(
          'PUT',
          `/v1/assessments/${id}/answers`,
          { ...(contributor[code] ?? {}), 'if-match': etag },
          { answers: inPart(PARTS[code]) },
        ),
      ),
    );
    for (const res of replies) ok(res);
    const merged = replies.flatMap((r) => r.json.mergedOver.map((m: { question: string }) => m.question));
    // Whoever came later was merged over what came before: at least the two later writers saw others' questions.
    expect(merged.length).toBeGreaterThan(0);
    const answers = ok(await http.call('GET', `/v1/assessments/${id}/answers`, focal)).json.answers;
    for (const code of CODES) {
      for (const item of inPart(PARTS[code])) {
        expect(answers.find((a: { question: string }) => a.question === item.question)).toMatchObject({
          value: item.value,
        });
      }
    }
    const history = ok(await http.call('GET', `/v1/assessments/${id}/history`, focal)).json.events;
    const set = history.filter((e: { type: string }) => e.type === 'answer_set');
    expect(set.find((e: { question: string }) => e.question.startsWith('P1.2.')).ministry).toBe(ministry.MOI);
  });

  it('refuses a contributor outside its part with 403 naming the question and its ministries', async () => {
    const res = await http.call('PUT', `/v1/assessments/${id}/answers`, contributor.MOL ?? {}, {
      answers: [{ question: 'P1.2.1', value: 'no' }],
    });
    expect(res.status, res.body).toBe(403);
    expect(res.json.question).toBe('P1.2.1');
    expect(res.json.assignedTo).toEqual(['MOI']);
    expect(res.json.detail).toContain('MOI');
    const unassigned = await http.call(
      'DELETE',
      `/v1/assessments/${id}/answers/P3.1.1`,
      contributor.MOH ?? {},
    );
    expect(unassigned.status, unassigned.body).toBe(403);
  });

  it('threads: a contributor opens one, another ministry replies, the assigned ministry resolves it', async () => {
    const url = `/v1/assessments/${id}/questions/P1.2.1/comments`;
    const first = ok(
      await http.call('POST', url, contributor.MOI ?? {}, { text: 'Is the 2024 Act in force?' }),
      201,
    );
    ok(
      await http.call('POST', url, contributor.MOL ?? {}, { text: 'Since March', replyTo: first.json.id }),
      201,
    );
    const refused = await http.call('POST', `${url}/${first.json.id}/resolve`, contributor.MOL ?? {});
    expect(refused.status, refused.body).toBe(403);
    ok(await http.call('POST', `${url}/${first.json.id}/resolve`, contributor.MOI ?? {}));
    const threads = ok(await http.call('GET', url, reviewer.authorization ? focal : focal)).json.threads;
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ resolved: true, resolvedBy: 'c-MOI' });
    expect(
      threads[0].comments.map((c: { author: string; ministry: string }) => [c.author, c.ministry]),
    ).toEqual([
      ['c-MOI', ministry.MOI],
      ['c-MOL', ministry.MOL],
    ]);
  });

  it('keeps a person record: claims, e-mail, preferences merged kind by kind', async () => {
    const mol = await http.ctx.auth({
      role: 'contributor',
      country: 'KEN',
      ministry: 'MOL',
      sub: 'c-MOL',
      email: 'lea@labour.example',
    });
    const me = ok(await http.call('GET', '/v1/me', mol)).json;
    expect(me).toMatchObject({
      sub: 'c-MOL',
      role: 'contributor',
      country: 'KEN',
      ministry: 'MOL',
      ministryId: ministry.MOL,
      email: 'lea@labour.example',
    });
    ok(
      await http.call('PATCH', '/v1/me/preferences', mol, {
        language: 'fr',
        notifications: { thread: 'daily' },
      }),
    );
    const after = ok(
      await http.call('PATCH', '/v1/me/preferences', mol, { notifications: { remark: 'off' } }),
    ).json;
    expect(after.preferences).toEqual({ language: 'fr', notifications: { thread: 'daily', remark: 'off' } });
  });

  it('tells who changed what on a question, and what changed since my last visit', async () => {
    const changes = ok(
      await http.call('GET', `/v1/assessments/${id}/questions/P1.2.1/changes`, contributor.MOL ?? {}),
    ).json.changes as { type: string; ministry: string | null; actor: string }[];
    expect(changes.map((c) => c.type)).toEqual([
      'answer_set',
      'comment_added',
      'comment_added',
      'thread_resolved',
    ]);
    expect(changes[0]).toMatchObject({ actor: 'c-MOI', ministry: ministry.MOI });

    ok(await http.call('PUT', `/v1/me/visits/${id}`, contributor.MOL ?? {}));
    const q = inPart('P1.2')[0];
    ok(
      await http.call('PUT', `/v1/assessments/${id}/answers`, contributor.MOI ?? {}, {
        answers: [{ ...q, comment: 'Revised' }],
      }),
    );
    const since = ok(
      await http.call('GET', `/v1/assessments/${id}/changes?since=visit`, contributor.MOL ?? {}),
    ).json;
    expect(since.questions).toEqual([
      expect.objectContaining({
        question: q?.question,
        actor: 'c-MOI',
        ministry: ministry.MOI,
        answer: true,
        threads: false,
      }),
    ]);
  });

  it('lists what needs me: a thread on my ministry’s question, the focal point’s unassigned questions', async () => {
    const url = `/v1/assessments/${id}/questions/P1.1.2/comments`;
    const opened = ok(await http.call('POST', url, focal, { text: 'Please add the decree' }), 201);
    const mine = ok(await http.call('GET', '/v1/me/tasks', contributor.MOL ?? {})).json;
    expect(mine.counts).toMatchObject({ threads: 1, unanswered: 0, reviews: 0 });
    expect(mine.assessments[0].threads).toEqual([{ question: 'P1.1.2', threadId: opened.json.id }]);
    const focalTasks = ok(await http.call('GET', '/v1/me/tasks', focal)).json;
    expect(focalTasks.counts.unanswered).toBeGreaterThan(0);
    expect(
      focalTasks.assessments[0].unanswered.every(
        (u: { question: string }) => !u.question.startsWith('P1.1.'),
      ),
    ).toBe(true);
    ok(await http.call('POST', url, contributor.MOL ?? {}, { text: 'Added', replyTo: opened.json.id }), 201);
    ok(await http.call('POST', `${url}/${opened.json.id}/resolve`, contributor.MOL ?? {}));
  });

  it('submission waits for every ministry, then each signs off its part', async () => {
    const rest = ANSWERS.filter((a) => !CODES.some((c) => a.question.startsWith(`${PARTS[c]}.`)));
    let res = ok(await http.call('PUT', `/v1/assessments/${id}/answers`, focal, { answers: rest }));
    res = await http.call('POST', `/v1/assessments/${id}/submit`, { ...focal, 'if-match': String(res.etag) });
    expect(res.status, res.body).toBe(409);
    expect(res.json.notReady.map((m: { code: string }) => m.code).sort()).toEqual(['MOH', 'MOI', 'MOL']);
    for (const code of CODES) {
      ok(
        await http.call(
          'POST',
          `/v1/assessments/${id}/ministries/${ministry[code]}/ready`,
          contributor[code] ?? {},
        ),
      );
    }
    const other = await http.call(
      'POST',
      `/v1/assessments/${id}/ministries/${ministry.MOI}/ready`,
      contributor.MOL ?? {},
    );
    expect(other.status, other.body).toBe(403);
    // A later change to MOH's part (where MOL contributes) withdraws both sign-offs; they sign off again.
    const q = inPart('O1.1')[0];
    const change = ok(
      await http.call('PUT', `/v1/assessments/${id}/answers`, contributor.MOH ?? {}, {
        answers: [{ ...q, comment: 'Checked again' }],
      }),
    );
    const view = ok(await http.call('GET', `/v1/assessments/${id}/assignments`, focal)).json;
    const readyOf = (code: string) => view.ministries.find((m: { code: string }) => m.code === code).ready;
    expect([readyOf('MOH'), readyOf('MOL')]).toEqual([null, null]);
    expect(readyOf('MOI')).toMatchObject({ by: 'c-MOI' });
    expect(change.status).toBe(200);
    ok(await http.call('POST', `/v1/assessments/${id}/ministries/${ministry.MOH}/ready`, focal));
    ok(
      await http.call(
        'POST',
        `/v1/assessments/${id}/ministries/${ministry.MOL}/ready`,
        contributor.MOL ?? {},
      ),
    );
    const now = ok(await http.call('GET', `/v1/assessments/${id}`, focal));
    ok(await http.call('POST', `/v1/assessments/${id}/submit`, { ...focal, 'if-match': String(now.etag) }));
  });

  it('a return with two remarks blocks resubmission (409 listing them) until both are resolved', async () => {
    const waiting = ok(await http.call('GET', '/v1/me/tasks', reviewer)).json;
    expect(waiting.reviews.map((r: { assessmentId: string }) => r.assessmentId)).toContain(id);
    let now = ok(await http.call('GET', `/v1/assessments/${id}`, reviewer));
    const returned = ok(
      await http.call(
        'POST',
        `/v1/assessments/${id}/return`,
        { ...reviewer, 'if-match': String(now.etag) },
        {
          reason: 'Two points to check',
          remarks: [
            { question: 'P1.1.1', text: 'Cite the act' },
            { question: 'P3.1.1', text: 'Which agreements?' },
          ],
        },
      ),
    );
    const blocked = await http.call('POST', `/v1/assessments/${id}/submit`, {
      ...focal,
      'if-match': String(returned.etag),
    });
    expect(blocked.status, blocked.body).toBe(409);
    expect(blocked.json.openRemarks.map((r: { question: string }) => r.question).sort()).toEqual([
      'P1.1.1',
      'P3.1.1',
    ]);

    for (const [question, who] of [
      ['P1.1.1', contributor.MOL],
      ['P3.1.1', focal],
    ] as const) {
      const url = `/v1/assessments/${id}/questions/${question}/comments`;
      const thread = ok(await http.call('GET', url, who ?? {})).json.threads[0];
      expect(thread).toMatchObject({ remark: true, resolved: false });
      ok(await http.call('POST', url, who ?? {}, { text: 'Done', replyTo: thread.id }), 201);
      ok(await http.call('POST', `${url}/${thread.id}/resolve`, who ?? {}));
    }
    const since = ok(await http.call('GET', `/v1/assessments/${id}/changes?since=review`, focal)).json;
    expect(since.questions.map((q: { question: string }) => q.question).sort()).toEqual(['P1.1.1', 'P3.1.1']);
    now = ok(await http.call('GET', `/v1/assessments/${id}`, focal));
    ok(await http.call('POST', `/v1/assessments/${id}/submit`, { ...focal, 'if-match': String(now.etag) }));
    now = ok(await http.call('GET', `/v1/assessments/${id}`, reviewer));
    ok(
      await http.call('POST', `/v1/assessments/${id}/validate`, {
        ...reviewer,
        'if-match': String(now.etag),
      }),
    );
  });

  it('keeps threads and assignments of a validated assessment read-only', async () => {
    const comment = await http.call('POST', `/v1/assessments/${id}/questions/P1.1.1/comments`, focal, {
      text: 'Late',
    });
    expect(comment.status, comment.body).toBe(409);
    const assign = await http.call('PUT', `/v1/assessments/${id}/assignments`, focal, { assignments: [] });
    expect(assign.status, assign.body).toBe(409);
  });

  it('the report lists the ministries consulted and what each answered; the CSV names the last ministry', async () => {
    const report = ok(await http.call('GET', `/v1/assessments/${id}/report`, focal)).json;
    const byCode = new Map(report.ministries.map((m: { code: string }) => [m.code, m]));
    expect([...byCode.keys()].sort()).toEqual(['MOH', 'MOI', 'MOL']);
    expect(byCode.get('MOI')).toMatchObject({
      answers: inPart('P1.2').length,
      questions: inPart('P1.2').map((a) => a.question),
    });
    const csv = ok(
      await http.call('GET', `/v1/assessments/${id}/report`, { ...focal, accept: 'text/csv' }),
    ).body;
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    const columns = (header ?? '').split(',');
    const ministryAt = columns.indexOf('ministry');
    expect(ministryAt).toBe(columns.length - 1);
    const row = rows.find((r) => r.split(',')[2] === 'P1.2.1') ?? '';
    expect(row.endsWith(',MOI')).toBe(true);
    const focalRow = rows.find((r) => r.split(',')[2] === 'P3.1.1') ?? '';
    expect(focalRow.endsWith(',')).toBe(true);
  });

  it('retires, never deletes, a ministry with answers on record; a retired ministry’s token is refused', async () => {
    const res = ok(await http.call('DELETE', `/v1/countries/KEN/ministries/${ministry.MOH}`, focal));
    expect(res.json).toMatchObject({ outcome: 'retired', ministry: { code: 'MOH', retired: true } });
    const refused = await http.call('GET', '/v1/me', contributor.MOH ?? {});
    expect(refused.status, refused.body).toBe(403);
    expect(refused.json.detail).toContain('retired');
    const spare = ok(
      await http.call('POST', '/v1/countries/KEN/ministries', focal, { code: 'MOT', name: 'Tourism' }),
      201,
    );
    const gone = ok(await http.call('DELETE', `/v1/countries/KEN/ministries/${spare.json.id}`, focal));
    expect(gone.json.outcome).toBe('deleted');
    const types = ok(await http.call('GET', '/v1/countries/KEN/ministry-audit', focal)).json.events.map(
      (e: { type: string }) => e.type,
    );
    expect(types.slice(-3)).toEqual(['retired', 'created', 'deleted']);
  });

  it('assigns an official 10.7.2 item (framework 2.1.0) like any question; unknown scopes are named', async () => {
    const created = ok(
      await http.call('POST', '/v1/assessments', focal, {
        country: 'KEN',
        period: '2032',
        framework: { key: 'migof', version: '2.1.0' },
      }),
      201,
    );
    const url = `/v1/assessments/${created.json.id}/assignments`;
    const res = ok(
      await http.call('PUT', url, focal, { assignments: [{ scope: 'S1072.1a', lead: ministry.MOL }] }),
    );
    expect(res.json.ministries).toEqual([expect.objectContaining({ code: 'MOL', assigned: 1 })]);
    const bad = await http.call('PUT', url, focal, {
      assignments: [{ scope: 'P9.9', lead: ministry.MOL }],
    });
    expect(bad.status, bad.body).toBe(400);
    expect(bad.json.errors).toEqual([expect.objectContaining({ path: 'body.assignments[0].scope' })]);
  });

  it('refuses (412) a write from before a state change, even to other questions', async () => {
    const created = ok(
      await http.call('POST', '/v1/assessments', focal, { country: 'KEN', period: '2033' }),
      201,
    );
    const put = ok(
      await http.call('PUT', `/v1/assessments/${created.json.id}/answers`, focal, { answers: ANSWERS }),
    );
    // No answer changes after this revision: only the submission and the return.
    const before = String(put.etag);
    ok(
      await http.call('POST', `/v1/assessments/${created.json.id}/submit`, {
        ...focal,
        'if-match': String(put.etag),
      }),
    );
    const stale = await http.call('GET', `/v1/assessments/${created.json.id}`, reviewer);
    ok(
      await http.call(
        'POST',
        `/v1/assessments/${created.json.id}/return`,
        { ...reviewer, 'if-match': String(stale.etag) },
        { reason: 'Again' },
      ),
    );
    const res = await http.call(
      'PUT',
      `/v1/assessments/${created.json.id}/answers`,
      { ...focal, 'if-match': before },
      { answers: [{ ...ANSWERS[0], comment: 'late' }] },
    );
    expect(res.status, res.body).toBe(412);
  });

  it('shows nothing of the consultation to another country (404)', async () => {
    const uga = await http.ctx.auth({ role: 'focal_point', country: 'UGA', sub: 'okello' });
    for (const path of [
      `/v1/assessments/${id}/assignments`,
      `/v1/assessments/${id}/questions/P1.1.1/comments`,
      '/v1/countries/KEN/ministries',
      '/v1/countries/KEN/ministry-audit',
    ]) {
      const res = await http.call('GET', path, uga);
      expect(res.status, `${path}: ${res.body}`).toBe(404);
    }
  });
});
