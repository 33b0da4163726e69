/// <reference lib="dom" />
/**
 * The web app as people use it: a real server on loopback (buildApp on a temp DATA_DIR,
 * listening), Debian's Chromium driven by playwright-core, axe-core injected into each page.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { type Config, testConfig } from '../../src/config.ts';
import { signToken, type TokenClaims, tempDir } from '../helper.ts';
import { launch, shotsDir } from '../reports/browser.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Server {
  app: App;
  config: Config;
  url: string;
  token: (claims: TokenClaims, options?: Parameters<typeof signToken>[2]) => Promise<string>;
  close: () => Promise<void>;
}

export async function startServer(overrides: Partial<Config> = {}, port = 0): Promise<Server> {
  const dataDir = tempDir('migov-web-');
  const config = testConfig({
    DATA_DIR: dataDir,
    RATE_LIMIT_PER_MINUTE: 1_000_000,
    MAX_EVENT_LOOP_DELAY_MS: 600_000,
    ...overrides,
  });
  const app = await buildApp(config);
  await app.listen({ host: '127.0.0.1', port });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    config,
    url,
    token: (claims, options) => signToken(config, claims, options),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser whose pages record CSP refusals and API calls. */
export class Session {
  readonly refused: string[] = [];
  readonly calls: string[] = [];
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|Refused to/.test(text)) this.refused.push(text);
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/v1/'))
        this.calls.push(`${request.method()} ${url.pathname}${url.search}`);
    });
  }

  static async open(browser: Browser, locale = 'en-GB'): Promise<Session> {
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      locale,
      acceptDownloads: true,
    });
    return new Session(context, await context.newPage());
  }
}

export { launch };

/** Signs in with a link as printed by `npm run token -- --link`. */
export async function signInWithLink(session: Session, server: Server, claims: TokenClaims) {
  const token = await server.token(claims);
  await session.page.goto(`${server.url}/#token=${token}`);
  await session.page.locator('header .who').waitFor();
  await session.page.locator('main h1').waitFor();
  expect(session.page.url()).not.toContain('token=');
  return token;
}

/** axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays strict). */
export async function axe(page: Page, name: string): Promise<{ serious: string[]; total: number }> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time
    const axe = (window as any).axe;
    const r = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return r.violations.map(
      (v: { id: string; impact: string; nodes: { target: string[] }[]; help: string }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }),
    );
  });
  const serious = result
    .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v: { id: string; impact: string; help: string; targets: string[] }) =>
        `${name}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`,
    );
  axeLog.push(
    `${name}: ${result.length} violation(s)${result.length ? `: ${result.map((v: { id: string; impact: string }) => `${v.id} [${v.impact}]`).join(', ')}` : ''}`,
  );
  return { serious, total: result.length };
}
export const axeLog: string[] = [];

export async function shot(page: Page, name: string): Promise<string> {
  const path = join(shotsDir(), `web-${name}.png`);
  writeFileSync(path, await page.screenshot({ fullPage: true }));
  // What a person sees first, at full resolution.
  writeFileSync(join(shotsDir(), `web-${name}-top.png`), await page.screenshot());
  return path;
}
