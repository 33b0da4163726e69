/**
 * The states a person can find a report in, built through the API on a fresh app: every chart,
 * CSV and profile test draws from these so each is checked at each state.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS_DIR } from '../../src/paths.ts';
import type { Report } from '../../src/reports/report.schemas.ts';
import { type AnswerItem, answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

export const STATES = ['full', 'fullWithPrevious', 'partialDraft', 'zeros', 'empty'] as const;
export type State = (typeof STATES)[number];

type FrameworkRef = { key: string; version: string };
interface Round {
  framework: FrameworkRef;
  answers: AnswerItem[];
}
/** The demo's answers (seeds/demo), on the framework version they were written for. */
const demo = (period: string): Round =>
  JSON.parse(readFileSync(join(SEEDS_DIR, `demo/answers-${period}.json`), 'utf8'));
const MIGOF_1: FrameworkRef = { key: 'migof', version: '1.0.0' };

export interface ReportStates {
  ctx: TestContext;
  admin: { authorization: string };
  ids: Record<State, string>;
  report: (state: State) => Promise<Report>;
}

export async function reportStates(): Promise<ReportStates> {
  const ctx = await createTestApp();
  const admin = await ctx.auth({ role: 'admin', sub: 'ada' });
  const reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });

  const focal = admin;
  // Only the framework and answers of a round: the demo files also name their own country and period.
  const open = (country: string, period: string, { framework, answers }: Round) =>
    runAssessment(ctx, { focal, country, period, framework, answers, until: 'draft' });
  const validated = async (country: string, period: string, { framework, answers }: Round) =>
    (await runAssessment(ctx, { focal, reviewer, country, period, framework, answers })).id;

  await validated('GHA', '2024', demo('2024'));
  const fullWithPrevious = await validated('GHA', '2025', demo('2025'));
  const full = await validated('KEN', '2025', demo('2025'));
  // Principles answered, objectives not: O1-O3 have no score while 2025 had one.
  const partialDraft = (
    await open('GHA', '2026', {
      ...demo('2025'),
      answers: demo('2025').answers.filter((a) => a.question.startsWith('P')),
    })
  ).id;
  const zeros = await validated('SEN', '2025', { framework: MIGOF_1, answers: answerSet(migof(), 0) });
  const empty = (await open('SEN', '2026', { framework: MIGOF_1, answers: [] })).id;
  const ids = { full, fullWithPrevious, partialDraft, zeros, empty };

  return {
    ctx,
    admin,
    ids,
    // Straight from the service: these tests are about what is drawn from a report; the report
    // route's own tests check its response against the OpenAPI document.
    report: async (state) => {
      const { assessments, reports } = ctx.app.services;
      const row = assessments.load({ sub: 'ada', role: 'admin' }, ids[state]);
      return JSON.parse(reports.reportJson(row, 'arithmetic')) as Report;
    },
  };
}
