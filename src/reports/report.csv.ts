/**
 * The two CSV exports of a report: one row per question, and the scores table. Their columns are
 * fixed here; the rows are built in report.csv.questions and report.csv.scores. Both are files
 * people download and open in a spreadsheet, so both start with a UTF-8 BOM.
 */
import type { AnswerRow } from '../assessments/assessment.repository.ts';
import type { LocalizedFramework } from '../framework/framework.service.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { forSpreadsheets, toCsv } from '../lib/csv.ts';
import type { ScoreResult } from '../scoring/scoring.engine.ts';
import { questionRows } from './report.csv.questions.ts';
import { scoreRows } from './report.csv.scores.ts';
import type { Report } from './report.schemas.ts';

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
  'ministry',
] as const;
/** The English header (the column names programs rely on). */
export const REPORT_CSV_HEADER: string[] = [...REPORT_CSV_COLUMNS];

const header = (columns: readonly string[], locale: Locale) =>
  columns.map((c) => t(locale, `csv.header.${c}`));

/**
 * One row per question of the framework, answered or not, in framework order. `score` is on
 * 0-100; `unit` is the unit of a number answer (e.g. percent); `evidence` lists each item's title
 * and, when given, its URL or citation and the document it points at (`[document <id>]`, an id of
 * `GET …/documents`). Question text, option labels and units come from
 * `questions`, the framework in the reader's language; keys and codes stay as they are. `ministry`
 * is the code of the ministry that last answered (empty when the focal point did), from
 * `ministryCodes` (by ministry id).
 */
export function reportCsv(
  questions: LocalizedFramework['questions'],
  answers: AnswerRow[],
  result: ScoreResult,
  locale: Locale = DEFAULT_LOCALE,
  ministryCodes: ReadonlyMap<string, string> = new Map(),
): string {
  return forSpreadsheets(
    toCsv(header(REPORT_CSV_COLUMNS, locale), questionRows(questions, answers, result, ministryCodes)),
  );
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
  return forSpreadsheets(toCsv(header(SCORES_CSV_COLUMNS, locale), scoreRows(report, locale)));
}
