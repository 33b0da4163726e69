import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { HMGI_FEATURES, SEED_SOURCES } from '../../src/framework/framework.schema.ts';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';

let ctx: TestContext;
let headers: { authorization: string };
beforeAll(async () => {
  ctx = await createTestApp();
  headers = await ctx.auth({ role: 'viewer' });
});

interface Tree {
  key: string;
  version: string;
  methodology: { bands: { key: string; min: number }[] };
  domains: {
    key: string;
    kind: string;
    subdomains: {
      key: string;
      questions: {
        key: string;
        type: string;
        options?: { score: number }[];
        number?: { worst: number; best: number };
        sdgTargets: string[];
        hmgi: string;
        sources: string[];
        enableWhen?: { question: string };
      }[];
    }[];
  }[];
}

describe('GET /v1/frameworks', () => {
  it('lists migof 1.0.0, 2.0.0 and 2.1.0, 2.1.0 as the latest version', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/frameworks', headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ key: 'migof', version: '1.0.0', domains: 6, subdomains: 30, latest: false }),
      expect.objectContaining({ key: 'migof', version: '2.0.0', domains: 6, subdomains: 30, latest: false }),
      expect.objectContaining({ key: 'migof', version: '2.1.0', domains: 6, subdomains: 30, latest: true }),
    ]);
    expect(res.json().items[0].questions).toBeGreaterThanOrEqual(60);
  });

  it('serves the whole tree with every field of the design', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/frameworks/migof/1.0.0', headers });
    expect(res.statusCode, res.body).toBe(200);
    const tree = res.json() as Tree;
    expect(tree.domains.map((d) => [d.key, d.kind])).toEqual([
      ['P1', 'principle'],
      ['P2', 'principle'],
      ['P3', 'principle'],
      ['O1', 'objective'],
      ['O2', 'objective'],
      ['O3', 'objective'],
    ]);
    expect(tree.methodology.bands.map((b) => b.min)).toEqual([0, 40, 60, 80]);
    const questions = tree.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions));
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(questions.length).toBeLessThanOrEqual(120);
    for (const d of tree.domains) {
      expect(d.subdomains.map((s) => s.key)).toEqual([1, 2, 3, 4, 5].map((n) => `${d.key}.${n}`));
      for (const s of d.subdomains) {
        expect(s.questions.length).toBeGreaterThanOrEqual(2);
        expect(s.questions.length).toBeLessThanOrEqual(4);
      }
    }
    for (const q of questions) {
      expect(q.sdgTargets, q.key).toContain('10.7');
      if (q.type === 'number') expect(q.number, q.key).toBeDefined();
      else expect(q.options?.length, q.key).toBeGreaterThanOrEqual(2);
    }
    // Every feature of the 2015 composite-index proposal and every source document is used.
    expect(new Set(questions.map((q) => q.hmgi))).toEqual(new Set(HMGI_FEATURES));
    expect(new Set(questions.flatMap((q) => q.sources))).toEqual(new Set(SEED_SOURCES));
    for (const target of ['10.c', '8.8', '8.7', '5.2', '16.2', '3.c', '4.b', '17.18']) {
      expect(
        questions.some((q) => q.sdgTargets.includes(target)),
        target,
      ).toBe(true);
    }
    expect(new Set(questions.map((q) => q.type))).toEqual(
      new Set(['yes_no', 'yes_partial_no', 'scale', 'number']),
    );
    expect(questions.filter((q) => q.enableWhen).length).toBeGreaterThan(2);
  });

  it('serves 2.0.0 with number ranges, references and the 10.7.2 crosswalk', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/frameworks/migof/2.0.0', headers });
    expect(res.statusCode, res.body).toBe(200);
    const tree = res.json() as {
      methodology: { version: number; sdg1072?: { inPlaceMin: number; domains: { number: number }[] } };
      domains: {
        subdomains: {
          sdg1072?: unknown;
          questions: { number?: Record<string, unknown>; references?: string[] }[];
        }[];
      }[];
    };
    expect(tree.methodology.version).toBe(2);
    expect(tree.methodology.sdg1072?.domains.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const subdomains = tree.domains.flatMap((d) => d.subdomains);
    expect(subdomains).toHaveLength(30);
    for (const s of subdomains) {
      expect(s, 'sdg1072 on every sub-domain').toHaveProperty('sdg1072');
      expect(s.questions.length).toBeGreaterThanOrEqual(2);
      expect(s.questions.length).toBeLessThanOrEqual(5);
    }
    const questions = subdomains.flatMap((s) => s.questions);
    expect(questions.length).toBeGreaterThanOrEqual(90);
    expect(questions.length).toBeLessThanOrEqual(140);
    for (const q of questions.filter((x) => x.number)) {
      expect(q.number).toEqual(expect.objectContaining({ min: expect.any(Number), max: expect.any(Number) }));
      expect(typeof q.number?.integer).toBe('boolean');
    }
    expect(questions.some((q) => q.references?.includes('Palermo Protocol (trafficking)'))).toBe(true);
  });

  it('answers 404 for an unknown version and 401 without a token', async () => {
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/frameworks/migof/9.0.0', headers }), 404);
    expectProblem(await ctx.app.inject({ method: 'GET', url: '/v1/frameworks/migof/1.0.0' }), 401);
  });
});

