/// <reference lib="dom" />
/**
 * The consultation of ministries in the web app (issue #25): the focal point's board (ministries,
 * assignments, progress and sign-off), and a contributor signing off their ministry's part.
 * Chromium against a real server on loopback; axe-core on each page.
 */
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

let server: Server;
let browser: Browser;
const focal = { role: 'focal_point', country: 'KEN', sub: 'amina' } as const;
const reviewer = { role: 'reviewer', sub: 'rita' } as const;
const contributor = { role: 'contributor', country: 'KEN', ministry: 'MOL', sub: 'lucy' } as const;
let period = 2040;
const serious: string[] = [];

async function call(method: string, path: string, body?: unknown, claims: object = focal) {
  const token = await server.token(claims as never);
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function newAssessment(): Promise<{ id: string; framework: Framework }> {
  const created = await call('POST', '/v1/assessments', { country: 'KEN', period: String(period++) });
  expect(created.status).toBe(201);
  const { key, version } = created.body.framework as { key: string; version: string };
  const framework = await call('GET', `/v1/frameworks/${key}/${version}`);
  return { id: created.body.id as string, framework: framework.body as unknown as Framework };
}

/** Answers every question given (the lowest option, with evidence where asked). */
async function answerAll(id: string, questions: Question[], claims: object = contributor) {
  const answers = questions.map((q) => {
    const low = [...(q.options ?? [])].sort((a, b) => a.score - b.score)[0];
    const n = q.number;
    const value = n ? Math.min(n.max ?? n.worst, Math.max(n.min ?? n.worst, n.worst)) : low?.value;
    return { question: q.key, value, ...(q.evidenceRequired ? { evidence: [{ title: 'Act' }] } : {}) };
  });
  const res = await call('PUT', `/v1/assessments/${id}/answers`, { answers }, claims);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** The country's ministries by code. */
async function ministryIds(): Promise<Map<string, string>> {
  const items = (await call('GET', '/v1/countries/KEN/ministries')).body.items as {
    id: string;
    code: string;
  }[];
  return new Map(items.map((m) => [m.code, m.id]));
}

/** Gives `scope` to MOL as lead ministry. */
async function assignToMol(id: string, scope: string) {
  const put = await call('PUT', `/v1/assessments/${id}/assignments`, {
    assignments: [{ scope, lead: (await ministryIds()).get('MOL') }],
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}

/** Every question and 10.7.2 item that applies without a condition. */
const unconditional = (framework: Framework) =>
  [
    ...framework.domains.flatMap((d) => d.subdomains.flatMap((sd) => sd.questions)),
    ...(framework.sdg1072?.domains.flatMap((d) => d.items) ?? []),
  ].filter((q) => !q.enableWhen);

async function check(page: Page, name: string) {
  await shot(page, name);
  serious.push(...(await axe(page, name)).serious);
}

async function addMinistry(page: Page, code: string, name: string, contacts = '') {
  const form = page.locator('form.add-ministry');
  await form.getByLabel('Code').fill(code);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Acronym').fill(code);
  await form.getByLabel('Contact e-mails').fill(contacts);
  // Keyboard only: Enter in the last field sends the form.
  await form.getByLabel('Contact e-mails').press('Enter');
  await page.getByRole('row', { name: new RegExp(`^${code} ${name}`) }).waitFor();
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

describe.skipIf(!haveChromium)('the consultation board', () => {
  it('a focal point names ministries, assigns a sub-domain, and sees progress and sign-off', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const first = framework.domains[0]?.subdomains[0];
    if (!first) throw new Error('no sub-domain');
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.goto(`${server.url}/#/a/${id}`);
    await page.getByRole('link', { name: 'Consultation of ministries' }).click();
    await page.getByRole('heading', { level: 1, name: /consultation of ministries/ }).waitFor();
    await page.getByText('No ministry yet.').waitFor();

    await addMinistry(page, 'MOL', 'Ministry of Labour', 'desk@labour.example, head@labour.example');
    await addMinistry(page, 'MFA', 'Ministry of Foreign Affairs');
    await addMinistry(page, 'OLD', 'Old Office');
    await expect(page.getByRole('row', { name: /^MOL Ministry of Labour/ }).textContent()).resolves.toContain(
      'desk@labour.example, head@labour.example',
    );
    // A code already taken is refused with the API's words, and nothing is added.
    await addMinistry(page, 'MOL', 'Ministry of Labour').catch(() => undefined);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('MOL');

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Retire OLD' }).click();
    // With nothing on record for it, a retired ministry is gone altogether.
    await page.getByRole('row', { name: /^OLD Old Office/ }).waitFor({ state: 'detached' });
    const listed = await call('GET', '/v1/countries/KEN/ministries');
    const items = listed.body.items as { code: string; retired: boolean }[];
    expect(items.map((m) => `${m.code}:${m.retired}`).sort()).toEqual(['MFA:false', 'MOL:false']);

    // Assigning: the sub-domain, MOL leads, MFA contributes.
    const form = page.locator('form.assign');
    await form.getByLabel('Sub-domain').selectOption(first.key);
    await form.getByLabel('Lead ministry').selectOption({ label: 'MOL · Ministry of Labour' });
    await form.getByLabel('MFA · Ministry of Foreign Affairs').check();
    await form.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('row', { name: new RegExp(`^${first.key.replace('.', '\\.')} `) }).waitFor();
    const stored = await call('GET', `/v1/assessments/${id}/assignments`);
    const ids = Object.fromEntries(items.map((m) => [m.code, (m as unknown as { id: string }).id]));
    expect(stored.body.assignments).toEqual([{ scope: first.key, lead: ids.MOL, contributors: [ids.MFA] }]);

    // Progress: MOL has the sub-domain's questions, none answered; marking it ready is refused.
    const molRow = page.locator('#progress').getByRole('row', { name: /^MOL · Ministry of Labour/ });
    await expect(molRow.textContent()).resolves.toContain(`${first.questions.length} (`);
    await molRow.getByRole('button', { name: 'Mark MOL ready' }).click();
    await page.locator('#progress').getByRole('alert').waitFor();
    await check(page, 'consultation-board');

    // Removing the assignment gives the sub-domain back to the focal point.
    await page.getByRole('button', { name: `Remove the assignment of ${first.key}` }).click();
    await page.getByText('Nothing is assigned yet').waitFor();
    expect((await call('GET', `/v1/assessments/${id}/assignments`)).body.assignments).toEqual([]);
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('a contributor reads the board and marks their ministry ready once its part is answered', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const first = framework.domains[0]?.subdomains[0];
    if (!first) throw new Error('no sub-domain');
    await assignToMol(id, first.key);
    await answerAll(
      id,
      first.questions.filter((q) => !q.enableWhen),
    );

    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, contributor);
    await page.goto(`${server.url}/#/a/${id}/consultation`);
    await page.getByRole('heading', { level: 1, name: /consultation of ministries/ }).waitFor();
    // Read-only for a contributor: no form to add a ministry or to assign.
    expect(await page.locator('form.add-ministry, form.assign').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Retire/ }).count()).toBe(0);
    const row = page.locator('#progress').getByRole('row', { name: /^MOL · Ministry of Labour/ });
    await row.getByRole('button', { name: 'Mark MOL ready' }).click();
    await row.getByText('ready: lucy').waitFor();
    const after = await call('GET', `/v1/assessments/${id}/assignments`);
    const progress = after.body.ministries as { code: string; ready: { by: string } | null }[];
    expect(progress.find((p) => p.code === 'MOL')?.ready?.by).toBe('lucy');
    expect((await ministryIds()).has('MFA')).toBe(true);
    await check(page, 'consultation-contributor');
    await session.context.close();
  });

  it('a contributor sees their ministry’s questions first, answers them, and reads the rest', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const domain = framework.domains[0];
    const [first, second] = domain?.subdomains ?? [];
    if (!domain || !first || !second) throw new Error('no sub-domains');
    await assignToMol(id, first.key);
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, contributor);
    // From their home page: the country's open assessments, to answer.
    await page.getByRole('heading', { level: 1, name: /your ministry’s part \(MOL\)/ }).waitFor();
    await page.getByRole('link', { name: `Answer: Kenya ${period - 1}` }).click();
    await page.getByText(`${first.questions.length} questions are assigned to your ministry (MOL)`).waitFor();
    // Only their questions at first: the other sub-domain is not shown.
    const filter = page.getByLabel('Show only my ministry’s questions');
    expect(await filter.isChecked()).toBe(true);
    expect(await page.getByRole('heading', { level: 3, name: `${second.key} ${second.title}` }).count()).toBe(
      0,
    );
    // No submission for a contributor: that stays with the focal point.
    expect(await page.getByRole('button', { name: /Submit/ }).count()).toBe(0);

    const q = first.questions.find((x) => !x.enableWhen && x.type !== 'number');
    const option = [...(q?.options ?? [])].sort((a, b) => a.score - b.score)[0];
    if (!q || !option) throw new Error('no choice question');
    await page
      .locator(`[id="q-${q.key}"]`)
      .getByRole('group', { name: `${q.key} ${q.text}`, exact: true })
      .getByLabel(option.label, { exact: true })
      .check();
    await expect
      .poll(
        async () => {
          const res = await call('GET', `/v1/assessments/${id}/answers`);
          const answers = res.body.answers as { question: string; value: unknown; answeredBy?: string }[];
          return answers.find((a) => a.question === q.key)?.value;
        },
        { timeout: 20_000 },
      )
      .toBe(option.value);

    // The rest is there to read, without a control to change it.
    await filter.press('Space');
    const other = second.questions[0];
    if (!other) throw new Error('no question');
    const block = page.locator(`[id="q-${other.key}"]`);
    await block.waitFor();
    expect(await block.locator('input, select, textarea').count()).toBe(0);
    await check(page, 'questionnaire-contributor');
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('threads and the change log beside a question, fetched only when opened', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const q = framework.domains[0]?.subdomains[0]?.questions.find(
      (x) => x.type !== 'number' && !x.enableWhen,
    );
    const option = [...(q?.options ?? [])].sort((a, b) => a.score - b.score)[0];
    if (!q || !option) throw new Error('no choice question');
    const answered = await call('PUT', `/v1/assessments/${id}/answers`, {
      answers: [{ question: q.key, value: option.value }],
    });
    expect(answered.status).toBe(200);
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.goto(`${server.url}/#/a/${id}`);
    await page.locator('.question').first().waitFor();
    // Opening the questionnaire asks for no thread and no change log.
    expect(session.calls.filter((c) => /\/(comments|changes)/.test(c))).toEqual([]);

    const block = page.locator(`[id="q-${q.key}"]`);
    await block.getByRole('button', { name: `Comments on ${q.key}` }).click();
    await block.getByText('No comment yet.').waitFor();
    await block.getByLabel(`A new comment on ${q.key}`).fill('Which treaty list is this from?');
    await block.getByRole('button', { name: 'Post the comment' }).click();
    await block.getByText('Which treaty list is this from?').waitFor();
    await block.getByRole('button', { name: `Comments on ${q.key} (1)` }).waitFor();
    await block.getByLabel('Your reply in thread 1').fill('The UN Treaty Collection, chapter IV.');
    await block.getByRole('button', { name: 'Reply' }).click();
    await block.getByText('The UN Treaty Collection, chapter IV.').waitFor();
    await block.getByRole('button', { name: 'Resolve thread 1' }).click();
    await block.getByText('resolved by amina').waitFor();
    const threads = await call('GET', `/v1/assessments/${id}/questions/${q.key}/comments`);
    const stored = threads.body.threads as { resolved: boolean; comments: { text: string }[] }[];
    expect(stored.map((th) => [th.resolved, th.comments.map((c) => c.text)])).toEqual([
      [true, ['Which treaty list is this from?', 'The UN Treaty Collection, chapter IV.']],
    ]);
    await block.getByRole('button', { name: 'Reopen thread 1' }).click();
    await block.getByRole('button', { name: 'Resolve thread 1' }).waitFor();
    await check(page, 'questionnaire-threads');

    // The change log, on demand: the answer, the comments and the resolution, with who did it.
    await block.getByRole('button', { name: `Changes to ${q.key}` }).click();
    const log = block.locator('.changes li');
    await log.first().waitFor();
    const lines = await log.allTextContents();
    expect(lines.some((l) => l.includes(`amina · answered ${option.label}`))).toBe(true);
    expect(lines.filter((l) => l.includes('commented'))).toHaveLength(2);
    expect(lines.some((l) => l.includes('resolved a thread'))).toBe(true);
    await check(page, 'questionnaire-changes');
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('a focal point submits before a ministry is ready only with a reason, kept in the history', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const first = framework.domains[0]?.subdomains[0];
    if (!first) throw new Error('no sub-domain');
    await assignToMol(id, first.key);
    await answerAll(id, unconditional(framework), focal);

    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.goto(`${server.url}/#/a/${id}`);
    await page.locator('#submit').click();
    // Refused: MOL has not marked its part ready; focus goes to what blocks it.
    const title = page.locator('#not-ready-title');
    await title.waitFor();
    expect(await title.textContent()).toContain('MOL');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('not-ready-title');
    // No reason, no submission.
    await page.locator('#submit-anyway').click();
    await page.getByText('Say why the assessment is submitted before every ministry is ready.').waitFor();
    await check(page, 'questionnaire-not-ready');
    await page.getByLabel(/Submit anyway, for this reason/).fill('The Ministry of Labour is reorganising.');
    await page.locator('#submit-anyway').click();
    await page.waitForURL(/\/report$/);
    const assessment = await call('GET', `/v1/assessments/${id}`);
    expect(assessment.body.status).toBe('submitted');
    const history = (await call('GET', `/v1/assessments/${id}/history`)).body.events as {
      type: string;
      reason: string | null;
    }[];
    expect(history.find((e) => e.type === 'submitted')?.reason).toBe(
      'The Ministry of Labour is reorganising.',
    );
    await session.context.close();
  });

  it('a reviewer returns with remarks on questions, which the focal point finds beside them', {
    timeout: 180_000,
  }, async () => {
    const { id, framework } = await newAssessment();
    const questions = unconditional(framework);
    await answerAll(id, questions, focal);
    const token = await server.token(focal as never);
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
    const [q1, q2] = questions;
    if (!q1 || !q2) throw new Error('no questions');

    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, reviewer);
    await page.goto(`${server.url}/#/a/${id}/review`);
    await page
      .getByLabel(/Reason/)
      .first()
      .fill('Two answers need a source.');
    await page.getByRole('button', { name: 'Add a remark on a question' }).click();
    await page.getByLabel('Question of remark 1').selectOption(q1.key);
    await page.getByLabel('Remark 1', { exact: true }).fill('Which Act is this?');
    await page.getByRole('button', { name: 'Add a remark on a question' }).click();
    await page.getByLabel('Question of remark 2').selectOption(q2.key);
    await page.getByLabel('Remark 2', { exact: true }).fill('Please cite the register.');
    // A remark left empty is not sent.
    await page.getByRole('button', { name: 'Add a remark on a question' }).click();
    await check(page, 'review-remarks');
    await page.locator('#return').click();
    await page.waitForURL(/#\/$/);
    for (const [q, text] of [
      [q1, 'Which Act is this?'],
      [q2, 'Please cite the register.'],
    ] as const) {
      const threads = (await call('GET', `/v1/assessments/${id}/questions/${q.key}/comments`)).body
        .threads as {
        remark: boolean;
        comments: { text: string }[];
      }[];
      expect(threads.map((th) => [th.remark, th.comments[0]?.text])).toEqual([[true, text]]);
    }
    await session.context.close();

    const focalSession = await Session.open(browser);
    await signInWithLink(focalSession, server, focal);
    await focalSession.page.goto(`${server.url}/#/a/${id}`);
    const block = focalSession.page.locator(`[id="q-${q1.key}"]`);
    await block.getByRole('button', { name: `Comments on ${q1.key}` }).click();
    await block.getByText('Reviewer’s remark 1').waitFor();
    await block.getByText('Which Act is this?').waitFor();
    await focalSession.context.close();
  });
});
