/// <reference lib="dom" />
/**
 * Nothing typed is lost (issue #26): a conflict on the same question while the person types, a
 * failed network, a refused answer among good ones, clearing an answer, decimal commas, a broken
 * link, and the focus after a refused submission. Chromium against a real server on loopback.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium } from '../reports/browser.ts';
import { axe, launch, type Server, Session, shot, signInWithLink, startServer } from './harness.ts';

let server: Server;
let browser: Browser;
const focal = { role: 'focal_point', country: 'KEN', sub: 'amina' } as const;
const focal2 = { role: 'focal_point', country: 'KEN', sub: 'omar' } as const;
let period = 2030;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const token = await server.token(focal2);
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function newAssessment(): Promise<string> {
  const res = await call('POST', '/v1/assessments', { country: 'KEN', period: String(period++) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function stored(id: string, key: string) {
  const res = await call('GET', `/v1/assessments/${id}/answers`);
  const body = (await res.json()) as {
    answers: { question: string; value: unknown; comment: string | null }[];
  };
  return body.answers.find((a) => a.question === key);
}

const block = (page: Page, key: string) => page.locator(`[id="q-${key}"]`);
const status = (page: Page) => page.locator('#save-status');

async function open(locale: string, id: string, domain: string): Promise<Session> {
  const session = await Session.open(browser, locale);
  await signInWithLink(session, server, focal);
  await session.page.goto(`${server.url}/#/a/${id}/d/${domain}`);
  await session.page.locator('.question').first().waitFor();
  return session;
}

beforeAll(async () => {
  server = await startServer();
  if (haveChromium) browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!haveChromium)('saving answers', () => {
  it('a colleague saves the same question while the person types: no keystroke is lost, focus stays', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const session = await open('en-GB', id, 'P1');
    const { page } = session;
    const q = block(page, 'P1.1.1');
    const options = q.locator('input[type="radio"]');
    // The colleague saves P1.1.1 first; this tab still has the revision before it.
    const theirs = await call('PUT', `/v1/assessments/${id}/answers`, {
      answers: [{ question: 'P1.1.1', value: await options.nth(0).getAttribute('value') }],
    });
    expect(theirs.status).toBe(200);
    await options.nth(1).check();
    const comment = page.locator('[id="c-P1.1.1"]');
    await comment.click();
    // The save of the choice meets the 412 while these keys are typed.
    await page.keyboard.type('The first half of the sentence', { delay: 40 });
    await page.getByRole('heading', { name: 'Someone else saved this answer first' }).waitFor();
    await page.keyboard.type(' and the rest of it.', { delay: 20 });
    await expect(comment.inputValue()).resolves.toBe('The first half of the sentence and the rest of it.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('c-P1.1.1');
    // Not saved until the person chooses: the server holds the colleague's answer.
    await expect(status(page).textContent()).resolves.not.toBe('All changes saved');
    await shot(page, 'conflict-typing');
    expect((await axe(page, 'conflict-typing')).serious).toEqual([]);
    await page.getByRole('button', { name: 'Keep my version' }).click();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    expect((await stored(id, 'P1.1.1'))?.comment).toBe('The first half of the sentence and the rest of it.');
    await session.context.close();
  });

  it('a save that fails is retried and shown as not saved; a reload in the tab keeps what was typed', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const session = await open('en-GB', id, 'P1');
    const { page } = session;
    let fail = true;
    await page.route('**/v1/assessments/*/answers', (route) =>
      fail && route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue(),
    );
    await block(page, 'P1.1.1').locator('input[type="radio"]').first().check();
    await status(page).filter({ hasText: 'Not saved' }).waitFor();
    // Leaving now would lose the answer: the page asks first. The person confirms a reload in the
    // same tab: the unsaved answer comes back, from sessionStorage only, and is saved once the
    // network is back.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    await block(page, 'P1.1.1').waitFor();
    await expect(block(page, 'P1.1.1').locator('input[type="radio"]').first().isChecked()).resolves.toBe(
      true,
    );
    await status(page).filter({ hasText: 'Not saved' }).waitFor();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('unsaved')))).toEqual(
      [],
    );
    fail = false;
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    expect(await stored(id, 'P1.1.1')).toBeTruthy();
    await session.context.close();
  });

  it('an answer the server refuses shows its message beside it, in French, and the others are saved', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const session = await open('fr-FR', id, 'P1');
    const { page } = session;
    await page.locator('[id="in-P1.1.2"]').fill('9');
    await page.locator('[id="err-P1.1.2"]').filter({ hasText: 'attend un nombre de 0 à 5' }).waitFor();
    await block(page, 'P1.1.1').locator('input[type="radio"]').first().check();
    await expect.poll(() => stored(id, 'P1.1.1'), { timeout: 20_000 }).toBeTruthy();
    expect(await stored(id, 'P1.1.2')).toBeUndefined();
    await expect(status(page).textContent()).resolves.not.toContain('Toutes les modifications');
    // Corrected, it is saved like the rest.
    await page.locator('[id="in-P1.1.2"]').fill('4');
    await status(page).filter({ hasText: 'Toutes les modifications sont enregistrées' }).waitFor();
    expect((await stored(id, 'P1.1.2'))?.value).toBe(4);
    await session.context.close();
  });

  it('reads "6,5" in French as 6.5, refuses "1.234", and clearing a number removes the answer', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const session = await open('fr-FR', id, 'O1');
    const { page } = session;
    const input = page.locator('[id="in-O1.4.1"]');
    await input.fill('6,5');
    await status(page).filter({ hasText: 'Toutes les modifications sont enregistrées' }).waitFor();
    expect((await stored(id, 'O1.4.1'))?.value).toBe(6.5);
    await input.fill('1.234');
    await page.locator('[id="err-O1.4.1"]').filter({ hasText: '6,5' }).waitFor();
    expect((await stored(id, 'O1.4.1'))?.value).toBe(6.5);
    await input.fill('');
    await status(page).filter({ hasText: 'Toutes les modifications sont enregistrées' }).waitFor();
    expect(await stored(id, 'O1.4.1')).toBeUndefined();
    await session.context.close();
  });

  it('a broken link shows "not found"; the skip link shows when focused; a refused submit focuses the blockers', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const session = await open('en-GB', id, 'P1');
    const { page } = session;
    await page.goto(`${server.url}/#/a/%E0%A4%A/report`);
    await page.getByText('There is no such assessment').waitFor();
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await skip.focus();
    const colours = await skip.evaluate((a) => {
      const style = getComputedStyle(a);
      return [style.color, style.backgroundColor, a.getBoundingClientRect().top];
    });
    expect(colours[0]).not.toBe(colours[1]);
    expect(colours[2]).toBeGreaterThanOrEqual(0);
    await page.goto(`${server.url}/#/a/${id}/d/P1`);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.locator('#submit-message .missing').waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('#submit-message') !== null)).toBe(true);
    await session.context.close();
  });
});

describe.skipIf(!haveChromium)('tabs of one browser', () => {
  it('a new tab gets the session from an open one, and signing out signs every tab out', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const session = await open('en-GB', id, 'P1');
    // The report opened in a new tab (a pasted link): no new sign-in link is asked for.
    const other = await session.context.newPage();
    await other.goto(`${server.url}/#/a/${id}/report`);
    await other.getByRole('heading', { level: 1, name: /: report$/ }).waitFor();
    expect(other.url()).not.toContain('token');
    const stores = await other.evaluate(() => [Object.keys(localStorage), document.cookie]);
    expect(JSON.stringify(stores)).not.toContain('token');
    await other.getByRole('button', { name: 'Sign out' }).click();
    await other.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await session.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await session.page.evaluate(() => sessionStorage.getItem('migov.token'))).toBeNull();
    await session.context.close();
  });
});

interface Q {
  key: string;
  type: string;
  enableWhen?: unknown;
  options?: { value: string; score: number }[];
  number?: { best: number };
}

/**
 * Answers every question through the API (best option, evidence everywhere) and submits. With
 * `bare`, the first question with an option scoring 0 gets that option and no evidence (none is
 * asked for then); its key is returned.
 */
