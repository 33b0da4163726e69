import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORKS_DIR } from '../../src/paths.ts';
import { v3Definition, v3Framework } from '../fixtures/v3-framework.ts';
import { type AnswerItem, answerSet } from '../fixtures.ts';
import { createTestApp, type TestContext, tempDir } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

/**
 * Methodology 3 through the HTTP API (issue 24), on a definition that is 2.0.0's tree plus the
 * official 10.7.2 instrument (9.1.0 here, so the test does not depend on 2.1.0's content): the
 * items answered and required, the official values in the report and CSV, not applicable needing
 * proof, and copy forward from 2.0.0 keeping only unchanged questions.
 */

const V3 = { key: 'migof', version: '9.1.0' };
const V2 = { key: 'migof', version: '2.0.0' };
const crosswalk = { 'S1072.2a': [{ question: 'P2.1.1', suggests: { yes: 'yes', no: 'no' } }] };

let ctx: TestContext;
let focal: { authorization: string };
let reviewer: { authorization: string };

beforeAll(async () => {
  const dir = tempDir('migov-frameworks-');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(FRAMEWORKS_DIR, 'migof-2.0.0.json'), join(dir, 'migof-2.0.0.json'));
  const definition = v3Definition(crosswalk);
  // Changed in "9.1.0": P1.1.1's text, P1.2.1's option scores; P1.3.2 removed.
  definition.domains[0].subdomains[0].questions[0].text = 'A reworded question on the 1990 Convention?';
  definition.domains[0].subdomains[1].questions[0].options[1].score = 0.65;
  definition.domains[0].subdomains[2].questions = definition.domains[0].subdomains[2].questions.filter(
    (q: { key: string }) => q.key !== 'P1.3.2',
  );
  writeFileSync(join(dir, 'migof-9.1.0.json'), JSON.stringify(definition));
  ctx = await createTestApp({ LOG_LEVEL: 'error' }, { seeds: { frameworksDir: dir, defaultFramework: V3 } });
  focal = await ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'amina' });
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
});

const v3Answers = (): AnswerItem[] => {
  const framework = v3Framework(crosswalk);
  return answerSet(framework).filter((a) => a.question !== 'P1.3.2');
};

describe('the official 10.7.2 items over HTTP', () => {
  it('are served beside the tree, answered like questions, and refused with a bad value', async () => {
    const tree = await ctx.app.inject({ url: '/v1/frameworks/migof/9.1.0', headers: focal });
    expect(tree.statusCode).toBe(200);
    const items = tree.json().sdg1072.domains.flatMap((d: { items: { key: string }[] }) => d.items);
    expect(items.map((i: { key: string }) => i.key)).toHaveLength(30);
    const { id } = await runAssessment(ctx, {
      focal,
      country: 'KEN',
      period: '2030',
      answers: [],
      until: 'draft',
    });
    const bad = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: { answers: [{ question: 'S1072.2a', value: 'yes_all' }] },
    });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().errors[0].path).toContain('answers[0]');
    const progress = await ctx.app.inject({ url: `/v1/assessments/${id}`, headers: focal });
    expect(progress.json().progress.domains.at(-1)).toMatchObject({ key: 'S1072', answered: 0, enabled: 30 });
  });

  it('are required before submission, and not applicable needs proof', async () => {
    const answers = v3Answers().filter((a) => a.question !== 'S1072.4b');
    const na = answers.find((a) => a.question === 'O2.5.3');
    if (na) {
      na.value = undefined;
      na.notApplicable = true;
      na.evidence = [];
    }
    const { id, etag } = await runAssessment(ctx, {
      focal,
      country: 'KEN',
      period: '2031',
      answers,
      until: 'draft',
    });
    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...focal, 'if-match': etag },
    });
    expect(submit.statusCode, submit.body).toBe(409);
    const missing = submit.json().missing;
    expect(missing).toContainEqual({ question: 'S1072.4b', reason: 'unanswered' });
    if (na) expect(missing).toContainEqual({ question: 'O2.5.3', reason: 'not_applicable_evidence' });
  });

  it('give the official values in the report and rows in the CSV', async () => {
    const answers = v3Answers().map((a) =>
      a.question === 'P2.1.1' ? { ...a, value: 'no', evidence: [] } : a,
    );
    // Domain 1: c-e "legal status only" (value 0.5): 1 + 1 + 1.5 = 3.5 of 5 -> 70, category 2.
    for (const a of answers) if (/^S1072\.1[cde]$/.test(a.question)) a.value = 'yes_legal';
    const { id } = await runAssessment(ctx, { focal, reviewer, country: 'KEN', period: '2032', answers });
    const report = await ctx.app.inject({ url: `/v1/assessments/${id}/report`, headers: focal });
    expect(report.statusCode, report.body).toBe(200);
    const r = report.json();
    expect(r.methodology.version).toBe(3);
    expect(r.sdg1072.official).toBe(true);
    expect(r.sdg1072.domains.map((d: { value: number }) => d.value)).toEqual([70, 100, 100, 100, 100, 100]);
    expect(r.sdg1072.domains[0].category).toEqual({
      code: 2,
      key: 'partially_meets',
      label: 'Partially meets',
    });
    expect(r.sdg1072.overall.value).toBe(95);
    expect(r.sdg1072.overall.category.code).toBe(3);
    // P2.1.1 = no suggests "no" for 2a, answered yes: listed, and the answer kept.
    expect(r.sdg1072.disagreements).toEqual([
      expect.objectContaining({ item: 'S1072.2a', answer: 'yes', suggestion: 'no', questions: ['P2.1.1'] }),
    ]);
    expect(r.gaps.some((g: { question: string }) => g.question.startsWith('S1072'))).toBe(false);
    expect(r.composite.band).toMatch(/^(initial|developing|established|advanced)$/);
    const csv = await ctx.app.inject({
      url: `/v1/assessments/${id}/report`,
      headers: { ...focal, accept: 'text/csv' },
    });
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const item = rows.find((row) => Object.values(row).includes('S1072.1c'));
    expect(item, csv.body.slice(0, 400)).toBeDefined();
  });
});

describe('copy forward from 2.0.0', () => {
  it('keeps only unchanged questions and lists the others with the reason', async () => {
    const v2 = v3Framework(crosswalk);
    const old = answerSet({ ...v2, sdg1072: undefined });
    const source = await runAssessment(ctx, {
      focal,
      reviewer,
      country: 'KEN',
      period: '2020',
      framework: V2,
      answers: old,
    });
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'KEN', period: '2033', framework: V3, copyFrom: source.id },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body.askedAgain).toEqual(
      expect.arrayContaining([
        { question: 'P1.1.1', reason: 'text_changed' },
        { question: 'P1.2.1', reason: 'options_changed' },
        { question: 'P1.3.2', reason: 'removed' },
      ]),
    );
    expect(body.askedAgain).toHaveLength(3);
    expect(body.progress.answered).toBe(old.length - 3);
    const answers = await ctx.app.inject({ url: `/v1/assessments/${body.id}/answers`, headers: focal });
    const keys = answers.json().answers.map((a: { question: string }) => a.question);
    expect(keys).not.toContain('P1.1.1');
    expect(keys).toContain('P1.1.2');
  });
});