describe('GET /v1/countries', () => {
  it('lists ISO 3166-1 alpha-3 codes with their M49 regions', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/countries', headers });
    expect(res.statusCode, res.body).toBe(200);
    const countries = res.json() as { iso3: string; region: string | null; m49: string }[];
    expect(countries.length).toBeGreaterThan(240);
    expect(countries.find((c) => c.iso3 === 'KEN')).toMatchObject({
      name: 'Kenya',
      m49: '404',
      region: 'Africa',
      subregion: 'Sub-Saharan Africa',
      intermediateRegion: 'Eastern Africa',
    });
    expect(countries.every((c) => /^[A-Z]{3}$/.test(c.iso3))).toBe(true);
  });
});

describe('GET /v1/frameworks/{key}/{version} compressed', () => {
  const get = (extra: Record<string, string>) =>
    ctx.app.inject({ method: 'GET', url: '/v1/frameworks/migof/2.0.0', headers: { ...headers, ...extra } });

  it('sends the questionnaire in brotli or gzip as the client accepts, each the same tree', async () => {
    const plain = await get({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get({ 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get({ 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(plain.body);
    // The numbers: ~70-80 KB sent where ~15 KB would do.
    expect(plain.rawPayload.length).toBeGreaterThan(60_000);
    expect(br.rawPayload.length).toBeLessThan(16_000);
    expect(gzip.rawPayload.length).toBeLessThan(20_000);
    for (const res of [plain, br, gzip]) {
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.headers['cache-control']).toBe('private, max-age=86400, immutable');
    }
  });

  it('gives each coding its own strong ETag and answers 304 to the one it was sent with', async () => {
    const tags = await Promise.all(
      ['identity', 'gzip', 'br'].map(
        async (coding) => (await get({ 'accept-encoding': coding })).headers.etag,
      ),
    );
    for (const tag of tags) expect(tag).toMatch(/^"[^"]+"$/);
    expect(new Set(tags).size).toBe(3);
    const [, gzipTag = '', brTag = ''] = tags as string[];
    const again = await get({ 'accept-encoding': 'br', 'if-none-match': brTag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    // A brotli tag says nothing about the gzip bytes.
    const other = await get({ 'accept-encoding': 'gzip', 'if-none-match': brTag });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).toBe(gzipTag);
  });

  it('has another ETag in another language', async () => {
    const en = await get({ 'accept-encoding': 'br' });
    const fr = await get({ 'accept-encoding': 'br', 'accept-language': 'fr' });
    expect(fr.headers['content-language']).toBe('fr');
    expect(fr.headers.etag).not.toBe(en.headers.etag);
  });
});