async function submitted(id: string, bare = false): Promise<string> {
  const assessment = (await (await call('GET', `/v1/assessments/${id}`)).json()) as {
    framework: { key: string; version: string };
  };
  const { key, version } = assessment.framework;
  const tree = (await (await call('GET', `/v1/frameworks/${key}/${version}`)).json()) as {
    domains: { subdomains: { questions: Q[] }[] }[];
    sdg1072?: { domains: { items: Q[] }[] };
  };
  // From 2.1.0 the official 10.7.2 items are answered too.
  const answers: Q[] = [
    ...tree.domains.flatMap((d) => d.subdomains.flatMap((sd) => sd.questions)),
    ...(tree.sdg1072?.domains.flatMap((d) => d.items) ?? []),
  ];
  // Evidence is asked for positive answers only: the bare one gets an option that scores 0.
  const nil = (q: Q) => q.options?.find((o) => o.score === 0)?.value;
  const plain = bare ? (answers.find((q) => !q.enableWhen && nil(q) !== undefined)?.key ?? '') : '';
  const items = answers.map((q) =>
    q.key === plain
      ? { question: q.key, value: nil(q), evidence: [] }
      : {
          question: q.key,
          value:
            q.type === 'number'
              ? q.number?.best
              : [...(q.options ?? [])].sort((a, b) => b.score - a.score)[0]?.value,
          evidence: [{ title: `Evidence for ${q.key}` }],
        },
  );
  const put = await call('PUT', `/v1/assessments/${id}/answers`, { answers: items });
  expect(put.status, await put.clone().text()).toBe(200);
  const submit = await call(
    'POST',
    `/v1/assessments/${id}/submit`,
    {},
    { 'if-match': put.headers.get('etag') ?? '' },
  );
  expect(submit.status, await submit.clone().text()).toBe(200);
  return plain;
}

