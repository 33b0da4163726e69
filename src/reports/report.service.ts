import { randomBytes } from 'node:crypto';
import { toAnswerMap } from '../assessments/answer.codec.ts';
import type { AnswerRow, AssessmentRow } from '../assessments/assessment.repository.ts';
import type { CountryService } from '../countries/country.service.ts';
import { CommittedCache } from '../db/committed-cache.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import type { FrameworkService, LocalizedFramework } from '../framework/framework.service.ts';
import type { Locale } from '../i18n/locale.ts';
import {
  type Aggregation,
  type AnswerMap,
  compareResults,
  type ScoreResult,
  scoreAssessment,
} from '../scoring/scoring.engine.ts';
import { buildReport, type ReportInput } from './report.build.ts';
import type { EvidenceDocument } from './report.evidence.ts';
import { localizeReport } from './report.localize.ts';
import type { ConsultedMinistry } from './report.ministries.ts';
import type { ReportRepository } from './report.repository.ts';
import type { Report } from './report.schemas.ts';

const CACHE_SIZE = 1000;
/** Profile PDFs kept (~15-50 KB each). */
const DOCUMENT_CACHE_SIZE = 100;
/** Previous rounds kept: one per country and aggregation compared against. */
const ROUND_CACHE_SIZE = 500;

/** What reports read of the assessments (the assessments module's service provides it). */
export interface AssessmentReader {
  answersOf(row: AssessmentRow): AnswerRow[];
  /** The same country's latest validated assessment of an earlier period. */
  previousValidated(row: AssessmentRow): AssessmentRow | null;
}

/** Builds reports from an assessment's answers with the scoring engine; caches them per revision. */
export class ReportService {
  /**
   * `${id}:${revision}:${aggregation}:${locale}${version}` -> the report as UTF-8 bytes, ready to
   * send. A revision never changes content (with `version`, see below), and a validated report
   * never changes at all.
   */
  private readonly cache: CommittedCache<string, Buffer>;
  /** Documents made from a report (the profile PDF), keyed as the report is, plus their kind. */
  private readonly documents: CommittedCache<string, Buffer>;
  /** Documents being made, so that clients asking for the same one at once wait for one build. */
  private readonly making = new Map<string, Promise<Buffer>>();
  /**
   * A validated round's answers and scores (one draw), by id, revision and aggregation: the
   * previous round every report of the next one compares with. Read and scored once, not per build.
   */
  private readonly rounds: CommittedCache<string, { answers: AnswerMap; result: ScoreResult }>;
  /**
   * The previous validated round of a country and period (null: none), which only a validation
   * changes: every report built from scratch asked SQLite for it, which cost more than the
   * comparison itself.
   */
  private readonly previousRows: CommittedCache<string, { row: AssessmentRow | null }>;

  constructor(
    private readonly assessments: AssessmentReader,
    private readonly repository: ReportRepository,
    private readonly frameworks: FrameworkService,
    private readonly countries: Pick<CountryService, 'find' | 'nameIn'>,
    writes: Pick<GroupCommit, 'afterCommit'>,
    /** The ministries consulted on an assessment (the consultation module's). */
    private readonly consulted: (row: AssessmentRow, answers: AnswerRow[]) => ConsultedMinistry[] = () => [],
    /** The assessment's uploaded documents (the documents module's), which evidence may point at. */
    private readonly documentsOf: (row: AssessmentRow) => readonly EvidenceDocument[] = () => [],
  ) {
    this.cache = new CommittedCache(writes, CACHE_SIZE, true);
    this.documents = new CommittedCache(writes, DOCUMENT_CACHE_SIZE, true);
    this.rounds = new CommittedCache(writes, ROUND_CACHE_SIZE, true);
    this.previousRows = new CommittedCache(writes, ROUND_CACHE_SIZE, true);
  }

  /** Each consulted ministry's code, by id: for the CSV's `ministry` column. */
  ministryCodes(row: AssessmentRow, answers: AnswerRow[]): Map<string, string> {
    return new Map(this.consulted(row, answers).map((m) => [m.id, m.code]));
  }

  /** `draws` defaults to the method's 1,000; pass 1 where the sensitivity is not used. */
  score(row: AssessmentRow, answers: AnswerRow[], aggregation: Aggregation, draws?: number): ScoreResult {
    const { compiled } = this.frameworks.getById(row.frameworkId);
    // v2: seeded by the assessment id (the engine adds the scored answers), never the revision.
    return scoreAssessment(compiled, toAnswerMap(answers), { aggregation, seed: row.id, draws });
  }

