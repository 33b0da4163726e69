/**
 * What the consultation leaves in the report and in "what needs me": the profile (PDF) lists the
 * ministries consulted and what each answered, and /v1/me/tasks counts remarks and reviews.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import { type Http, listeningApp, type Reply } from './http.ts';

const havePoppler = existsSync('/usr/bin/pdftotext') || Boolean(process.env.CI);
const ANSWERS = answerSet(migof(), 1);
const MINE = ANSWERS.filter((a) => a.question.startsWith('P1.1.'));

let http: Http;
let focal: Record<string, string>;
let mol: Record<string, string>;
let reviewer: Record<string, string>;
let id: string;

const ok = (res: Reply, status = 200) => {
  expect(res.status, res.body).toBe(status);
  return res;
};

beforeAll(async () => {
  http = await listeningApp();
  focal = await http.ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'amina' });
  mol = await http.ctx.auth({ role: 'contributor', country: 'KEN', ministry: 'MOL', sub: 'omar' });
  reviewer = await http.ctx.auth({ role: 'reviewer', sub: 'rita' });
  const ministry = ok(
    await http.call('POST', '/v1/countries/KEN/ministries', focal, { code: 'MOL', name: 'Labour' }),
    201,
  ).json.id;
  id = ok(await http.call('POST', '/v1/assessments', focal, { country: 'KEN', period: '2034' }), 201).json.id;
  ok(
    await http.call('PUT', `/v1/assessments/${id}/assignments`, focal, {
      assignments: [{ scope: 'P1.1', lead: ministry }],
    }),
  );
  ok(await http.call('PUT', `/v1/assessments/${id}/answers`, mol, { answers: MINE }));
  const rest = ANSWERS.filter((a) => !a.question.startsWith('P1.1.'));
  ok(await http.call('PUT', `/v1/assessments/${id}/answers`, focal, { answers: rest }));
});

describe.skipIf(!havePoppler)('the profile (PDF)', () => {
  it.each([
    ['en', `Ministries consulted: Labour (MOL), ${MINE.length} answers:`],
    // pdftotext gives the narrow no-break space before a colon back as a space.
    ['fr', `Ministères consultés : Labour (MOL), ${MINE.length} réponses :`],
  ])('lists the ministries consulted and what each answered (%s)', async (language, expected) => {
    const address = http.ctx.app.server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${address.port}/v1/assessments/${id}/profile.pdf`, {
      headers: { ...focal, 'accept-language': language },
    });
    expect(res.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'migov-profile-')), 'profile.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(expected);
    expect(text).toContain(MINE.map((a) => a.question).join(', '));
  });
});

describe('what needs me, counted', () => {
  it('a reviewer counts the assessments waiting; the focal point and the ministry count the remarks', async () => {
    const before = ok(await http.call('GET', `/v1/assessments/${id}`, focal));
    ok(
      await http.call(
        'POST',
        `/v1/assessments/${id}/submit`,
        { ...focal, 'if-match': String(before.etag) },
        { reason: 'Labour signs off next week' },
      ),
    );
    const waiting = ok(await http.call('GET', '/v1/me/tasks', reviewer)).json;
    expect(waiting.counts).toEqual({ unanswered: 0, threads: 0, remarks: 0, reviews: 1 });
    const submitted = ok(await http.call('GET', `/v1/assessments/${id}`, reviewer));
    ok(
      await http.call(
        'POST',
        `/v1/assessments/${id}/return`,
        { ...reviewer, 'if-match': String(submitted.etag) },
        {
          reason: 'Two sources missing',
          remarks: [
            { question: 'P1.1.1', text: 'Cite the act' },
            { question: 'P3.1.1', text: 'Which agreements?' },
          ],
        },
      ),
    );
    expect(ok(await http.call('GET', '/v1/me/tasks', focal)).json.counts).toMatchObject({ remarks: 2 });
    // The ministry may resolve the remark on its own question only.
    const forMol = ok(await http.call('GET', '/v1/me/tasks', mol)).json;
    expect(forMol.counts).toMatchObject({ remarks: 1 });
    expect(forMol.assessments[0].remarks.map((r: { question: string }) => r.question)).toEqual(['P1.1.1']);
    expect(ok(await http.call('GET', '/v1/me/tasks', reviewer)).json.counts.reviews).toBe(0);
  });
});