describe.skipIf(!haveChromium)('screens true to the server', () => {
  it('the blockers follow the answers; a colleague’s answer and submission show when the person comes back', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const session = await open('en-GB', id, 'P1');
    const { page } = session;
    await page.getByText('Show the list').click();
    const blocker = page.locator('.blockers a', { hasText: /^P1\.1\.1 not answered/ });
    await blocker.waitFor();
    await block(page, 'P1.1.1').locator('input[type="radio"]').first().check();
    await blocker.waitFor({ state: 'detached' });
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    // Back to the tab with nothing changed: one conditional GET, answered 304 without a body.
    const unchanged = page.waitForResponse(
      (r) => r.request().method() === 'GET' && new URL(r.url()).pathname === `/v1/assessments/${id}`,
    );
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect((await unchanged).status()).toBe(304);
    // A colleague answers another question; the person comes back to the tab.
    const second = block(page, 'P1.1.3').locator('input[type="radio"]').first();
    const put = await call('PUT', `/v1/assessments/${id}/answers`, {
      answers: [{ question: 'P1.1.3', value: await second.getAttribute('value') }],
    });
    expect(put.status).toBe(200);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect.poll(() => second.isChecked(), { timeout: 10_000 }).toBe(true);
    // The colleague completes and submits: the page turns read-only without a reload.
    await submitted(id);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.getByText('This assessment cannot be changed now').waitFor();
    await session.context.close();
  });

  it('a returned assessment stays on the reviewer’s home page', { timeout: 120_000 }, async () => {
    const id = await newAssessment();
    await submitted(id);
    const token = await server.token({ role: 'reviewer', sub: 'rita' } as never);
    const etag = (await call('GET', `/v1/assessments/${id}`)).headers.get('etag') ?? '';
    const back = await fetch(`${server.url}/v1/assessments/${id}/return`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify({ reason: 'Evidence for P1.1.1 is missing a date.' }),
    });
    expect(back.status, await back.clone().text()).toBe(200);
    const session = await Session.open(browser);
    await signInWithLink(session, server, { role: 'reviewer', sub: 'rita' } as never);
    const section = session.page.locator('table', {
      has: session.page.locator('caption', { hasText: 'Returned to the focal point' }),
    });
    await section.locator(`a[href="#/a/${id}/report"]`).waitFor();
    await session.context.close();
  });
});