  /**
   * The report as JSON bytes: the stored snapshot once validated, otherwise computed; in English,
   * or localized from the English one (numbers untouched). Cached per revision, aggregation and
   * language either way.
   */
  reportBuffer(row: AssessmentRow, aggregation: Aggregation, locale: Locale = 'en'): Buffer {
    const key = `${row.id}:${row.revision}:${aggregation}:${locale}${this.version(row)}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const bytes =
      locale === 'en'
        ? Buffer.from(this.englishJson(row, aggregation), 'utf8')
        : Buffer.from(
            JSON.stringify(this.localize(JSON.parse(this.reportJson(row, aggregation)) as Report, locale)),
          );
    this.cache.set(key, bytes);
    return bytes;
  }

  private englishJson(row: AssessmentRow, aggregation: Aggregation): string {
    const snapshot = row.status === 'validated' ? this.repository.snapshot(row.id) : null;
    if (snapshot) return aggregation === 'geometric' ? snapshot.geometric : snapshot.arithmetic;
    return JSON.stringify(this.build(row, this.assessments.answersOf(row), aggregation).report);
  }

  /** A report object in `locale`; the language actually used is in `contentLanguage`. */
  localize(report: Report, locale: Locale): Report {
    const current = this.frameworks.localized(
      this.frameworks.get(report.framework.key, report.framework.version),
      locale,
    );
    const ref = report.comparison?.framework;
    const previous = ref
      ? this.frameworks.localized(this.frameworks.get(ref.key, ref.version), locale)
      : null;
    // The country as the UN writes it in that language (a snapshot holds the English name).
    const countryName = this.countries.nameIn(report.country, locale);
    return { ...localizeReport(report, locale, current, previous), countryName };
  }

  /** The language a report in `locale` is written in: English where the framework has no translation. */
  contentLanguage(row: AssessmentRow, locale: Locale): Locale {
    return this.frameworks.localized(this.frameworks.getById(row.frameworkId), locale).locale;
  }

  /** The assessment's questions in `locale` (English where the framework has no translation). */
  questionsIn(row: AssessmentRow, locale: Locale): LocalizedFramework['questions'] {
    return this.frameworks.localized(this.frameworks.getById(row.frameworkId), locale).questions;
  }

  /**
   * A document made from the report by `make` (the profile PDF: 30-130 ms of the event loop),
   * made once per revision, language and version, as the report it is made from is.
   */
  async document(
    row: AssessmentRow,
    kind: string,
    locale: Locale,
    make: () => Promise<Buffer>,
  ): Promise<Buffer> {
    const key = `${row.id}:${row.revision}:${kind}:${locale}${this.version(row)}`;
    const cached = this.documents.get(key);
    if (cached) return cached;
    let making = this.making.get(key);
    if (!making) {
      making = make().finally(() => this.making.delete(key));
      this.making.set(key, making);
    }
    const bytes = await making;
    this.documents.set(key, bytes);
    return bytes;
  }

  reportJson(row: AssessmentRow, aggregation: Aggregation): string {
    return this.reportBuffer(row, aggregation).toString('utf8');
  }

  /**
   * A draft's report also depends on the country's previous validated round, which a later
   * validation can change without touching the draft's revision. Its ETag therefore carries
   * this process's validation count (and a per-process nonce, so a restart never reuses one).
   */
  private validations = 0;
  private readonly epoch = randomBytes(4).toString('hex');

  /** What, besides its revision, a report's content depends on, for its ETag. */
  version(row: AssessmentRow): string {
    return row.status === 'validated' ? '' : `-${this.epoch}.${this.validations}`;
  }

  /**
   * Stores the snapshot of a validated assessment, its report in both aggregations, so it never
   * changes; returns the (arithmetic) result for the other records of the validation. Call inside
   * the validation's transaction.
   */
  recordValidation(row: AssessmentRow, answers: AnswerRow[], validatedBy: string): ScoreResult {
    // A new validated assessment can be the "previous round" of other reports: their version
    // moves, and what was cached for them is dropped (validations are rare; snapshots reload cheaply).
    this.cache.clear();
    this.documents.clear();
    this.previousRows.clear();
    this.validations += 1;
    const arithmetic = this.build(row, answers, 'arithmetic', validatedBy);
    const geometric = this.build(row, answers, 'geometric', validatedBy);
    this.repository.insertSnapshot({
      assessmentId: row.id,
      arithmetic: JSON.stringify(arithmetic.report),
      geometric: JSON.stringify(geometric.report),
    });
    return arithmetic.result;
  }

  build(
    row: AssessmentRow,
    answers: AnswerRow[],
    aggregation: Aggregation,
    validatedBy: string | null = null,
  ): { report: Report; result: ScoreResult } {
    const published = this.frameworks.getById(row.frameworkId);
    const result = this.score(row, answers, aggregation);
    const report = buildReport({
      row,
      answers,
      published,
      countryName: this.countries.find(row.country)?.name ?? row.country,
      result,
      previous: this.previousRound(row, answers, result),
      validatedBy,
      ministries: this.consulted(row, answers),
      documents: this.documentsOf(row),
    });
    return { report, result };
  }

  /** The country's latest earlier validated round, compared with this one. */
  private previousRound(
    row: AssessmentRow,
    answers: AnswerRow[],
    result: ScoreResult,
  ): ReportInput['previous'] {
    const previous = this.previousValidated(row);
    if (!previous || previous.id === row.id) return null;
    const round = this.validatedRound(previous, result.aggregation);
    const published = this.frameworks.getById(previous.frameworkId);
    const comparison = compareResults(
      { compiled: this.frameworks.getById(row.frameworkId).compiled, result, answers: toAnswerMap(answers) },
      { compiled: published.compiled, result: round.result, answers: round.answers },
    );
    return { row: previous, published, comparison };
  }

  private previousValidated(row: AssessmentRow): AssessmentRow | null {
    const key = `${row.country}:${row.period}`;
    const cached = this.previousRows.get(key);
    if (cached) return cached.row;
    const previous = this.assessments.previousValidated(row);
    this.previousRows.set(key, { row: previous });
    return previous;
  }

  /** A validated round's answers and scores; only its scores are compared, not its sensitivity. */
  private validatedRound(row: AssessmentRow, aggregation: Aggregation) {
    const key = `${row.id}:${row.revision}:${aggregation}`;
    const cached = this.rounds.get(key);
    if (cached) return cached;
    const answers = this.assessments.answersOf(row);
    const round = { answers: toAnswerMap(answers), result: this.score(row, answers, aggregation, 1) };
    this.rounds.set(key, round);
    return round;
  }
}
