import { beforeAll, describe, expect, it } from 'vitest';
import { migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { type Actors, actors, publish, V3, validated } from './support.ts';

let ctx: TestContext;
let who: Actors;
let latest: string;

const FILES = ['', '/profile.pdf', '/report.svg', '/data.csv'];
const LANGS = ['en', 'fr', 'es'];

/** Every stored representation of a version, read as bytes. */
async function allBytes(url: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const file of FILES) {
    for (const lang of LANGS) {
      const res = await ctx.app.inject({ url: `${url}${file}?lang=${lang}` });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      out.set(`${file} ${lang}`, res.rawPayload);
    }
  }
  return out;
}

beforeAll(async () => {
  ctx = await createTestApp({ LOG_LEVEL: 'error' });
  who = await actors(ctx);
  const first = await validated(ctx, who, 'KEN', '2020', 0.5);
  await publish(ctx, who, first.id, 'KEN', first.etag);
  // Validated but never published: the public comparison must skip it.
  await validated(ctx, who, 'KEN', '2022', 0);
  const third = await validated(ctx, who, 'KEN', '2024', 1);
  latest = third.id;
  await publish(ctx, who, third.id, 'KEN', third.etag);
}, 180_000);

describe('the published snapshot', () => {
  it('compares with the previous published round, never with an unpublished one', async () => {
    const report = await ctx.app.inject({ url: `/v1/assessments/${latest}/report`, headers: who.admin });
    expect(report.json().comparison.period).toBe('2022');
    const profile = (await ctx.app.inject({ url: '/v1/public/profiles/KEN/2024' })).json();
    expect(profile.comparison).toMatchObject({ period: '2020', version: 1 });
    const svg = (await ctx.app.inject({ url: '/v1/public/profiles/KEN/2024/report.svg' })).body;
    expect(svg).toContain('2020');
    expect(svg).not.toContain('2022');
    expect(profile.narrative.join(' ')).not.toContain('2022');
  });

  it('stays byte-identical when the assessment’s framework gets a new version', async () => {
    const before = await allBytes('/v1/public/profiles/KEN/2024/versions/1');
    const framework = migof(V3.version);
    ctx.app.services.frameworks.publish({
      ...framework,
      version: '2.1.1',
      domains: framework.domains.map((d) => ({ ...d, title: `${d.title} (revised)` })),
    });
    // Dropped caches: what follows is read back from the database.
    ctx.app.services.publicProfiles.changed();
    const after = await allBytes('/v1/public/profiles/KEN/2024/versions/1');
    expect(after.size).toBe(12);
    for (const [key, bytes] of before) expect(after.get(key)?.equals(bytes), key).toBe(true);
    const current = await allBytes('/v1/public/profiles/KEN/2024');
    for (const [key, bytes] of before) expect(current.get(key)?.equals(bytes), key).toBe(true);
  });
});
