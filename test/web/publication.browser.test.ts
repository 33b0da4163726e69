/// <reference lib="dom" />
/**
 * Publication in the web app (issue #28): on a validated assessment with one uploaded document,
 * the focal point opens the publication page, reads the preview of the public profile, ticks the
 * document, names the approving authority and approves; an administrator publishes; the portal
 * shows the profile with no token; the focal point withdraws it with a reason and the portal's
 * current URL answers 404. axe-core in en and fr and at 390 px; screenshots in en, fr and es.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import type { TestContext } from '../helper.ts';
import { V3 } from '../publication/support.ts';
import { haveChromium } from '../reports/browser.ts';
import { runAssessment } from '../workflow.ts';
import { axe, axeLog, launch, type Server, Session, shot, signInWithLink, startServer } from './harness.ts';

let server: Server;
let browser: Browser;
const focal = { role: 'focal_point', country: 'KEN', sub: 'amina' } as const;
const reviewer = { role: 'reviewer', sub: 'rita' } as const;
const admin = { role: 'admin', sub: 'ada' } as const;
const serious: string[] = [];
const AUTHORITY = 'Council of Ministers, decision 12/2026';

/** A one-page PDF. */
function pdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const auth = async (claims: object) => ({ authorization: `Bearer ${await server.token(claims as never)}` });

/** A validated 2.1.0 assessment of Kenya with one document uploaded while it was a draft. */
async function validatedWithDocument(period = '2026'): Promise<{ id: string; docId: string }> {
  const ctx = {
    app: server.app,
    config: server.config,
    dataDir: '',
    token: server.token,
    auth,
  } as TestContext;
  const answers = answerSet(migof(V3.version), 1);
  const { id } = await runAssessment(ctx, {
    focal: await auth(focal),
    country: 'KEN',
    period,
    framework: V3,
    answers,
    until: 'draft',
  });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(pdf())], { type: 'application/pdf' }), 'cabinet-decision.pdf');
  const upload = await fetch(`${server.url}/v1/assessments/${id}/documents`, {
    method: 'POST',
    headers: await auth(focal),
    body: form,
  });
  expect(upload.status, await upload.clone().text()).toBe(201);
  const docId = ((await upload.json()) as { id: string }).id;
  for (const [step, who] of [
    ['submit', focal],
    ['validate', reviewer],
  ] as const) {
    const current = await fetch(`${server.url}/v1/assessments/${id}`, { headers: await auth(who) });
    const res = await fetch(`${server.url}/v1/assessments/${id}/${step}`, {
      method: 'POST',
      headers: { ...(await auth(who)), 'if-match': current.headers.get('etag') ?? '' },
    });
    expect(res.status, await res.text()).toBe(200);
  }
  return { id, docId };
}

async function check(page: Page, name: string) {
  await shot(page, name);
  serious.push(...(await axe(page, name)).serious);
}

const flash = (page: Page) => page.locator('main .flash');

beforeAll(async () => {
  server = await startServer();
  if (haveChromium) browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  console.log(`axe-core:\n  ${axeLog.join('\n  ')}`);
  expect(serious).toEqual([]);
});

