import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axe, launch, type Server, Session, signInWithLink, startServer } from './harness.ts';

/**
 * The admin's webhooks page (a subscription made, its secret shown once, disabled, its log) and a
 * person's e-mail choices, in English, French and Spanish, axe clean. Subscriptions are disabled
 * at once or point at a public address nothing connects to: this test sends no webhook.
 */

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('webhooks and e-mail choices in the web app', () => {
  it.each(['en-GB', 'fr-FR', 'es-ES'])(
    'an admin subscribes and sees the secret once (%s)',
    async (locale) => {
      const session = await Session.open(browser, locale);
      const { page } = session;
      const token = await signInWithLink(session, server, { role: 'admin', sub: `admin-${locale}` });
      await page.goto(`${server.url}/#/webhooks`);
      await page.locator('#wh-url').fill(`https://93.184.215.14/${locale}`);
      await page.locator('#wh-assessment\\.validated').check();
      await page.locator('form button[type=submit]').click();
      const secret = page.locator('code.secret');
      await secret.waitFor();
      expect(await secret.textContent()).toMatch(/^whsec_/);
      // Disabled at once: nothing is ever sent to that address.
      const row = page.locator('tbody tr', { hasText: `/${locale}` });
      await row.locator('button').nth(1).click();
      const list = await fetch(`${server.url}/v1/webhooks`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const hook = (
        (await list.json()) as { items: { url: string; enabled: boolean; events: string[] }[] }
      ).items.find((w) => w.url.endsWith(`/${locale}`));
      await expect
        .poll(async () => {
          const again = await fetch(`${server.url}/v1/webhooks`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const items = ((await again.json()) as { items: { url: string; enabled: boolean }[] }).items;
          return items.find((w) => w.url.endsWith(`/${locale}`))?.enabled;
        })
        .toBe(false);
      expect(hook?.events).toEqual(['assessment.validated']);
      await row.locator('button').first().click();
      await page.locator('main h2', { hasText: `/${locale}` }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(locale.slice(0, 2));
      const { serious } = await axe(page, `webhooks-${locale}`);
      expect(serious).toEqual([]);
      await session.context.close();
    },
  );

  it('a person turns one kind of e-mail off and keeps the others', async () => {
    const session = await Session.open(browser, 'fr-FR');
    const { page } = session;
    const claims = { role: 'focal_point', country: 'KEN', sub: 'awa', email: 'awa@ken.example' };
    const token = await signInWithLink(session, server, claims);
    await page.goto(`${server.url}/#/preferences`);
    await page.locator('#mail-validated').uncheck();
    await page.locator('#mail-language').selectOption('es');
    await page.locator('form button[type=submit]').click();
    await page.locator('p[role=status]', { hasText: 'Enregistré' }).waitFor();
    const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    const { preferences } = (await me.json()) as { preferences: { language: string; notifications: object } };
    expect(preferences.language).toBe('es');
    expect(preferences.notifications).toMatchObject({
      validated: 'off',
      assigned: 'immediate',
      remark: 'immediate',
    });
    const { serious } = await axe(page, 'preferences-fr');
    expect(serious).toEqual([]);
    await session.context.close();
  });
});
