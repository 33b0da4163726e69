/// <reference lib="dom" />
/**
 * Evidence documents in the web app (issue #27): a focal point attaches a PDF to a question (the
 * progress bar moves while it is sent), finds it under the answer and in the saved answer; a
 * file of a refused type is answered in French and the answer stays as it was; a file still cited
 * cannot be deleted, and the server's 409 is shown; the reviewer opens the PDF in a new tab and
 * downloads the evidence pack; axe-core on desktop and at 390 px; screenshots in en, fr and es.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, shotsDir } from '../reports/browser.ts';
import { axe, axeLog, launch, type Server, Session, shot, signInWithLink, startServer } from './harness.ts';

let server: Server;
let browser: Browser;
const focal = { role: 'focal_point', country: 'KEN', sub: 'amina' } as const;
const focal2 = { role: 'focal_point', country: 'KEN', sub: 'omar' } as const;
const reviewer = { role: 'reviewer', sub: 'rita' } as const;
const serious: string[] = [];
let period = 2050;

/** A small valid PDF (one page that says `text`), padded with a stream of `padding` bytes. */
function pdf(text: string, padding = 0): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length + 30} >>\nstream\nBT /F1 24 Tf 72 700 Td (${text}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${padding} >>\nstream\n${'0'.repeat(padding)}\nendstream`,
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

async function call(method: string, path: string, body?: unknown, claims: object = focal2) {
  const token = await server.token(claims as never);
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

async function newAssessment(): Promise<string> {
  const res = await call('POST', '/v1/assessments', { country: 'KEN', period: String(period++) });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

interface StoredEvidence {
  title: string;
  document?: string;
}
async function storedEvidence(id: string, key: string): Promise<StoredEvidence[]> {
  const res = await call('GET', `/v1/assessments/${id}/answers`);
  const answers = res.body.answers as { question: string; evidence: StoredEvidence[] }[];
  return answers.find((a) => a.question === key)?.evidence ?? [];
}

interface Listed {
  id: string;
  name: string;
  referencedBy: string[];
}
const documents = async (id: string) =>
  (await call('GET', `/v1/assessments/${id}/documents`)).body.documents as Listed[];

interface Question {
  key: string;
  options?: { value: string; score: number }[];
  number?: { worst: number; min?: number; max?: number };
  evidenceRequired: boolean;
  enableWhen?: unknown;
}
interface Framework {
  domains: { subdomains: { questions: Question[] }[] }[];
  sdg1072?: { domains: { items: Question[] }[] };
}

/** Answers every other unconditional question (the lowest option) and submits, for the reviewer. */
async function answerRestAndSubmit(id: string, keep: string[]) {
  const assessment = await call('GET', `/v1/assessments/${id}`);
  const { key, version } = assessment.body.framework as { key: string; version: string };
  const framework = (await call('GET', `/v1/frameworks/${key}/${version}`)).body as unknown as Framework;
  const answers = [
    ...framework.domains.flatMap((d) => d.subdomains.flatMap((sd) => sd.questions)),
    ...(framework.sdg1072?.domains.flatMap((d) => d.items) ?? []),
  ]
    .filter((q) => !q.enableWhen && !keep.includes(q.key))
    .map((q) => {
      const low = [...(q.options ?? [])].sort((x, y) => x.score - y.score)[0];
      const n = q.number;
      const value = n ? Math.min(n.max ?? n.worst, Math.max(n.min ?? n.worst, n.worst)) : low?.value;
      return { question: q.key, value, ...(q.evidenceRequired ? { evidence: [{ title: 'Act' }] } : {}) };
    });
  const put = await call('PUT', `/v1/assessments/${id}/answers`, { answers });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  const token = await server.token(focal2 as never);
  const current = await fetch(`${server.url}/v1/assessments/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const submit = await fetch(`${server.url}/v1/assessments/${id}/submit`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'if-match': current.headers.get('etag') ?? '',
    },
    body: '{}',
  });
  expect(submit.status, await submit.text()).toBe(200);
}

const block = (page: Page, key: string) => page.locator(`[id="q-${key}"]`);
const status = (page: Page) => page.locator('#save-status');

