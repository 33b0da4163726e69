import { beforeAll, describe, expect, it } from 'vitest';
import { multipart, samplePdf } from '../documents/samples.ts';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';
import { type Actors, actors, V3 } from './support.ts';

let ctx: TestContext;
let who: Actors;
let chosen: string;
let kept: string;
const pdf = samplePdf();

beforeAll(async () => {
  ctx = await createTestApp({ LOG_LEVEL: 'error' });
  who = await actors(ctx);
  const focal = await who.focal('KEN');
  const answers = answerSet(migof(V3.version), 1);
  const { id } = await runAssessment(ctx, {
    focal,
    country: 'KEN',
    period: '2026',
    framework: V3,
    answers,
    until: 'draft',
  });
  const upload = async (name: string, bytes: Buffer, type: string) => {
    const part = multipart(name, bytes, type);
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/documents`,
      headers: { ...focal, 'content-type': part.contentType },
      payload: part.body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  chosen = await upload('migration-act.pdf', pdf, 'application/pdf');
  kept = await upload('internal-note.txt', Buffer.from('PRIVATE NOTE'), 'text/plain');
  let etag = String((await ctx.app.inject({ url: `/v1/assessments/${id}`, headers: focal })).headers.etag);
  for (const [step, auth, payload] of [
    ['submit', focal, undefined],
    ['validate', who.reviewer, undefined],
    ['approve', focal, { authority: 'Cabinet', publicDocuments: [chosen] }],
    ['publish', who.admin, undefined],
  ] as const) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/${step}`,
      headers: { ...auth, 'if-match': etag },
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
    etag = String(res.headers.etag);
  }
}, 120_000);

describe('the documents the government made public', () => {
  it('are listed in the profile and served as stored, with no token; the others are not', async () => {
    const profile = (await ctx.app.inject({ url: '/v1/public/profiles/KEN/2026' })).json();
    expect(profile.documents.map((d: { id: string }) => d.id)).toEqual([chosen]);
    for (const url of [
      `/v1/public/profiles/KEN/2026/documents/${chosen}`,
      `/v1/public/profiles/KEN/2026/versions/1/documents/${chosen}`,
    ]) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.rawPayload.equals(pdf)).toBe(true);
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
    expect((await ctx.app.inject({ url: `/v1/public/profiles/KEN/2026/documents/${kept}` })).statusCode).toBe(
      404,
    );
    const page = (await ctx.app.inject({ url: '/profiles/KEN/2026' })).body;
    expect(page).toContain('migration-act.pdf');
    expect(page).not.toContain('internal-note.txt');
  });
});
