/// <reference lib="dom" />
/**
 * The consultation in the web app, second part (issue #25): unread counts beside each question and
 * on the board, threads on the reviewer's page, single-question assignments, changing a ministry
 * and its audit log, ministries not ready among what blocks submission; and the contributor's and
 * focal point's journeys in French and Spanish. Chromium against a real server; axe-core on each page.
 */
import { readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium } from '../reports/browser.ts';
import { axe, axeLog, launch, type Server, Session, shot, signInWithLink, startServer } from './harness.ts';

interface Question {
  key: string;
  text: string;
  type: string;
  options?: { value: string; label: string; score: number }[];
  number?: { worst: number; min?: number; max?: number };
  evidenceRequired: boolean;
  enableWhen?: unknown;
}
interface Framework {
  domains: { key: string; subdomains: { key: string; title: string; questions: Question[] }[] }[];
  sdg1072?: { domains: { items: Question[] }[] };
}
type Lang = 'en' | 'fr' | 'es';

let server: Server;
let browser: Browser;
const focal = { role: 'focal_point', country: 'KEN', sub: 'amina' } as const;
const reviewer = { role: 'reviewer', sub: 'rita' } as const;
const contributor = { role: 'contributor', country: 'KEN', ministry: 'MOL', sub: 'lucy' } as const;
let period = 2060;
const serious: string[] = [];
const ministries = new Map<string, string>();

const catalogue = (lang: Lang) =>
  JSON.parse(readFileSync(new URL(`../../web/messages/${lang}.json`, import.meta.url), 'utf8')) as Record<
    string,
    string
  >;
const say = (lang: Lang, key: string, values: Record<string, string | number> = {}) =>
  String(new IntlMessageFormat(catalogue(lang)[key] ?? key, lang).format(values));

async function call(method: string, path: string, body?: unknown, claims: object = focal) {
  const token = await server.token(claims as never);
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: replies are read field by field
  return { status: res.status, etag: res.headers.get('etag') ?? '', body: (await res.json()) as any };
}

async function newAssessment(): Promise<{
  id: string;
  framework: Framework;
  edition: { key: string; version: string };
}> {
  const created = await call('POST', '/v1/assessments', { country: 'KEN', period: String(period++) });
  expect(created.status).toBe(201);
  const edition = created.body.framework as { key: string; version: string };
  const framework = await call('GET', `/v1/frameworks/${edition.key}/${edition.version}`);
  return { id: created.body.id as string, framework: framework.body as Framework, edition };
}

const unconditional = (framework: Framework) =>
  [
    ...framework.domains.flatMap((d) => d.subdomains.flatMap((sd) => sd.questions)),
    ...(framework.sdg1072?.domains.flatMap((d) => d.items) ?? []),
  ].filter((q) => !q.enableWhen);

