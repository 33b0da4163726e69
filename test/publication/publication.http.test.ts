import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helper.ts';
import { type Actors, actors, currentEtag, publish, SECRETS, validated } from './support.ts';

let ctx: TestContext;
let who: Actors;
let published: { id: string; etag: string };
let unpublished: { id: string };

beforeAll(async () => {
  ctx = await createTestApp({ LOG_LEVEL: 'error' });
  who = await actors(ctx);
  published = await validated(ctx, who, 'KEN', '2026');
  // A private thread on a question, written while the assessment was still a draft elsewhere.
  unpublished = await validated(ctx, who, 'GHA', '2026', 0);
  published.etag = await publish(ctx, who, published.id, 'KEN', published.etag);
}, 120_000);

const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ url, headers });

describe('a published profile, read with no token', () => {
  it('is served over real HTTP in English, French and Spanish, CORS open and cacheable', async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const names: string[] = [];
    for (const lang of ['en', 'fr', 'es']) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/public/profiles/KEN/2026`, {
        headers: { 'accept-language': lang },
      });
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      expect(res.headers.get('content-language')).toBe(lang);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
      expect(body.language).toBe(lang);
      expect(body.version).toBe(1);
      expect(body.approval.authority).toBe('Council of Ministers, decision 12/2026');
      names.push(body.domains[0].title);
    }
    expect(new Set(names).size, names.join(' | ')).toBe(3);
    const version = await fetch(
      `http://127.0.0.1:${port}/v1/public/profiles/KEN/2026/versions/1/profile.pdf`,
    );
    expect(version.status).toBe(200);
    expect(version.headers.get('cache-control')).toContain('immutable');
    expect(
      Buffer.from(await version.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await ctx.app.server.close();
    await once(ctx.app.server, 'close').catch(() => undefined);
  });

  it('answers 304 to a conditional request, and private routes send no CORS header', async () => {
    const first = await get('/v1/public/profiles/KEN/2026/report.svg?lang=fr');
    expect(first.statusCode, first.body).toBe(200);
    const again = await get('/v1/public/profiles/KEN/2026/report.svg?lang=fr', {
      'if-none-match': String(first.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    const priv = await get(`/v1/assessments/${published.id}`, who.admin);
    expect(priv.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lists current publications, filtered by region and period, by cursor pages', async () => {
    const all = await get('/v1/public/profiles?limit=1');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().items.map((i: { country: string }) => i.country)).toEqual(['KEN']);
    expect(all.json().nextCursor).toBeNull();
    expect((await get('/v1/public/profiles?region=019')).json().items).toEqual([]);
    expect((await get('/v1/public/profiles?region=002&period=2026')).json().items).toHaveLength(1);
    expect((await get('/v1/public/profiles?period=2025')).json().items).toEqual([]);
  });

  it('counts 10.7.2 from current publications only', async () => {
    const res = await get('/v1/public/indicators/sdg-10-7-2?period=2026');
    expect(res.statusCode, res.body).toBe(200);
    // Ghana is validated but not published: only Kenya is counted.
    expect(res.json().world.total).toBe(1);
  });
});

describe('nothing private is ever public', () => {
  const publicUrls = (iso3: string, suffix = '') =>
    ['', '/profile.pdf', '/report.svg', '/data.csv'].flatMap((file) => [
      `/v1/public/profiles/${iso3}/2026${suffix}${file}`,
      `/v1/public/profiles/${iso3}/2026/versions/1${file}`,
    ]);

  it('holds no comment, thread, nor the name of anyone who typed, reviewed or published', async () => {
    // The private report does name them: the probe below looks for words that exist.
    const report = await get(`/v1/assessments/${published.id}/report`, who.admin);
    expect(report.body).toContain(SECRETS.reviewer);
    expect(report.body).toContain(SECRETS.focal);
    for (const url of [
      ...publicUrls('KEN'),
      '/v1/public/profiles',
      '/v1/public/indicators/sdg-10-7-2?period=2026',
    ]) {
      for (const lang of ['en', 'fr', 'es']) {
        const res = await get(url, { 'accept-language': lang });
        expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(200);
        const text = res.rawPayload.toString('latin1');
        for (const secret of Object.values(SECRETS)) expect(text, `${url} ${lang}`).not.toContain(secret);
      }
    }
    const json = (await get('/v1/public/profiles/KEN/2026')).json();
    for (const field of ['contributors', 'ministries', 'validatedBy', 'assessmentId', 'revision', 'gaps']) {
      expect(json, field).not.toHaveProperty(field);
    }
  });

  it('answers 404 for every route of an unpublished assessment and for a document never made public', async () => {
    for (const url of publicUrls('GHA')) expect((await get(url)).statusCode, url).toBe(404);
    expect((await get(`/v1/public/profiles/GHA/2026/documents/${unpublished.id}`)).statusCode).toBe(404);
    expect((await get(`/v1/public/profiles/KEN/2026/documents/${published.id}`)).statusCode).toBe(404);
    expect((await get('/v1/public/profiles?period=2026')).json().items).toHaveLength(1);
  });
});

describe('approval, publication and withdrawal', () => {
  it('need If-Match, the right role and a validated assessment, and are in the history', async () => {
    const focal = await who.focal('GHA');
    const noMatch = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${unpublished.id}/approve`,
      headers: focal,
      payload: { authority: 'Cabinet' },
    });
    expect(noMatch.statusCode).toBe(428);
    const etag = await currentEtag(ctx, who, unpublished.id);
    const notApproved = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${unpublished.id}/publish`,
      headers: { ...who.admin, 'if-match': etag },
    });
    expect(notApproved.statusCode, notApproved.body).toBe(409);
    const byAdmin = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${unpublished.id}/approve`,
      headers: { ...who.admin, 'if-match': etag },
      payload: { authority: 'Cabinet' },
    });
    expect(byAdmin.statusCode).toBe(403);
    const badDoc = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${unpublished.id}/approve`,
      headers: { ...focal, 'if-match': etag },
      payload: { authority: 'Cabinet', publicDocuments: ['0b9e0000-0000-4000-8000-000000000000'] },
    });
    expect(badDoc.statusCode, badDoc.body).toBe(422);
    const history = await get(`/v1/assessments/${published.id}/history`, who.admin);
    const types = history.json().events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['approved', 'published']));
  });

  it('a withdrawal shows on the current URL at once (404) and on every version (410); publishing again makes version 2', async () => {
    const focal = await who.focal('KEN');
    const withdrawn = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${published.id}/unpublish`,
      headers: { ...focal, 'if-match': await currentEtag(ctx, who, published.id) },
      payload: { reason: 'Figures under revision' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().versions[0]).toMatchObject({
      status: 'withdrawn',
      withdrawReason: 'Figures under revision',
    });
    expect((await get('/v1/public/profiles/KEN/2026')).statusCode).toBe(404);
    expect((await get('/v1/public/profiles/KEN/2026/versions/1')).statusCode).toBe(410);
    expect((await get('/v1/public/profiles/KEN/2026/versions/1/profile.pdf')).statusCode).toBe(410);
    expect((await get('/v1/public/profiles')).json().items).toEqual([]);
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${published.id}/publish`,
      headers: { ...who.admin, 'if-match': await currentEtag(ctx, who, published.id) },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect((await get('/v1/public/profiles/KEN/2026')).json().version).toBe(2);
    expect((await get('/v1/public/profiles/KEN/2026/versions/1')).statusCode).toBe(410);
  });
});
