/// <reference lib="dom" />
/**
 * The web app end to end in headless Chromium against a real server on loopback: a focal point
 * answers the full questionnaire (the latest migof version) and submits; a second focal point's concurrent
 * edit is resolved; a reviewer returns, then validates; a viewer reads the report, downloads the
 * PDF and the 10.7.2 aggregate; three languages; an expired token; axe-core on every page; the
 * API calls that open the full questionnaire; screenshots in MIGOV_SHOTS (<tmp>/migov-shots).
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium } from '../reports/browser.ts';
import { axe, axeLog, launch, type Server, Session, shot, signInWithLink, startServer } from './harness.ts';

interface Question {
  key: string;
  text: string;
  type: string;
  options?: { value: string; label: string; score: number }[];
  number?: { unit: string; worst: number; best: number; min?: number; max?: number; integer?: boolean };
  evidenceRequired: boolean;
  enableWhen?: { question: string; in: string[] };
}
interface Framework {
  key: string;
  version: string;
  domains: { key: string; title: string; subdomains: { questions: Question[] }[] }[];
}
interface ServedFramework extends Framework {
  sdg1072?: { domains: { items: Question[] }[] };
}

let server: Server;
let browser: Browser;
let framework: Framework;
const serious: string[] = [];
const focal = { role: 'focal_point', country: 'KEN', sub: 'amina' };
const focal2 = { role: 'focal_point', country: 'KEN', sub: 'omar' };
const reviewer = { role: 'reviewer', sub: 'rita' };
const viewer = { role: 'viewer', sub: 'vera' };
let assessmentId = '';

async function apiGet<T>(path: string, claims: object, lang = 'en'): Promise<T> {
  const token = await server.token(claims as never);
  const res = await fetch(`${server.url}${path}`, {
    headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

async function check(page: Page, name: string) {
  await shot(page, name);
  const result = await axe(page, name);
  serious.push(...result.serious);
}

/** The first question (and its domain) that matches, in questionnaire order. */
function pick(test: (q: Question) => boolean): { q: Question; domain: string } {
  for (const d of framework.domains)
    for (const sd of d.subdomains)
      for (const q of sd.questions) if (!q.enableWhen && test(q)) return { q, domain: d.key };
  throw new Error('no such question');
}

const questionBlock = (page: Page, key: string) => page.locator(`[id="q-${key}"]`);

/** Answers one question as a person would: the best option (or number), and evidence where asked. */
async function answer(page: Page, q: Question) {
  const block = questionBlock(page, q.key);
  const name = `${q.key} ${q.text}`;
  if (q.type === 'number' && q.number) {
    const { best, min, max } = q.number;
    const value = Math.min(max ?? best, Math.max(min ?? best, best));
    await block.getByLabel(name, { exact: true }).fill(String(value));
  } else {
    const best = [...(q.options ?? [])].sort((a, b) => b.score - a.score)[0];
    if (!best) throw new Error(`no option for ${q.key}`);
    await block.getByRole('group', { name, exact: true }).getByLabel(best.label, { exact: true }).check();
  }
  if (q.evidenceRequired) {
    await block.getByRole('button', { name: `Add evidence ${q.key}` }).click();
    await block.getByLabel(`Title 1, ${q.key}`).fill(`Evidence for ${q.key}`);
  }
}

beforeAll(async () => {
  server = await startServer();
  // New assessments open on the latest version: the full questionnaire of this test.
  const list = await apiGet<{ items: { key: string; version: string }[] }>('/v1/frameworks', focal);
  const semver = (v: string) =>
    v
      .split('.')
      .map((n) => n.padStart(6, '0'))
      .join('.');
  const latest = list.items.sort((a, b) => semver(a.version).localeCompare(semver(b.version))).at(-1);
  const served = await apiGet<ServedFramework>(`/v1/frameworks/${latest?.key}/${latest?.version}`, focal);
  // From 2.1.0 the official 10.7.2 items are answered too: the app shows them as one more domain, S1072.
  const instrument = served.sdg1072
    ? [
        {
          key: 'S1072',
          title: 'SDG indicator 10.7.2: the official questions',
          subdomains: served.sdg1072.domains.map((d) => ({ questions: d.items })),
        },
      ]
    : [];
  framework = { key: served.key, version: served.version, domains: [...served.domains, ...instrument] };
  if (haveChromium) browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  console.log(`axe-core:\n  ${axeLog.join('\n  ')}`);
});

