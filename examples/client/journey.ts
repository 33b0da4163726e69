/**
 * A national focal point's first assessment, end to end, through a client typed from the
 * OpenAPI document: open an assessment, read the questionnaire, answer every question, submit;
 * a reviewer validates; then read the scored report and the SDG 10.7.2 aggregate.
 *
 *   MIGOV_URL=http://127.0.0.1:3000 MIGOV_FOCAL_TOKEN=… MIGOV_REVIEWER_TOKEN=… \
 *     npx tsx examples/client/journey.ts [--country ISO3] [--period YYYY]
 *
 * See README.md next to this file.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

type Schemas = components['schemas'];
export type Framework = Schemas['PublishedFramework'];
export type Question = Schemas['Question'];
export type AnswerItem = Schemas['AnswerItem'];
export type Problem = Schemas['Problem'];

/** JSON bodies only (success and problem+json); the CSV and SVG variants are not used here. */
type Json = `${string}/${string}json`;
export type MigovClient = Client<paths, Json>;

export interface JourneyOptions {
  baseUrl: string;
  focalToken: string;
  reviewerToken: string;
  /** ISO 3166-1 alpha-3; must be the focal point's own country. */
  country: string;
  /** A calendar year without an open assessment for the country yet. */
  period: string;
  /** Where each answer lands on the 0-1 score scale (1: the best option everywhere). */
  level?: number;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
}

export interface JourneySummary {
  assessmentId: string;
  status: Schemas['AssessmentStatus'];
  answered: number;
  composite: number | null;
  band: string | null;
  uncertainty: Schemas['Uncertainty'] | null;
  /** Countries with a validated assessment for the period, in the SDG 10.7.2 aggregate. */
  aggregateTotal: number;
}

/** A request the API refused, with the problem+json it answered. */
export class JourneyError extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(`${step}: HTTP ${status}${problem ? ` ${problem.title}: ${problem.detail}` : ''}`);
    this.name = 'JourneyError';
  }
}

/** The data and ETag of a successful call, or a JourneyError naming the step. */
export async function expectOk<Data, Failure extends Problem>(
  step: string,
  pending: Promise<{ data?: Data; error?: Failure; response: Response }>,
): Promise<{ data: Data; etag: string }> {
  const { data, error, response } = await pending;
  if (error !== undefined || data === undefined) throw new JourneyError(step, response.status, error);
  return { data, etag: response.headers.get('etag') ?? '' };
}

/**
 * fetch as a polite client uses it: a 503 with Retry-After (a server still starting, or shedding
 * load) is tried again after the delay it names (at most 5 s), up to three times.
 */
async function politeFetch(request: Request): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(request.clone());
    const wait = Number(response.headers.get('retry-after'));
    if (response.status !== 503 || attempt >= 3 || !Number.isFinite(wait)) return response;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 5) * 1000));
  }
}

export function migovClient(baseUrl: string, token: string): MigovClient {
  return createClient<paths, Json>({
    baseUrl,
    headers: { authorization: `Bearer ${token}` },
    fetch: politeFetch,
  });
}

const isEnabled = (question: Question, chosen: ReadonlyMap<string, AnswerItem>) => {
  if (!question.enableWhen) return true;
  const value = chosen.get(question.enableWhen.question)?.value;
  return typeof value === 'string' && question.enableWhen.in.includes(value);
};

/**
 * A complete, valid answer set for a framework: each enabled question answered with the option
 * (or number) nearest `level` on the score scale, with evidence where the question asks for it.
 * Questions that the chosen answers disable are left out, as a respondent would.
 */
