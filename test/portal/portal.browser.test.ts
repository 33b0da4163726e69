/// <reference lib="dom" />
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../helper.ts';
import { actors, publish, validated } from '../publication/support.ts';
import { haveChromium } from '../reports/browser.ts';
import { axe, launch, type Server, Session, startServer } from '../web/harness.ts';

/**
 * The portal as the public reads it: in Chromium, with axe-core on each page in three languages,
 * and with JavaScript disabled (the portal is rendered on the server).
 */

const BASE = 'https://profiles.example.org';
let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({ PUBLIC_BASE_URL: BASE });
  const ctx = {
    app: server.app,
    auth: async (claims: Parameters<Server['token']>[0]) => ({
      authorization: `Bearer ${await server.token(claims)}`,
    }),
  } as unknown as TestContext;
  const who = await actors(ctx);
  const kenya = await validated(ctx, who, 'KEN', '2026', 1);
  await publish(ctx, who, kenya.id, 'KEN', kenya.etag);
  const france = await validated(ctx, who, 'FRA', '2026', 0.5);
  await publish(ctx, who, france.id, 'FRA', france.etag);
  // Validated, never published: never on the portal.
  await validated(ctx, who, 'GHA', '2026', 0);
  if (haveChromium) browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PAGES = ['/profiles/', '/profiles/KEN/2026', '/profiles/sdg-10-7-2?period=2026'];

describe.skipIf(!haveChromium)('the public portal in Chromium', () => {
  it('passes axe-core on every page in English, French and Spanish, within the strict CSP', async () => {
    const serious: string[] = [];
    for (const lang of ['en', 'fr', 'es']) {
      const session = await Session.open(browser, lang);
      for (const path of PAGES) {
        const url = `${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
        const res = await session.page.goto(url);
        expect(res?.status(), url).toBe(200);
        expect(await session.page.getAttribute('html', 'lang')).toBe(lang);
        serious.push(...(await axe(session.page, `${lang} ${path}`)).serious);
      }
      expect(session.refused, 'CSP refusals').toEqual([]);
      await session.context.close();
    }
    expect(serious).toEqual([]);
  });

  it('works with JavaScript disabled: the list by region, the profile, the chart and the not-a-ranking note', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/profiles/`);
    const text = (await page.textContent('main')) ?? '';
    expect(text).toContain('not a ranking');
    expect(text).toContain('Kenya');
    expect(text).not.toContain('Ghana');
    await page.click('text=Kenya, 2026');
    await page.waitForURL(/\/profiles\/KEN\/2026/);
    expect(await page.textContent('h1')).toContain('Kenya');
    const chart = await page.$eval('img.chart', (img) => (img as HTMLImageElement).naturalWidth);
    expect(chart).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('nav[aria-label="Languages"]')).toBe(false);
    await context.close();
  });
});

describe('the portal for search engines', () => {
  it('names canonical and hreflang URLs from PUBLIC_BASE_URL, never from the Host header', async () => {
    const res = await server.app.inject({
      url: '/profiles/KEN/2026?lang=fr',
      headers: { host: 'evil.example' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain(`<link rel="canonical" href="${BASE}/profiles/KEN/2026?lang=fr">`);
    for (const lang of ['en', 'fr', 'es'])
      expect(res.body).toContain(`hreflang="${lang}" href="${BASE}/profiles/KEN/2026?lang=${lang}"`);
    expect(res.body).not.toContain('evil.example');
    const sitemap = await server.app.inject({
      url: '/profiles/sitemap.xml',
      headers: { host: 'evil.example' },
    });
    expect(sitemap.body).toContain(`<loc>${BASE}/profiles/KEN/2026?lang=es</loc>`);
    expect(sitemap.body).not.toContain('GHA');
    expect(sitemap.body).not.toContain('evil.example');
  });

  it('answers 404 for a profile never published, and lists countries under their region, not by score', async () => {
    expect((await server.app.inject({ url: '/profiles/GHA/2026' })).statusCode).toBe(404);
    const index = (await server.app.inject({ url: '/profiles/?lang=en' })).body;
    const at = (word: string) => index.indexOf(word);
    expect(at('Africa')).toBeGreaterThan(-1);
    expect(at('Africa')).toBeLessThan(at('Kenya'));
    expect(at('Kenya')).toBeLessThan(at('Europe'));
    expect(at('Europe')).toBeLessThan(at('France'));
  });
});