describe.skipIf(!haveChromium)('the web app', () => {
  it('signed out: the sign-in page, with the CSP of the app', async () => {
    const session = await Session.open(browser);
    const res = await session.page.goto(`${server.url}/`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res?.headers()['cache-control']).toBe('no-cache');
    await session.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await check(session.page, 'signin');
    // The hash-named assets are cached for a year.
    const script = await session.page.locator('script[src]').getAttribute('src');
    const asset = await fetch(`${server.url}${script}`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('a focal point opens an assessment, answers the whole questionnaire and submits it', {
    timeout: 300_000,
  }, async () => {
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    await page.getByRole('heading', { level: 1, name: 'Assessments for Kenya' }).waitFor();
    await check(page, 'focal-home');
    await page.getByLabel('Period').fill('2026');
    await page.getByRole('button', { name: 'Open assessment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kenya 2026: questionnaire' }).waitFor();
    assessmentId = /#\/a\/([^/]+)/.exec(page.url())?.[1] ?? '';
    expect(assessmentId).not.toBe('');

    // Opening the full questionnaire: a handful of API calls, none per question: who I am, then at
    // once the assessment, its answers, its thread counts and its assignments, then the tree.
    session.calls.length = 0;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Kenya 2026: questionnaire' }).waitFor();
    await page.locator('.question').first().waitFor();
    const questions = framework.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions));
    console.log(
      `full questionnaire (${framework.key} ${framework.version}, ${questions.length} questions): ${session.calls.length} API calls: ${session.calls.join(', ')}`,
    );
    // The person, the assessment, its framework, answers, documents, assignments and thread counts.
    expect(session.calls.length).toBeLessThanOrEqual(7);
    await check(page, 'questionnaire');

    for (const domain of framework.domains) {
      await page
        .getByRole('navigation', { name: 'Domains' })
        .getByRole('link', { name: new RegExp(`^${domain.key} `) })
        .click();
      await page.getByRole('heading', { level: 2, name: `${domain.key} ${domain.title}` }).waitFor();
      for (const q of domain.subdomains.flatMap((s) => s.questions)) {
        if (await questionBlock(page, q.key).isVisible()) await answer(page, q);
      }
      await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    }
    await page.getByRole('heading', { name: 'Nothing blocks submission' }).waitFor();
    await check(page, 'questionnaire-complete');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page
      .getByRole('heading', { level: 1, name: /^Kenya 2026/ })
      .filter({ hasText: 'report' })
      .waitFor();
    const state = await apiGet<{ status: string; progress: { coverage: number } }>(
      `/v1/assessments/${assessmentId}`,
      focal,
    );
    expect(state).toMatchObject({ status: 'submitted', progress: { coverage: 1 } });
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('a second focal point saved first: both versions are shown and one is chosen', {
    timeout: 120_000,
  }, async () => {
    const token = await server.token(focal);
    const created = await fetch(`${server.url}/v1/assessments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ country: 'KEN', period: '2025' }),
    });
    const id = ((await created.json()) as { id: string }).id;
    const { q: first, domain: firstDomain } = pick((q) => (q.options?.length ?? 0) >= 2);
    // `pick` chose a question with at least two options.
    const [optionA, optionB] = first.options ?? [];
    if (!optionA || !optionB) throw new Error(`${first.key} has fewer than two options`);
    const name = `${first.key} ${first.text}`;

    const a = await Session.open(browser);
    const b = await Session.open(browser);
    await signInWithLink(a, server, focal);
    await signInWithLink(b, server, focal2);
    for (const s of [a, b]) {
      await s.page.goto(`${server.url}/#/a/${id}/d/${firstDomain}`);
      await questionBlock(s.page, first.key).waitFor();
    }
    await questionBlock(a.page, first.key)
      .getByRole('group', { name, exact: true })
      .getByLabel(optionA.label, { exact: true })
      .check();
    await a.page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();

    // B still has the revision before A's save: 412, and B sees both versions.
    await questionBlock(b.page, first.key)
      .getByRole('group', { name, exact: true })
      .getByLabel(optionB.label, { exact: true })
      .check();
    const panel = b.page.getByRole('heading', { name: 'Someone else saved this answer first' });
    await panel.waitFor();
    await expect(b.page.locator('.conflict').textContent()).resolves.toContain(optionA.label);
    await expect(b.page.locator('.conflict').textContent()).resolves.toContain(optionB.label);
    await expect(b.page.locator('.conflict').textContent()).resolves.toContain('amina');
    await check(b.page, 'conflict');
    // Nothing was overwritten while B decides.
    let stored = await apiGet<{ answers: { question: string; value: unknown }[] }>(
      `/v1/assessments/${id}/answers`,
      focal,
    );
    expect(stored.answers.find((x) => x.question === first.key)?.value).toBe(optionA.value);

    await b.page.getByRole('button', { name: 'Keep my version' }).click();
    await b.page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    stored = await apiGet(`/v1/assessments/${id}/answers`, focal);
    expect(stored.answers.find((x) => x.question === first.key)).toMatchObject({
      value: optionB.value,
      answeredBy: 'omar',
    });
    await a.context.close();
    await b.context.close();
  });

  it('an expired token sends the person to sign in and keeps what they typed', {
    timeout: 120_000,
  }, async () => {
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    const assessments = await apiGet<{ items: { id: string; period: string }[] }>(
      '/v1/assessments?period=2025',
      focal,
    );
    const id = assessments.items[0]?.id as string;
    const { q, domain } = pick((x) => x.type !== 'number' && x.key !== pick(() => true).q.key);
    await page.goto(`${server.url}/#/a/${id}/d/${domain}`);
    await page.getByRole('heading', { level: 1, name: 'Kenya 2025: questionnaire' }).waitFor();
    await questionBlock(page, q.key).waitFor();
    // The token lapses (exp two minutes ago, past the server's clock tolerance).
    const expired = await server.token(focal, { expiresIn: Math.floor(Date.now() / 1000) - 120 });
    await page.evaluate((t) => sessionStorage.setItem('migov.token', t), expired);
    // A comment and a choice, no more: the autosave the choice starts meets the 401 and leaves
    // the page, so typing evidence after it would race the sign-in page on a loaded machine.
    const block = questionBlock(page, q.key);
    await block.getByLabel('Comment').fill('Typed while the session ended');
    const best = [...(q.options ?? [])].sort((a, b) => b.score - a.score)[0];
    await block
      .getByRole('group', { name: `${q.key} ${q.text}`, exact: true })
      .getByLabel(best?.label ?? '', { exact: true })
      .check();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('Your session has ended').waitFor();
    await check(page, 'signin-expired');
    // Signing in again (a new link, in the same tab) brings the person back, and the work is saved.
    await page.goto(`${server.url}/#token=${await server.token(focal)}`);
    await page.getByRole('heading', { level: 1, name: 'Kenya 2025: questionnaire' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
    const stored = await apiGet<{ answers: { question: string; comment: string | null }[] }>(
      `/v1/assessments/${id}/answers`,
      focal,
    );
    expect(stored.answers.find((x) => x.question === q.key)?.comment).toBe('Typed while the session ended');
    await session.context.close();
  });

  it('a reviewer returns the assessment with a reason, the focal point resubmits, the reviewer validates', {
    timeout: 120_000,
  }, async () => {
    const r = await Session.open(browser);
    await signInWithLink(r, server, reviewer);
    await r.page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
    await check(r.page, 'review-queue');
    await r.page.getByRole('link', { name: 'Review: Kenya 2026' }).click();
    await r.page.getByRole('heading', { level: 1, name: /^Review: / }).waitFor();
    await r.page.getByRole('heading', { name: 'Answers' }).waitFor();
    await check(r.page, 'review');
    await r.page.getByRole('button', { name: 'Return', exact: true }).click();
    await r.page.getByText('Write the reason for returning it.').waitFor();
    await r.page
      .getByLabel('Reason for returning it')
      .fill('Please add the 2025 labour migration statistics.');
    await r.page.getByRole('button', { name: 'Return', exact: true }).click();
    await r.page.getByText('was returned to the focal point').waitFor();

    const f = await Session.open(browser);
    await signInWithLink(f, server, focal);
    await f.page.goto(`${server.url}/#/a/${assessmentId}`);
    await f.page
      .getByText('Returned by the reviewer: Please add the 2025 labour migration statistics.')
      .waitFor();
    await f.page.getByRole('button', { name: 'Submit for review' }).click();
    await f.page.getByRole('heading', { level: 1 }).filter({ hasText: 'report' }).waitFor();

    await r.page.goto(`${server.url}/#/a/${assessmentId}/review`);
    await r.page.getByRole('button', { name: 'Validate' }).click();
    await r.page.getByText('is validated').waitFor();
    const state = await apiGet<{ status: string }>(`/v1/assessments/${assessmentId}`, reviewer);
    expect(state.status).toBe('validated');
    await r.context.close();
    await f.context.close();
  });

  it('a viewer reads the validated report, downloads the PDF and the CSV, and reads 10.7.2 by region', {
    timeout: 120_000,
  }, async () => {
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, viewer);
    await page.getByRole('heading', { level: 1, name: 'Validated reports' }).waitFor();
    await check(page, 'viewer-home');
    await page.getByRole('link', { name: 'Report: Kenya 2026' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'report' }).waitFor();
    await page.getByRole('heading', { name: 'Migration Governance Indicator' }).waitFor();
    await page.getByText(/Sensitivity to the weighting: 5th percentile/).waitFor();
    // 2.1.0 reports give the official values; 2.0.0 reports the unofficial view.
    const sdgHeading =
      framework.version === '2.0.0' ? 'SDG indicator 10.7.2 view' : 'SDG indicator 10.7.2 (official values)';
    await page.getByRole('heading', { name: sdgHeading }).waitFor();
    await page.getByRole('heading', { name: 'Areas with potential for further development' }).waitFor();
    await page.locator('.events li').first().waitFor();
    const chart = page.getByRole('img', { name: /Radar chart/ });
    await expect
      .poll(() => chart.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    await check(page, 'report');

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /country profile \(PDF\)/ }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe('migov-KEN-2026.pdf');
    expect(
      readFileSync((await pdf.path()) as string)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download CSV/ }).click(),
    ]);
    expect(readFileSync((await csv.path()) as string, 'utf8')).toContain(
      framework.domains[0]?.subdomains[0]?.questions[0]?.key,
    );

    await page.getByRole('link', { name: 'SDG 10.7.2 by region' }).click();
    await page.getByLabel('Period').fill('2026');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('table').filter({ hasText: '2026: 1 country' }).waitFor();
    await page.getByRole('rowheader', { name: 'Africa' }).waitFor();
    await check(page, 'indicators');
    expect(session.refused).toEqual([]);
    await session.context.close();
  });

  it('switches between English, French and Spanish at any time and remembers the choice', {
    timeout: 120_000,
  }, async () => {
    const session = await Session.open(browser);
    const { page } = session;
    await signInWithLink(session, server, focal);
    const assessments = await apiGet<{ items: { id: string; period: string }[] }>(
      '/v1/assessments?period=2025',
      focal,
    );
    await page.goto(`${server.url}/#/a/${assessments.items[0]?.id}`);
    const key = framework.domains[0]?.subdomains[0]?.questions[0]?.key as string;
    for (const [lang, heading, nav] of [
      ['fr', 'Kenya 2025 : questionnaire', 'Domaines'],
      ['es', 'Kenya 2025: cuestionario', 'Dominios'],
      ['en', 'Kenya 2025: questionnaire', 'Domains'],
    ] as const) {
      const translated = await apiGet<Framework>(
        `/v1/frameworks/${framework.key}/${framework.version}`,
        focal,
        lang,
      );
      const text = translated.domains[0]?.subdomains[0]?.questions[0]?.text as string;
      await page.locator('#language').selectOption(lang);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('navigation', { name: nav }).waitFor();
      await questionBlock(page, key)
        .getByRole('group', { name: `${key} ${text}`, exact: true })
        .waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
      if (lang !== 'en') {
        expect(text).not.toBe(framework.domains[0]?.subdomains[0]?.questions[0]?.text);
        await check(page, `questionnaire-${lang}`);
      }
    }
    await page.locator('#language').selectOption('fr');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Kenya 2025 : questionnaire' }).waitFor();
    await page.locator('#language').selectOption('en');
    await session.context.close();
  });

  it('has no serious or critical axe-core violations on any page', () => {
    expect(serious, serious.join('\n')).toEqual([]);
  });

  it('signs out', async () => {
    const session = await Session.open(browser);
    await signInWithLink(session, server, viewer);
    await session.page.getByRole('button', { name: 'Sign out' }).click();
    await session.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await session.page.evaluate(() => sessionStorage.getItem('migov.token'))).toBeNull();
    await session.context.close();
  });
});