describe.skipIf(!haveChromium)('country names and read-only answers', () => {
  it('names the country in the person’s language in the header and the titles, with no request for it', {
    timeout: 120_000,
  }, async () => {
    const cod = { role: 'focal_point', country: 'COD', sub: 'dina' } as const;
    const created = await fetch(`${server.url}/v1/assessments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await server.token(cod)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ country: 'COD', period: '2026' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const session = await Session.open(browser, 'fr-FR');
    const { page } = session;
    await signInWithLink(session, server, cod);
    await page
      .getByRole('heading', { level: 1, name: /^Évaluations\s: République démocratique du Congo$/ })
      .waitFor();
    await expect(page.locator('header .who').textContent()).resolves.toContain(
      'République démocratique du Congo',
    );
    await page.goto(`${server.url}/#/a/${id}`);
    await page
      .getByRole('heading', { level: 1, name: /^République démocratique du Congo 2026\s:\squestionnaire$/ })
      .waitFor();
    await page.locator('#language').selectOption('es');
    await page
      .getByRole('heading', { level: 1, name: 'República Democrática del Congo 2026: cuestionario' })
      .waitFor();
    await expect(page.locator('header .who').textContent()).resolves.toContain(
      'República Democrática del Congo',
    );
    await page.goto(`${server.url}/#/a/${id}/consultation`);
    await page.getByRole('heading', { level: 1, name: /^República Democrática del Congo 2026/ }).waitFor();
    // The names come with the app: no page asked the API for the country list.
    expect(session.calls.filter((call) => call === 'GET /v1/countries')).toEqual([]);
    await session.context.close();
  });

  it('an answer without evidence shows no stray "0" once the assessment is read-only', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const key = await submitted(id, true);
    expect(key).not.toBe('');
    const session = await open('en-GB', id, key.split('.')[0] as string);
    const readonly = block(session.page, key).locator('.readonly');
    await readonly.waitFor();
    // A count of 0 rendered as a child would be a bare text node "0" under the answer.
    const loose = await readonly.evaluate((element) =>
      [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent),
    );
    expect(loose).toEqual([]);
    await expect(readonly.locator('ul').count()).resolves.toBe(0);
    await session.context.close();
  });
});

describe.skipIf(!haveChromium)('history and downloads', () => {
  it('the history tells the values an answer changed from and to; the 10.7.2 aggregate downloads as CSV', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const session = await open('en-GB', id, 'P1');
    const { page } = session;
    const radios = block(page, 'P1.1.1').locator('input[type="radio"]');
    const labels = block(page, 'P1.1.1').locator('.option label');
    await radios.nth(0).check();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    await radios.nth(1).check();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    const [first, second] = [await labels.nth(0).textContent(), await labels.nth(1).textContent()];
    await page.goto(`${server.url}/#/a/${id}/report`);
    // Newest first: the last change heads the list, with the values as a person reads them.
    const latest = page.locator('.events li').first();
    await page.locator('.events li', { hasText: `from ${first} to ${second}` }).waitFor();
    await expect(latest.textContent()).resolves.toContain(`answered P1.1.1: from ${first} to ${second}`);
    await page.goto(`${server.url}/#/indicators`);
    await page.getByRole('button', { name: 'Download the table (CSV)' }).waitFor();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the table (CSV)' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^sdg-10-7-2-\d{4}\.csv$/);
    expect(await axe(page, 'indicators-csv')).toMatchObject({ serious: [] });
    await session.context.close();
  });
});

/** Whether the element is wholly on a 390 × 844 screen (after scrolling to it, with `scroll`). */
async function onPhoneScreen(page: Page, selector: string, scroll = false): Promise<boolean> {
  const target = page.locator(selector).first();
  // A long list: the row is scrolled to, as a person would; it must not need a sideways scroll.
  if (scroll) await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  return box !== null && box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844;
}

/** The tables that hide a column behind a sideways scroll in their box, by their label. */
const hiddenColumns = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.scroll')]
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => box.getAttribute('aria-label')),
  );