async function open(locale: string, id: string, domain: string, viewport = { width: 1400, height: 1000 }) {
  const context = await browser.newContext({ viewport, locale, acceptDownloads: true });
  const session = new Session(context, await context.newPage());
  // Playwright takes the file chooser over only once asked to, asynchronously: asked here, before
  // any key is pressed, so the chooser a key opens is never the browser's own.
  session.page.on('filechooser', () => undefined);
  await signInWithLink(session, server, focal);
  await session.page.goto(`${server.url}/#/a/${id}/d/${domain}`);
  await session.page.locator('.question').first().waitFor();
  return session;
}

async function check(page: Page, name: string) {
  await shot(page, name);
  // The question with its files, as a person sees it (the page's own shots are of the whole page).
  const question = page.locator('.question:has(.uploads)').first();
  if (await question.count())
    await question.screenshot({ path: join(shotsDir(), `web-${name}-question.png`) });
  serious.push(...(await axe(page, name)).serious);
}

/** Chooses files through the question's button, as the keyboard would: Enter opens the chooser. */
async function choose(page: Page, key: string, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const button = block(page, key).locator(`[id="choose-${key}"]`);
  await button.focus();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  await chooser.setFiles(files);
}

/** The progress bars' values as the page shows them, recorded from the start of an upload. */
async function watchProgress(page: Page) {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { seen: number[] }).seen = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('progress')) seen.push(Number(bar.value));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { seen: number[] }).seen);
}

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