describe.skipIf(!haveChromium)('publication in the web app', () => {
  it('the focal point approves what the preview shows, an admin publishes, the focal point withdraws', {
    timeout: 240_000,
  }, async () => {
    const { id, docId } = await validatedWithDocument();
    const focalSession = await Session.open(browser);
    const { page } = focalSession;
    await signInWithLink(focalSession, server, focal);
    await page.goto(`${server.url}/#/a/${id}/report`);
    await page.locator('#publication-link').click();
    await page.locator('main h1', { hasText: 'publication' }).waitFor();
    await page.locator('#preview h3').waitFor();
    await expect
      .poll(() => page.locator('#preview-documents').textContent())
      .toBe('No document is made public.');
    expect(await page.locator('#preview').textContent()).toContain(
      'Areas with potential for further development',
    );
    await check(page, 'publication-en');

    for (const [lang, heading] of [
      ['fr', 'Approuver la publication'],
      ['es', 'Aprobar la publicación'],
    ] as const) {
      await page.selectOption('#language', lang);
      await page.locator('#pub-approve', { hasText: heading }).waitFor();
      await page.locator('#preview h3').waitFor();
      if (lang === 'fr') await check(page, 'publication-fr');
      else await shot(page, 'publication-es');
    }
    await page.selectOption('#language', 'en');
    await page.locator('#pub-approve', { hasText: 'Approve publication' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#preview h3').waitFor();
    await check(page, 'publication-390');
    await page.setViewportSize({ width: 1400, height: 1000 });

    // Without an authority the approval is refused in the person's language; then the document is chosen.
    await page.locator('#approve').click();
    await page.locator('#pub-message', { hasText: 'Enter the approving authority.' }).waitFor();
    await page.locator(`#public-${docId}`).check();
    await expect
      .poll(() => page.locator('#preview-documents').textContent())
      .toContain('cabinet-decision.pdf');
    await page.locator('#authority').fill(AUTHORITY);
    await page.locator('#approve').click();
    await flash(page).filter({ hasText: 'Publication approved.' }).waitFor();
    expect(await page.locator('#pub-approval').textContent()).toContain(AUTHORITY);

    const adminSession = await Session.open(browser);
    await signInWithLink(adminSession, server, admin);
    await adminSession.page.goto(`${server.url}/#/a/${id}/publication`);
    await adminSession.page.locator('#publish').click();
    await flash(adminSession.page).filter({ hasText: 'Profile published.' }).waitFor();
    expect(await adminSession.page.locator('#portal-link').getAttribute('href')).toBe('/profiles/KEN/2026');
    expect(await adminSession.page.locator('#pub-versions').textContent()).toContain('Published (current)');
    await check(adminSession.page, 'publication-published');

    // The portal page, with no token at all.
    const portal = await fetch(`${server.url}/profiles/KEN/2026`);
    const html = await portal.text();
    expect(portal.status).toBe(200);
    expect(html).toContain('Kenya');
    expect(html).toContain(AUTHORITY);
    expect(html).toContain('cabinet-decision.pdf');

    await page.reload();
    await page.locator('#withdraw').click();
    await page.locator('#pub-message', { hasText: 'Enter the reason for the withdrawal.' }).waitFor();
    await page.locator('#withdraw-reason').fill('Figures under revision by the statistics office');
    await page.locator('#withdraw').click();
    await flash(page).filter({ hasText: 'Profile withdrawn' }).waitFor();
    expect(await page.locator('#pub-versions').textContent()).toContain('Figures under revision');
    expect((await fetch(`${server.url}/profiles/KEN/2026`)).status).toBe(404);
    await shot(page, 'publication-withdrawn');
    expect(focalSession.refused).toEqual([]);
    await focalSession.context.close();
    await adminSession.context.close();
  });

  it('keeps the typed authority when the approval is refused, and says why in French', {
    timeout: 120_000,
  }, async () => {
    const { id } = await validatedWithDocument('2027');
    const session = await Session.open(browser, 'fr-FR');
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.selectOption('#language', 'fr');
    await page.goto(`${server.url}/#/a/${id}/publication`);
    await page.locator('#preview h3').waitFor();
    // Another focal point of the country approves first: the page's copy is now out of date.
    const other = { role: 'focal_point', country: 'KEN', sub: 'omar' };
    const current = await fetch(`${server.url}/v1/assessments/${id}`, { headers: await auth(other) });
    const first = await fetch(`${server.url}/v1/assessments/${id}/approve`, {
      method: 'POST',
      headers: {
        ...(await auth(other)),
        'content-type': 'application/json',
        'if-match': current.headers.get('etag') ?? '',
      },
      body: JSON.stringify({ authority: 'Cabinet' }),
    });
    expect(first.status).toBe(200);
    await page.locator('#authority').fill(AUTHORITY);
    await page.locator('#approve').click();
    await page.locator('#pub-message', { hasText: 'Échec de la précondition' }).waitFor();
    expect(await page.locator('#authority').inputValue()).toBe(AUTHORITY);
    await session.context.close();
  });
});
