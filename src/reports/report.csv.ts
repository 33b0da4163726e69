import type { AnswerRow } from '../assessments/assessment.repository.ts';
import { answerState } from '../assessments/answer.codec.ts';
import type { PublishedFramework } from '../framework/framework.service.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { type Cell, toCsv } from '../lib/csv.ts';
import { roundScore, type ScoreResult } from '../scoring/scoring.engine.ts';
import type { Report } from './report.schemas.ts';
import { bandLabel, previousScores } from './report.svg.ts';

/** The question table's columns; the first eleven are the original export, kept in place. */
export const REPORT_CSV_COLUMNS = [
  'domain',
  'subdomain',
  'question',
  'text',
  'answer',
  'not_applicable',
  'score',
  'weight',
  'enabled',
  'comment',
  'evidence_count',
  'unit',
  'evidence',
] as const;
/** The English header (the column names programs rely on). */
export const REPORT_CSV_HEADER: string[] = [...REPORT_CSV_COLUMNS];

const header = (columns: readonly string[], locale: Locale) =>
  columns.map((c) => t(locale, `csv.header.${c}`));

/**
 * One row per question of the framework, answered or not, in framework order. `score` is on
 * 0-100; `unit` is the unit of a number answer (e.g. percent); `evidence` lists each item's title
 * and, when given, its URL or citation.
 */
export function reportCsv(
  framework: PublishedFramework,
  answers: AnswerRow[],
  result: ScoreResult,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const byQuestion = new Map(answers.map((a) => [a.question, answerState(a)]));
  const rows: Cell[][] = result.questions.map((q) => {
    const answer = byQuestion.get(q.key);
    const question = framework.questions.get(q.key);
    const label = question?.options?.find((o) => o.value === answer?.value)?.label;
    const evidence = answer?.evidence ?? [];
    return [
      q.domain,
      q.subdomain,
      q.key,
      question?.text,
      answer?.value === null || answer?.value === undefined ? '' : (label ?? answer.value),
      answer?.notApplicable ?? false,
      q.score === null ? null : roundScore(q.score * 100),
      q.weight,
      q.enabled,
      answer?.comment,
      evidence.length,
      question?.type === 'number' ? question.number?.unit : '',
      evidence.map((e) => (e.url || e.citation ? `${e.title} <${e.url ?? e.citation}>` : e.title)).join('; '),
    ];
  });
  return toCsv(header(REPORT_CSV_COLUMNS, locale), rows);
}

export const SCORES_CSV_COLUMNS = [
  'country',
  'country_name',
  'period',
  'status',
  'framework',
  'methodology',
  'validated_at',
  'level',
  'key',
  'title',
  'score',
  'unit',
  'band',
  'band_label',
  'provisional',
  'answered',
  'applicable',
  'scored',
  'previous_period',
  'previous_score',
  'change',
] as const;

/**
 * The scores of a report as one table: the MGI (and the HMG-I reading), each domain and each
 * sub-domain, every row carrying the country, period, status, framework and methodology so that
 * it reads on its own (and rows from several reports can be stacked). Codes (`level`, `key`,
 * `band`) never change with the language; `title` and `band_label` do.
 */
export function scoresCsv(report: Report, locale: Locale = DEFAULT_LOCALE): string {
  const unit = t(locale, 'csv.unit.score');
  const previous = previousScores(report);
  const previousPeriod = report.comparison?.period ?? null;
  const extras = report as Report & { validatedAt?: string | null; hmgiComposite?: Report['hmgiComposite'] };
  const context: Cell[] = [
    report.country,
    report.countryName,
    report.period,
    report.status,
    `${report.framework.key} ${report.framework.version}`,
    `v${report.methodology.version} ${report.methodology.aggregation}`,
    extras.validatedAt ?? null,
  ];
  const coverage = (c: { answered: number; enabled: number; scored?: number }): Cell[] => [
    c.answered,
    c.enabled,
    c.scored ?? null,
  ];
  const change = (now: number | null, before: number | null | undefined): Cell[] => [
    previousPeriod,
    before ?? null,
    now !== null && before !== null && before !== undefined ? roundScore(now - before) : null,
  ];
  const row = (
    level: string,
    key: string,
    title: string,
    score: number | null,
    band: string | null,
    provisional: boolean | null,
    cov: Cell[],
    before: number | null | undefined,
  ): Cell[] => [
    ...context,
    level,
    key,
    title,
    score,
    unit,
    band,
    bandLabel(report, band, locale),
    provisional,
    ...cov,
    ...(previous ? change(score, before) : [null, null, null]),
  ];

  const rows: Cell[][] = [
    row(
      'composite',
      'MGI',
      t(locale, 'csv.title.composite'),
      report.composite.score,
      report.composite.band,
      report.composite.provisional,
      coverage(report.coverage),
      previous?.composite,
    ),
  ];
  if (extras.hmgiComposite) {
    rows.push(
      row(
        'hmgi',
        'HMG-I',
        t(locale, 'csv.title.hmgi'),
        extras.hmgiComposite.score,
        extras.hmgiComposite.band,
        null,
        [null, null, null],
        undefined,
      ),
    );
  }
  for (const d of report.domains) {
    rows.push(
      row(
        'domain',
        d.key,
        d.title,
        d.score,
        d.band,
        null,
        coverage(d.coverage),
        previous?.domains.get(d.key),
      ),
    );
    for (const s of d.subdomains) {
      rows.push(row('subdomain', s.key, s.title, s.score, s.band, null, coverage(s.coverage), undefined));
    }
  }
  return toCsv(header(SCORES_CSV_COLUMNS, locale), rows);
}