async function answerAll(id: string, questions: Question[], claims: object = focal) {
  const answers = questions.map((q) => {
    const low = [...(q.options ?? [])].sort((a, b) => a.score - b.score)[0];
    const n = q.number;
    const value = n ? Math.min(n.max ?? n.worst, Math.max(n.min ?? n.worst, n.worst)) : low?.value;
    return { question: q.key, value, ...(q.evidenceRequired ? { evidence: [{ title: 'Act' }] } : {}) };
  });
  const res = await call('PUT', `/v1/assessments/${id}/answers`, { answers }, claims);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function assign(id: string, scope: string, code = 'MOL') {
  const put = await call('PUT', `/v1/assessments/${id}/assignments`, {
    assignments: [{ scope, lead: ministries.get(code) }],
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}

const comment = async (id: string, question: string, text: string, claims: object) =>
  expect(
    (await call('POST', `/v1/assessments/${id}/questions/${question}/comments`, { text }, claims)).status,
  ).toBe(201);

async function check(page: Page, name: string) {
  await shot(page, name);
  serious.push(...(await axe(page, name)).serious);
}

/** The glossary's variants not to use in `lang` (docs/glossary.md), with where they are ruled out. */
function forbidden(lang: Lang): { variant: string; scope: string }[] {
  const glossary = readFileSync(new URL('../../docs/glossary.md', import.meta.url), 'utf8');
  const section = glossary.split('## Variants not to use')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .map((line) => line.split('|').map((c) => c.trim()))
    .filter((cells) => cells[1] === lang)
    .map((cells) => ({ variant: (cells[2] ?? '').toLowerCase(), scope: cells[4] ?? '' }));
}

/** Every text of the questionnaire in `lang` (questions, options, guidance): not the app's own words. */
async function frameworkTexts(framework: { key: string; version: string }, lang: Lang): Promise<string[]> {
  const token = await server.token(focal as never);
  const res = await fetch(`${server.url}/v1/frameworks/${framework.key}/${framework.version}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
  });
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') texts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(await res.json());
  // The board's list of questions shortens the long ones.
  texts.push(...texts.filter((t) => t.length > 90).map((t) => `${t.slice(0, 89)}…`));
  return texts.filter((t) => t.length > 3).sort((a, b) => b.length - a.length);
}

/**
 * The page is in `lang`: no English sentence of the catalogue left, French typography (a narrow
 * no-break space, never a breakable one, before : ; ! ?), no variant the glossary rules out (those
 * ruled out of the app's words only are looked for outside the questionnaire's own texts).
 */
async function inLanguage(page: Page, lang: Exclude<Lang, 'en'>, questionnaire: string[]) {
  const text = (await page.locator('main').textContent()) ?? '';
  const en = catalogue('en');
  const translated = catalogue(lang);
  const english = Object.entries(en)
    .filter(([key, value]) => !value.includes('{') && value.length > 12 && translated[key] !== value)
    .map(([, value]) => value)
    .filter((value) => text.includes(value));
  expect(english).toEqual([]);
  if (lang === 'fr') {
    expect(text.match(/.{0,30} [:;!?](\s|$)/g) ?? []).toEqual([]);
    expect(text).toMatch(/\u202f[:;!?]/);
  }
  const own = questionnaire.reduce((rest, t) => rest.replaceAll(t, ' '), text).toLowerCase();
  const rules = forbidden(lang);
  expect(rules.length).toBeGreaterThan(0);
  const offences = rules.filter(({ variant, scope }) =>
    (scope === 'all' ? text.toLowerCase() : own).includes(variant),
  );
  expect(offences).toEqual([]);
}

beforeAll(async () => {
  server = await startServer();
  if (haveChromium) browser = await launch();
  for (const [code, name] of [
    ['MOL', 'Ministry of Labour'],
    ['MFA', 'Ministry of Foreign Affairs'],
  ]) {
    const made = await call('POST', '/v1/countries/KEN/ministries', { code, name });
    expect(made.status).toBe(201);
    ministries.set(String(code), made.body.id);
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  console.log(`axe-core:\n  ${axeLog.join('\n  ')}`);
  expect(serious).toEqual([]);
});

const esc = (key: string) => key.replaceAll('.', '\\.');

describe.skipIf(!haveChromium)('the consultation board, threads and submission', () => {
  it('the board assigns a single question, changes a ministry, shows the audit log and unread counts', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const sub = framework.domains[0]?.subdomains[0];
    const q = sub?.questions[1] ?? sub?.questions[0];
    if (!q) throw new Error('no question');
    await comment(id, q.key, 'Is the 2024 decree in force?', contributor);
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.goto(`${server.url}/#/a/${id}/consultation`);
    await page.getByRole('heading', { level: 1, name: /consultation of ministries/ }).waitFor();

    // The question under discussion, with what the focal point has not read, linked to it.
    const discussions = page.locator('#discussions');
    await discussions.getByText('1 comment unread.').waitFor();
    const talked = discussions.getByRole('row', { name: new RegExp(`^${esc(q.key)} `) });
    expect((await talked.locator('td').allTextContents()).map((c) => c.trim())).toEqual(['1 of 1', '1', '1']);
    expect(await talked.getByRole('link').getAttribute('href')).toBe(
      `#/a/${id}/d/${framework.domains[0]?.key}/q/${q.key}`,
    );

    // One question alone, to another ministry than its sub-domain's.
    const form = page.locator('form.assign');
    await form.getByLabel('Sub-domain or question').selectOption(q.key);
    await form.getByLabel('Lead ministry').selectOption({ label: 'MFA · Ministry of Foreign Affairs' });
    await form.getByRole('button', { name: 'Assign' }).click();
    await page
      .locator('#assignments')
      .getByRole('row', { name: new RegExp(`^${esc(q.key)} `) })
      .waitFor();
    const stored = await call('GET', `/v1/assessments/${id}/assignments`);
    expect(stored.body.assignments).toEqual([
      { scope: q.key, lead: ministries.get('MFA'), contributors: [] },
    ]);
    const mfa = page.locator('#progress').getByRole('row', { name: /^MFA · / });
    expect(await mfa.locator('td').first().textContent()).toMatch(/^1 \(/);

    // Changing a ministry: its form, filled with what it has, focused; the change is in the audit log.
    await page.getByRole('button', { name: 'Change MFA' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Change MFA');
    const edit = page.locator('form.edit-ministry');
    expect(await edit.getByLabel('Name').inputValue()).toBe('Ministry of Foreign Affairs');
    await edit.getByLabel('Name').fill('Ministry of Foreign Affairs and Cooperation');
    await edit.getByLabel('Acronym').fill('MFAC');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('row', { name: /^MFA Ministry of Foreign Affairs and Cooperation MFAC/ }).waitFor();
    const saved = await call('GET', `/v1/countries/KEN/ministries/${ministries.get('MFA')}`);
    expect(saved.body).toMatchObject({
      name: 'Ministry of Foreign Affairs and Cooperation',
      acronym: 'MFAC',
    });

    const log = (await page.locator('#audit tbody tr').allTextContents()).map((l) => l.replace(/\s+/g, ' '));
    expect(log[0]).toContain('MFAchanged');
    expect(log[0]).toContain(
      'Name: Ministry of Foreign Affairs → Ministry of Foreign Affairs and Cooperation',
    );
    expect(log[0]).toContain('Acronym: — → MFAC');
    expect(log.filter((l) => l.includes('created'))).toHaveLength(2);
    await check(page, 'consultation-board-audit');
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('unread counts beside a question, cleared once the focal point reads its threads', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const q = framework.domains[0]?.subdomains[0]?.questions.find((x) => !x.enableWhen);
    if (!q) throw new Error('no question');
    await comment(id, q.key, 'Which act?', contributor);
    await comment(id, q.key, 'And from which year?', contributor);
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.goto(`${server.url}/#/a/${id}`);
    const block = page.locator(`[id="q-${q.key}"]`);
    await block.getByRole('button', { name: `Comments on ${q.key} (2, 2 unread)` }).click();
    await block.getByText('And from which year?').waitFor();
    await block.getByRole('button', { name: `Comments on ${q.key} (2)`, exact: true }).waitFor();
    const forFocal = await call('GET', `/v1/assessments/${id}/threads`);
    expect(forFocal.body.questions).toMatchObject([{ question: q.key, comments: 2, unread: 0 }]);
    // Read for the focal point only: the contributor's count is theirs.
    await comment(id, q.key, 'Thanks, both answered.', focal);
    const forMol = await call('GET', `/v1/assessments/${id}/threads`, undefined, contributor);
    expect(forMol.body.questions).toMatchObject([{ question: q.key, comments: 3, unread: 1 }]);
    await check(page, 'questionnaire-unread');
    await session.context.close();
  });

  it('the reviewer reads the threads beside the answers, replies and reopens, and still decides', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const questions = unconditional(framework);
    await answerAll(id, questions);
    const q = questions[0];
    if (!q) throw new Error('no question');
    const url = `/v1/assessments/${id}/questions/${q.key}/comments`;
    const first = await call('POST', url, { text: 'Source?' });
    expect((await call('POST', `${url}/${first.body.id}/resolve`, {})).status).toBe(200);
    await comment(id, q.key, 'Still checking the register.', focal);
    const current = await call('GET', `/v1/assessments/${id}`);
    const token = await server.token(focal as never);
    const submitted = await fetch(`${server.url}/v1/assessments/${id}/submit`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': current.etag,
      },
      body: '{}',
    });
    expect(submitted.status, await submitted.text()).toBe(200);

    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, reviewer);
    await page.goto(`${server.url}/#/a/${id}/review`);
    await page.getByRole('button', { name: `Comments on ${q.key} (2, 2 unread)` }).click();
    const panel = page.locator(`[id="d-${q.key}"]`);
    await panel.getByText('Still checking the register.').waitFor();
    // Resolving stays with the focal point and the ministries.
    expect(await panel.getByRole('button', { name: /^Resolve thread/ }).count()).toBe(0);
    await panel.getByLabel('Your reply in thread 2').fill('Please attach the register extract.');
    await panel.getByRole('button', { name: 'Reply' }).click();
    await panel.getByText('Please attach the register extract.').waitFor();
    await panel.getByRole('button', { name: 'Reopen thread 1' }).click();
    await panel.getByLabel('Your reply in thread 1').waitFor();
    await check(page, 'review-threads');
    const threads = (await call('GET', url)).body.threads as {
      resolved: boolean;
      comments: { author: string; text: string }[];
    }[];
    expect(threads.map((th) => [th.resolved, th.comments.map((c) => `${c.author}: ${c.text}`)])).toEqual([
      [false, ['amina: Source?']],
      [false, ['amina: Still checking the register.', 'rita: Please attach the register extract.']],
    ]);
    // The decision still goes through after the comments moved the revision.
    await page.locator('#validate').click();
    await page.waitForURL(/\/report$/);
    expect((await call('GET', `/v1/assessments/${id}`)).body.status).toBe('validated');
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('what blocks submission names the ministries not ready, until they sign off', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const first = framework.domains[0]?.subdomains[0];
    if (!first) throw new Error('no sub-domain');
    await assign(id, first.key);
    await answerAll(id, unconditional(framework));
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.goto(`${server.url}/#/a/${id}`);
    const blockers = page.locator('.blockers');
    await blockers.getByRole('heading', { name: '1 item blocks submission' }).waitFor();
    await blockers.locator('summary').click();
    const item = blockers.getByRole('link', {
      name: 'MOL · Ministry of Labour has not marked its part ready',
    });
    expect(await item.getAttribute('href')).toBe(`#/a/${id}/consultation`);
    expect(await page.locator('.submit').textContent()).toContain(
      'You can submit once nothing blocks submission.',
    );
    await check(page, 'questionnaire-blockers-ministry');
    // Submitting anyway, with a reason, stays open to the focal point.
    await page.locator('#submit').click();
    await page.locator('#not-ready-title').waitFor();
    await page.locator('#submit-anyway').waitFor();

    const ready = await call(
      'POST',
      `/v1/assessments/${id}/ministries/${ministries.get('MOL')}/ready`,
      {},
      contributor,
    );
    expect(ready.status, JSON.stringify(ready.body)).toBe(200);
    await page.reload();
    await blockers.getByRole('heading', { name: 'Nothing blocks submission' }).waitFor();
    await session.context.close();
  });
});

describe.skipIf(!haveChromium)('the report after a consultation', () => {
  it('lists the ministries consulted and what each answered; the history names the ministry', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const first = framework.domains[0]?.subdomains[0];
    if (!first) throw new Error('no sub-domain');
    await assign(id, first.key);
    const mine = first.questions.filter((q) => !q.enableWhen);
    await answerAll(id, mine, contributor);
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.goto(`${server.url}/#/a/${id}/report`);
    const section = page.locator('section.ministries');
    await section.getByRole('heading', { name: 'Ministries consulted' }).waitFor();
    expect((await section.locator('li').allTextContents()).map((l) => l.replace(/\s+/g, ' '))).toEqual([
      `MOL · Ministry of Labour answered ${mine.length} questions: ${mine.map((q) => q.key).join(', ')}`,
    ]);
    await page.locator('ol.events li').first().waitFor();
    const events = await page.locator('ol.events li').allTextContents();
    expect(events.some((e) => e.includes(`lucy (MOL) answered ${mine[0]?.key}`))).toBe(true);
    await check(page, 'report-ministries');
    await session.context.close();
  });
});

describe.skipIf(!haveChromium)('the consultation in French and Spanish', () => {
  it.each(['fr', 'es'] as const)(
    'the contributor’s and the focal point’s journeys in %s',
    {
      timeout: 240_000,
    },
    async (lang) => {
      const { id, framework, edition } = await newAssessment();
      const questionnaire = await frameworkTexts(edition, lang);
      const first = framework.domains[0]?.subdomains[0];
      const q = first?.questions.find((x) => !x.enableWhen);
      if (!first || !q) throw new Error('no question');
      await assign(id, first.key);
      await answerAll(id, unconditional(framework));
      await comment(id, q.key, 'Source?', focal);
      const locale = lang === 'fr' ? 'fr-FR' : 'es-ES';

      // The contributor: their questions first, a thread on one of them, a reply.
      const mol = await Session.open(browser, locale);
      await signInWithLink(mol, server, contributor);
      await mol.page.goto(`${server.url}/#/a/${id}`);
      await mol.page
        .getByText(say(lang, 'q.myQuestions', { ministry: 'MOL', count: first.questions.length }))
        .waitFor();
      let block = mol.page.locator(`[id="q-${q.key}"]`);
      await block
        .getByRole('button', {
          name: say(lang, 'th.commentsUnread', { question: q.key, count: 1, unread: 1 }),
        })
        .click();
      await block.getByText('Source?').waitFor();
      await block.getByLabel(say(lang, 'th.replyLabel', { n: 1 })).fill('Article 12.');
      await block.getByRole('button', { name: say(lang, 'th.reply'), exact: true }).click();
      await block.getByText('Article 12.').waitFor();
      await inLanguage(mol.page, lang, questionnaire);
      await check(mol.page, `questionnaire-contributor-${lang}`);

      // The focal point: MOL not ready among what blocks submission, the reply unread.
      const fp = await Session.open(browser, locale);
      await signInWithLink(fp, server, focal);
      await fp.page.goto(`${server.url}/#/a/${id}`);
      const blockers = fp.page.locator('.blockers');
      await blockers.getByRole('heading', { name: say(lang, 'q.blockersTitle', { count: 1 }) }).waitFor();
      await blockers.locator('summary').click();
      await blockers
        .getByRole('link', { name: say(lang, 'q.blockMinistry', { ministry: 'MOL · Ministry of Labour' }) })
        .waitFor();
      block = fp.page.locator(`[id="q-${q.key}"]`);
      await block
        .getByRole('button', {
          name: say(lang, 'th.commentsUnread', { question: q.key, count: 2, unread: 1 }),
        })
        .waitFor();
      await inLanguage(fp.page, lang, questionnaire);
      await check(fp.page, `questionnaire-focal-${lang}`);

      // The focal point's board: every section, and the form to change a ministry.
      await fp.page.goto(`${server.url}/#/a/${id}/consultation`);
      for (const key of [
        'cons.progress',
        'cons.discussions',
        'cons.assignments',
        'cons.ministries',
        'cons.audit',
      ])
        await fp.page.getByRole('heading', { level: 2, name: say(lang, key), exact: true }).waitFor();
      await fp.page.getByRole('button', { name: say(lang, 'cons.edit', { code: 'MOL' }) }).click();
      await fp.page
        .getByRole('heading', { level: 3, name: say(lang, 'cons.editTitle', { code: 'MOL' }) })
        .waitFor();
      await inLanguage(fp.page, lang, questionnaire);
      await check(fp.page, `consultation-focal-${lang}`);

      // The contributor marks MOL ready on the board.
      await mol.page.goto(`${server.url}/#/a/${id}/consultation`);
      const row = mol.page.locator('#progress').getByRole('row', { name: /^MOL · / });
      const mark = row.getByRole('button', { name: say(lang, 'cons.markReady', { code: 'MOL' }) });
      await mark.click();
      await mark.waitFor({ state: 'detached' });
      await inLanguage(mol.page, lang, questionnaire);
      await check(mol.page, `consultation-contributor-${lang}`);
      expect([...mol.refused, ...fp.refused]).toEqual([]);
      await mol.context.close();
      await fp.context.close();
    },
  );
});
