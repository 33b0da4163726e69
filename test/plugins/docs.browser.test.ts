/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * /docs and / as a person reaches them: the server listening on every interface, Chromium
 * loading the pages over plain http by the machine's own address (not loopback, where browsers
 * are lenient), and the checks made on the rendered page.
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { testConfig } from '../../src/config.ts';
import { tempDir } from '../helper.ts';
import { haveChromium, inkShare, launch, shotsDir } from '../reports/browser.ts';

/** The first non-internal IPv4 address, else loopback. */
const address =
  Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address ?? '127.0.0.1';

let app: Awaited<ReturnType<typeof buildApp>>;
let base = '';
let browser: Browser;
let page: Page;
const refused: string[] = [];

beforeAll(async () => {
  app = await buildApp(testConfig({ DATA_DIR: tempDir(), HOST: '0.0.0.0' }));
  await app.listen({ host: '0.0.0.0', port: 0 });
  base = `http://${address}:${(app.server.address() as AddressInfo).port}`;
  if (haveChromium) {
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // What would leave a page blank or broken: a script, style sheet or request refused. (Chromium
    // also logs that COOP is ignored on plain http, and Swagger UI sets a few style attributes
    // the policy refuses; neither changes what a person sees.)
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !/Cross-Origin-Opener-Policy|Applying inline style/.test(text))
        refused.push(text);
    });
    page.on('requestfailed', (request) => refused.push(`${request.url()}: ${request.failure()?.errorText}`));
  }
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('/docs over plain http', () => {
  it('sends no upgrade-insecure-requests', async () => {
    for (const path of ['/docs', '/docs/static/index.html', '/']) {
      const res = await app.inject({ method: 'GET', url: path });
      expect(String(res.headers['content-security-policy'] ?? ''), path).not.toContain(
        'upgrade-insecure-requests',
      );
    }
  });
});

describe.skipIf(!haveChromium)('/docs and / in Chromium', () => {
  it('renders the migov docs with every operation described', { timeout: 240_000 }, async () => {
    refused.length = 0;
    await page.goto(`${base}/docs`);
    await page.locator('.opblock').first().waitFor({ timeout: 15_000 });
    expect(await page.title()).toBe('migov API');
    await expect(page.locator('.info .title').textContent()).resolves.toContain('migov');
    await expect(page.locator('.info').textContent()).resolves.toContain('npm run token');
    const logo = await page.locator('.topbar img').getAttribute('src');
    expect(logo).toMatch(/^data:image\/svg\+xml/);
    const operations = await page.locator('.opblock').count();
    expect(operations).toBeGreaterThanOrEqual(20);
    // Every operation's responses, one at a time (all at once is slow to lay out on a loaded
    // machine): open it, wait for its responses, look for Swagger UI's placeholder, close it.
    for (let i = 0; i < operations; i++) {
      const block = page.locator('.opblock').nth(i);
      await block.locator('.opblock-summary-control').click();
      const responses = block.locator('.responses-wrapper');
      await responses.waitFor({ timeout: 20_000 });
      expect((await responses.textContent()) ?? '').not.toContain('Default Response');
      await block.locator('.opblock-summary-control').click();
    }
    const png = await page.screenshot({ fullPage: false });
    writeFileSync(join(shotsDir(), 'docs.png'), png);
    expect(await inkShare(page, png)).toBeGreaterThan(0.05);
    expect(refused, refused.join('\n')).toEqual([]);
  });

  it('pre-fills no assessment id in “Try it out”', { timeout: 60_000 }, async () => {
    await page.goto(`${base}/docs`);
    const block = page.locator('#operations-reports-getReport');
    await block.waitFor({ timeout: 15_000 });
    await block.locator('.opblock-summary-control').click();
    await block.getByRole('button', { name: 'Try it out' }).click();
    await expect(block.locator('input[placeholder="id"]').inputValue()).resolves.toBe('');
  });

  it('GET / serves the web app, signed out: how to sign in, in three languages', async () => {
    refused.length = 0;
    for (const [lang, heading] of [
      ['en', 'With a sign-in link'],
      ['fr', 'Avec un lien de connexion'],
      ['es', 'Con un enlace de acceso'],
    ] as const) {
      const res = await page.goto(`${base}/?lang=${lang}`);
      expect(res?.status()).toBe(200);
      await expect(page.locator('h2').first().textContent()).resolves.toBe(heading);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      // The style sheet applied (a file allowed by the CSP): the banner is dark.
      const banner = await page.evaluate(
        () => getComputedStyle(document.querySelector('header') as Element).backgroundColor,
      );
      expect(banner).toBe('rgb(17, 24, 39)');
    }
    writeFileSync(join(shotsDir(), 'landing.png'), await page.screenshot());
    await page.locator('a[href="/docs"]').click();
    await page.waitForURL(/\/docs/);
    expect(refused, refused.join('\n')).toEqual([]);
  });
});