describe.skipIf(!haveChromium)('on a phone (390 px)', () => {
  it('keeps the links, the first question and the save status on the screen', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const session = new Session(context, await context.newPage());
    const { page } = session;
    const onScreen = (selector: string, scroll = false) => onPhoneScreen(page, selector, scroll);
    await signInWithLink(session, server, focal);
    await page.locator(`a[href="#/a/${id}"]`).waitFor();
    await shot(page, 'phone-home');
    expect(await onScreen(`a[href="#/a/${id}"]`, true), 'Answer link').toBe(true);
    expect(await onScreen(`a[href="#/a/${id}/report"]`, true), 'Report link').toBe(true);
    await page.goto(`${server.url}/#/a/${id}/d/P1`);
    await page.locator('.question').first().waitFor();
    const first = await page.locator('.question').first().boundingBox();
    expect(first?.y ?? 9999).toBeLessThan(844);
    await block(page, 'P1.1.1').locator('input[type="radio"]').first().check();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    expect(await onScreen('#save-status'), 'save status').toBe(true);
    // Nothing pushes the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'phone-questionnaire');
    expect((await axe(page, 'phone-questionnaire')).serious).toEqual([]);
    await page.goto(`${server.url}/#/a/${id}/report`);
    await page.locator('.events li').first().waitFor();
    await shot(page, 'phone-report');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await hiddenColumns(page)).toEqual([]);
    await page.goto(`${server.url}/#/a/${id}/consultation`);
    await page.locator('main h2').first().waitFor();
    await shot(page, 'phone-consultation');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await hiddenColumns(page)).toEqual([]);
    await context.close();
  });

  it('the reviewer’s desk fits, in English, French and Spanish', { timeout: 180_000 }, async () => {
    const id = await newAssessment();
    await submitted(id);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const session = new Session(context, await context.newPage());
    const { page } = session;
    await signInWithLink(session, server, { role: 'reviewer', sub: 'rita' } as never);
    for (const lang of ['en', 'fr', 'es']) {
      await page.locator('#language').selectOption(lang);
      await page.goto(`${server.url}/#/a/${id}/review`);
      await page.locator('#return-reason').waitFor();
      await page.locator('.answers details').first().waitFor();
      await shot(page, `phone-review-${lang}`);
      // Nothing pushes the page sideways; each part is whole on the screen once scrolled to.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), lang).toBeLessThanOrEqual(390);
      for (const selector of [
        'main h1',
        '#return-reason',
        '#return',
        '#validate',
        '.answers summary',
        '.answers dd',
      ])
        expect(await onPhoneScreen(page, selector, true), `${lang} ${selector}`).toBe(true);
      // Every column of the report's tables is on the screen, the 10.7.2 warnings among them.
      expect(await hiddenColumns(page), lang).toEqual([]);
      // French puts a narrow no-break space before a colon, in text the page joins too.
      const caption = await page.locator('table.sdg1072-items caption').first().textContent();
      expect(caption, lang).toMatch(lang === 'fr' ? /\S\u202f: \d/ : /\S: \d/);
      expect((await axe(page, `phone-review-${lang}`)).serious, lang).toEqual([]);
    }
    await page.goto(`${server.url}/#/indicators`);
    await page.locator('main table').first().waitFor();
    await shot(page, 'phone-indicators');
    // Its wide tables (a column per category) scroll in their own box; the page itself does not.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});

describe.skipIf(!haveChromium)('the official 10.7.2 items (framework 2.1.0)', () => {
  it('show the official note, the crosswalk suggestion and a warning when the answer differs', {
    timeout: 120_000,
  }, async () => {
    const id = await newAssessment();
    // P1.2.1 answered "essential": the crosswalk suggests "yes_all" for S1072.1a.
    const put = await call('PUT', `/v1/assessments/${id}/answers`, {
      answers: [{ question: 'P1.2.1', value: 'essential', evidence: [{ title: 'Health Act' }] }],
    });
    expect(put.status, await put.clone().text()).toBe(200);
    const session = await open('en-GB', id, 'S1072');
    const { page } = session;
    const item = block(page, 'S1072.1a');
    await item.getByText('Official 10.7.2 sub-category').waitFor();
    await item
      .getByText('What the MiGOF answers suggest: Yes, regardless of immigration status (from P1.2.1).')
      .waitFor();
    await expect(item.getByText('Your answer differs').count()).resolves.toBe(0);
    await item.getByLabel('No', { exact: true }).check();
    await item.getByText('Your answer differs').waitFor();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    // A hint only: the answer is the person's.
    expect((await stored(id, 'S1072.1a'))?.value).toBe('no');
    expect((await axe(page, 'sdg1072-item')).serious).toEqual([]);
    // "Not applicable" without evidence blocks submission (methodology 3), said in words.
    await page.goto(`${server.url}/#/a/${id}/d/P3`);
    await block(page, 'P3.3.4').waitFor();
    await block(page, 'P3.3.4').getByLabel('Not applicable', { exact: true }).check();
    await page.getByText('Show the list').click();
    await page.locator('.blockers a', { hasText: /P3\.3\.4.*needs evidence or a named source/ }).waitFor();
    await session.context.close();
  });
});