export function answersFor(framework: Framework, level = 0.75): AnswerItem[] {
  const chosen = new Map<string, AnswerItem>();
  for (const domain of framework.domains) {
    for (const subdomain of domain.subdomains) {
      for (const question of subdomain.questions) {
        if (!isEnabled(question, chosen)) continue;
        const evidence = question.evidenceRequired
          ? [{ title: `Evidence for ${question.key}`, url: 'https://example.org/evidence.pdf' }]
          : undefined;
        let value: string | number;
        if (question.type === 'number' && question.number) {
          const { worst, best, integer } = question.number;
          const raw = worst + (best - worst) * level;
          // Counts take whole numbers (the API refuses 2.5 conventions).
          value = integer ? Math.round(raw) : Math.round(raw * 100) / 100;
        } else {
          const options = [...(question.options ?? [])].sort(
            (a, b) => Math.abs(a.score - level) - Math.abs(b.score - level) || b.score - a.score,
          );
          const option = options[0];
          if (!option) throw new Error(`${question.key} has no options`);
          value = option.value;
        }
        chosen.set(question.key, { question: question.key, value, ...(evidence ? { evidence } : {}) });
      }
    }
  }
  // From 2.1.0 the official 10.7.2 items are required too: answered at their first option ("yes"),
  // with the evidence a positive answer needs.
  for (const domain of framework.sdg1072?.domains ?? []) {
    for (const item of domain.items) {
      const value = item.options[0]?.value ?? 'yes';
      const evidence = [{ title: `Evidence for ${item.key}`, url: 'https://example.org/evidence.pdf' }];
      chosen.set(item.key, { question: item.key, value, evidence });
    }
  }
  return [...chosen.values()];
}

/** Runs the whole journey against a migov instance and returns what the report says. */
export async function runJourney(options: JourneyOptions): Promise<JourneySummary> {
  const { country, period, level = 0.75, log = () => {} } = options;
  const focal = migovClient(options.baseUrl, options.focalToken);
  const reviewer = migovClient(options.baseUrl, options.reviewerToken);

  log(`Opening an assessment for ${country} ${period}`);
  const created = await expectOk(
    'create the assessment',
    focal.POST('/v1/assessments', { body: { country, period } }),
  );
  const id = created.data.id;
  const { key, version } = created.data.framework;

  log(`Reading the questionnaire ${key} ${version}`);
  const { data: framework } = await expectOk(
    'read the framework',
    focal.GET('/v1/frameworks/{key}/{version}', { params: { path: { key, version } } }),
  );

  const answers = answersFor(framework, level);
  log(`Answering ${answers.length} questions in one batch`);
  const answered = await expectOk(
    'answer the questions',
    focal.PUT('/v1/assessments/{id}/answers', {
      params: { path: { id }, header: { 'if-match': created.etag } },
      body: { answers },
    }),
  );

  log('Submitting for review');
  const submitted = await expectOk(
    'submit',
    focal.POST('/v1/assessments/{id}/submit', {
      params: { path: { id }, header: { 'if-match': answered.etag } },
      body: {},
    }),
  );

  log('Validating as the reviewer');
  const validated = await expectOk(
    'validate',
    reviewer.POST('/v1/assessments/{id}/validate', {
      params: { path: { id }, header: { 'if-match': submitted.etag } },
      body: {},
    }),
  );

  log('Reading the report and the SDG 10.7.2 aggregate');
  const { data: report } = await expectOk(
    'read the report',
    focal.GET('/v1/assessments/{id}/report', { params: { path: { id } } }),
  );
  const { data: aggregate } = await expectOk(
    'read the SDG 10.7.2 aggregate',
    focal.GET('/v1/indicators/sdg-10-7-2', { params: { query: { period } } }),
  );

  return {
    assessmentId: id,
    status: validated.data.status,
    answered: answered.data.progress.answered,
    composite: report.composite.score,
    band: report.composite.band,
    uncertainty: report.composite.uncertainty,
    aggregateTotal: aggregate.total,
  };
}

/** When run as a script: settings from the environment, the country from the focal token. */
async function main() {
  const { values } = parseArgs({
    options: { country: { type: 'string' }, period: { type: 'string' } },
  });
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`set ${name} (see examples/client/README.md)`);
    return value;
  };
  const baseUrl = env('MIGOV_URL');
  const focalToken = env('MIGOV_FOCAL_TOKEN');
  const reviewerToken = env('MIGOV_REVIEWER_TOKEN');

  let country = values.country ?? process.env.MIGOV_COUNTRY;
  if (!country) {
    const { data: me } = await expectOk('read /v1/me', migovClient(baseUrl, focalToken).GET('/v1/me'));
    if (!me.country) throw new Error('the focal token has no country claim: pass --country');
    country = me.country;
  }
  const period = values.period ?? process.env.MIGOV_PERIOD ?? String(new Date().getFullYear());

  const summary = await runJourney({
    baseUrl,
    focalToken,
    reviewerToken,
    country,
    period,
    log: (line) => console.error(`… ${line}`),
  });
  console.log(JSON.stringify(summary, null, 2));
}

if (process.argv[1] && resolve(process.argv[1]) === import.meta.filename) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