describe.skipIf(!haveChromium)('evidence documents in the web app', () => {
  let id = '';

  it('a focal point attaches a PDF: a progress bar while it is sent, then it is under the answer and saved in it', {
    timeout: 180_000,
  }, async () => {
    id = await newAssessment();
    const session = await open('en-GB', id, 'P1');
    const { page } = session;
    await block(page, 'P1.1.1').locator('input[type="radio"]').first().check();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();

    // A slow line, so that the bar has something to show (DevTools' throttling of what is sent).
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 512 * 1024,
    });
    const progress = await watchProgress(page);
    await choose(page, 'P1.1.1', [
      {
        name: 'Labour Migration Act.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('Labour Migration Act', 2_000_000),
      },
    ]);
    await block(page, 'P1.1.1').locator('progress').waitFor();
    await block(page, 'P1.1.1').getByText('Labour Migration Act.pdf is attached as evidence').waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    // The bar moved: it showed some part of the file sent, not only nothing or all.
    expect(
      (await progress()).some((value) => value > 0 && value < 100),
      String(await progress()),
    ).toBe(true);

    // An evidence item named after the file, with the file, and the file listed under the answer.
    const q = block(page, 'P1.1.1');
    await expect(q.getByLabel('Title 1, P1.1.1').inputValue()).resolves.toBe('Labour Migration Act.pdf');
    await q.locator('.ev-file', { hasText: 'File: Labour Migration Act.pdf, 1.9 MiB' }).waitFor();
    await q
      .getByRole('list', { name: 'Files of this question' })
      .locator('.doc-name', { hasText: 'Labour Migration Act.pdf' })
      .waitFor();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    const [doc] = await documents(id);
    expect(doc?.name).toBe('Labour Migration Act.pdf');
    expect(await storedEvidence(id, 'P1.1.1')).toEqual([
      { title: 'Labour Migration Act.pdf', document: doc?.id },
    ]);

    // The title is the person's to change, through the usual autosave.
    await q.getByLabel('Title 1, P1.1.1').fill('Labour Migration Act 2024');
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    expect((await storedEvidence(id, 'P1.1.1'))[0]?.title).toBe('Labour Migration Act 2024');

    // Cited by the answer: the page says so instead of deleting.
    await q.getByRole('button', { name: 'Delete Labour Migration Act.pdf' }).click();
    await q.getByText('is still evidence for P1.1.1').waitFor();
    expect(await documents(id)).toHaveLength(1);
    await check(page, 'documents-questionnaire');
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('a file dropped on the zone is attached; one a colleague cites is kept, with the server’s reason', {
    timeout: 180_000,
  }, async () => {
    const session = await open('en-GB', id, 'P1');
    const { page } = session;
    // Dropped, as from the desktop: a CSV.
    await block(page, 'P1.1.1')
      .locator('.dropzone')
      .evaluate((zone) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['year,workers\n2024,1200\n'], 'permits.csv', { type: 'text/csv' }));
        zone.dispatchEvent(
          new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      });
    await block(page, 'P1.1.1').getByText('permits.csv is attached as evidence').waitFor();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    const csv = (await documents(id)).find((d) => d.name === 'permits.csv');
    expect(csv?.referencedBy).toEqual(['P1.1.1']);

    // The person takes it out of their evidence; meanwhile a colleague cites it on another question.
    await block(page, 'P1.1.1').getByRole('button', { name: 'Remove evidence 2, P1.1.1' }).click();
    await status(page).filter({ hasText: 'All changes saved' }).waitFor();
    const put = await call('PUT', `/v1/assessments/${id}/answers`, {
      answers: [{ question: 'P1.1.2', value: 3, evidence: [{ title: 'Permits', document: csv?.id }] }],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    page.once('dialog', (dialog) => void dialog.accept());
    await block(page, 'P1.1.1').getByRole('button', { name: 'Delete permits.csv' }).click();
    await block(page, 'P1.1.1').getByRole('alert').filter({ hasText: /\S/ }).waitFor();
    expect((await documents(id)).map((d) => d.name)).toContain('permits.csv');
    console.log(`409 shown: ${await block(page, 'P1.1.1').locator('.uploads .error').textContent()}`);
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('a refused type is said in French, and the answer and its comment stay as they were', {
    timeout: 120_000,
  }, async () => {
    const other = await newAssessment();
    const session = await open('fr-FR', other, 'P1');
    const { page } = session;
    const q = block(page, 'P1.1.1');
    await q.locator('input[type="radio"]').first().check();
    await q.getByLabel('Commentaire P1.1.1').fill('Voir la loi de 2024');
    await choose(page, 'P1.1.1', [
      {
        name: 'loi.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('<!doctype html><script>alert(1)</script>'),
      },
    ]);
    const alert = q.getByRole('alert').filter({ hasText: 'loi.pdf' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('loi.pdf n’a pas été joint\u202f: seuls les fichiers PDF');
    await expect(q.getByLabel('Commentaire P1.1.1').inputValue()).resolves.toBe('Voir la loi de 2024');
    await status(page).filter({ hasText: 'Toutes les modifications sont enregistrées' }).waitFor();
    const answers = (await call('GET', `/v1/assessments/${other}/answers`)).body.answers as {
      question: string;
      comment: string;
      evidence: unknown[];
    }[];
    expect(answers.find((a) => a.question === 'P1.1.1')).toMatchObject({
      comment: 'Voir la loi de 2024',
      evidence: [],
    });
    expect(await documents(other)).toEqual([]);
    await check(page, 'documents-refused-fr');
    await session.context.close();
  });

  it('at 390 px and in Spanish: the zone, the files and the pack fit the screen', {
    timeout: 120_000,
  }, async () => {
    for (const [locale, name] of [
      ['es-ES', 'documents-es'],
      ['en-GB', 'documents-phone'],
    ] as const) {
      const viewport = name === 'documents-phone' ? { width: 390, height: 844 } : undefined;
      const session = await open(locale, id, 'P1', viewport);
      const { page } = session;
      await block(page, 'P1.1.1').locator('.docs li').first().waitFor();
      if (viewport) {
        await block(page, 'P1.1.1').locator('.dropzone').scrollIntoViewIfNeeded();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
      await check(page, name);
      await session.context.close();
    }
  });

  it('the reviewer opens the PDF in a new tab and downloads the evidence pack', {
    timeout: 120_000,
  }, async () => {
    await answerRestAndSubmit(id, ['P1.1.1']);
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, reviewer);
    await page.goto(`${server.url}/#/a/${id}/review`);
    const pane = page.locator('.answers');
    await pane.getByRole('button', { name: 'Open Labour Migration Act.pdf' }).waitFor();
    const [tab] = await Promise.all([
      page.waitForEvent('popup'),
      pane.getByRole('button', { name: 'Open Labour Migration Act.pdf' }).click(),
    ]);
    await tab.waitForURL(/^blob:/);
    // Chromium's own viewer shows it (the app's CSP, inherited by the blob: page, lets it).
    await expect(tab.evaluate(() => document.contentType)).resolves.toBe('application/pdf');
    await tab.close();

    await check(page, 'documents-review');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the evidence pack (ZIP)' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^migov-evidence-KEN-\d+\.zip$/);
    const zip = readFileSync((await download.path()) as string);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes('Labour Migration Act.pdf')).toBe(true);
    expect(session.refused).toEqual([]);
    await session.context.close();
  });
});
