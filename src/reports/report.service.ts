import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { AnswerRow, AssessmentRepository, AssessmentRow } from '../assessments/assessment.repository.ts';
import { roundCoverage, toAnswerMap, type ValidationSnapshot } from '../assessments/assessment.service.ts';
import type { CountryService } from '../countries/country.service.ts';
import type { FrameworkService } from '../framework/framework.service.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import {
  type Aggregation,
  compareResults,
  roundScore,
  type ScoreResult,
  scoreAssessment,
} from '../scoring/scoring.engine.ts';
import type { Report } from './report.schemas.ts';

const STRENGTHS = 5;
const CACHE_SIZE = 1000;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const roundOrNull = (x: number | null) => (x === null ? null : roundScore(x));

/** Builds reports from an assessment's answers with the scoring engine; caches them per revision. */
export class ReportService {
  /**
   * `${id}:${revision}:${aggregation}` -> the report as UTF-8 bytes, ready to send. A revision
   * never changes content, and a validated report never changes at all.
   */
  private readonly cache = new BoundedMap<string, Buffer>(CACHE_SIZE);
  /** The same reports gzipped, made on first request: compressing once beats compressing per response. */
  private readonly gzipped = new WeakMap<Buffer, Buffer>();

  constructor(
    private readonly repository: AssessmentRepository,
    private readonly frameworks: FrameworkService,
    private readonly countries: CountryService,
  ) {}

  /** `draws` defaults to the method's 1,000; pass 1 where the uncertainty is not used. */
  score(row: AssessmentRow, answers: AnswerRow[], aggregation: Aggregation, draws?: number): ScoreResult {
    const { compiled } = this.frameworks.getById(row.frameworkId);
    return scoreAssessment(compiled, toAnswerMap(answers), {
      aggregation,
      seed: `${row.id}:${row.revision}`,
      draws,
    });
  }

  /** The report as JSON bytes: the stored snapshot once validated, otherwise computed; cached either way. */
  reportBuffer(row: AssessmentRow, aggregation: Aggregation): Buffer {
    const key = `${row.id}:${row.revision}:${aggregation}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Most recently used goes last, so eviction drops the least recently used.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const snapshot = row.status === 'validated' ? this.repository.snapshot(row.id) : null;
    const json = snapshot
      ? aggregation === 'geometric'
        ? snapshot.geometric
        : snapshot.arithmetic
      : JSON.stringify(this.build(row, this.repository.answers(row.id), aggregation).report);
    const bytes = Buffer.from(json, 'utf8');
    if (this.repository.inTransaction) return bytes;
    this.cache.set(key, bytes);
    return bytes;
  }

  /** The report gzipped (level 6), for clients that accept it. */
  reportGzip(row: AssessmentRow, aggregation: Aggregation): Buffer {
    const plain = this.reportBuffer(row, aggregation);
    let packed = this.gzipped.get(plain);
    if (!packed) {
      packed = gzipSync(plain, { level: 6 });
      this.gzipped.set(plain, packed);
    }
    return packed;
  }

  reportJson(row: AssessmentRow, aggregation: Aggregation): string {
    return this.reportBuffer(row, aggregation).toString('utf8');
  }

  /** Both aggregations for the snapshot taken at validation. */
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

  snapshot = (row: AssessmentRow, answers: AnswerRow[]): ValidationSnapshot => {
    // A new validated assessment can be the "previous round" of other reports: drop the cached
    // ones so their comparison is computed again (validations are rare; snapshots reload cheaply).
    this.cache.clear();
    this.validations += 1;
    const arithmetic = this.build(row, answers, 'arithmetic');
    const geometric = this.build(row, answers, 'geometric');
    return {
      arithmetic: JSON.stringify(arithmetic.report),
      geometric: JSON.stringify(geometric.report),
      result: arithmetic.result,
    };
  };

  build(
    row: AssessmentRow,
    answers: AnswerRow[],
    aggregation: Aggregation,
  ): { report: Report; result: ScoreResult } {
    const published = this.frameworks.getById(row.frameworkId);
    const result = this.score(row, answers, aggregation);
    const framework = published.framework;
    const strengths = result.domains
      .flatMap((d) =>
        d.subdomains.map((s) => ({ subdomain: s.key, domain: d.key, title: s.title, score: s.score })),
      )
      .filter((s): s is typeof s & { score: number } => s.score !== null)
      .sort((a, b) => b.score - a.score)
      .slice(0, STRENGTHS)
      .map((s) => ({ ...s, score: roundScore(s.score) }));

    const report: Report = {
      assessmentId: row.id,
      country: row.country,
      countryName: this.countries.find(row.country)?.name ?? row.country,
      period: row.period,
      status: row.status,
      revision: row.revision,
      framework: { key: published.key, version: published.version },
      methodology: {
        version: framework.methodology.version,
        aggregation,
        bands: framework.methodology.bands,
      },
      composite: {
        score: roundOrNull(result.composite.score),
        band: result.composite.band,
        provisional: result.composite.provisional,
        uncertainty: result.composite.uncertainty && {
          p5: roundScore(result.composite.uncertainty.p5),
          p50: roundScore(result.composite.uncertainty.p50),
          p95: roundScore(result.composite.uncertainty.p95),
          bandStability: round4(result.composite.uncertainty.bandStability),
        },
      },
      coverage: roundCoverage(result.coverage),
      domains: result.domains.map((d) => ({
        key: d.key,
        kind: d.kind,
        title: d.title,
        weight: d.weight,
        score: roundOrNull(d.score),
        band: d.band,
        coverage: roundCoverage(d.coverage),
        subdomains: d.subdomains.map((s) => ({
          key: s.key,
          title: s.title,
          weight: s.weight,
          score: roundOrNull(s.score),
          band: s.band,
          coverage: roundCoverage(s.coverage),
        })),
      })),
      lenses: {
        hmgi: result.lenses.hmgi.map((l) => ({ ...l, score: roundOrNull(l.score) })),
        sdgTargets: result.lenses.sdgTargets.map((l) => ({ ...l, score: roundOrNull(l.score) })),
      },
      gaps: result.gaps.map((g) => ({
        question: g.question,
        text: published.questions.get(g.question)?.text ?? '',
        domain: g.domain,
        subdomain: g.subdomain,
        score: roundScore(g.score * 100),
        weight: g.weight,
        potentialGain: roundOrNull(g.potentialGain),
      })),
      strengths,
      comparison: this.comparison(row, answers, result),
      generatedAt: new Date().toISOString(),
    };
    return { report, result };
  }

  private comparison(row: AssessmentRow, answers: AnswerRow[], result: ScoreResult): Report['comparison'] {
    const previous = this.repository.previousValidated(row.country, row.period);
    if (!previous || previous.id === row.id) return null;
    const previousAnswers = this.repository.answers(previous.id);
    // Only the previous round's scores are compared, not its uncertainty.
    const previousResult = this.score(previous, previousAnswers, result.aggregation, 1);
    const previousFramework = this.frameworks.getById(previous.frameworkId);
    const comparison = compareResults(
      { compiled: this.frameworks.getById(row.frameworkId).compiled, result, answers: toAnswerMap(answers) },
      { compiled: previousFramework.compiled, result: previousResult, answers: toAnswerMap(previousAnswers) },
    );
    return {
      assessmentId: previous.id,
      period: previous.period,
      framework: { key: previousFramework.key, version: previousFramework.version },
      compositeDelta: roundOrNull(comparison.compositeDelta),
      domains: comparison.domains.map((d) => ({ key: d.key, delta: roundOrNull(d.delta) })),
      changedQuestions: comparison.changedQuestions,
      commonQuestionsOnly: comparison.commonQuestionsOnly,
    };
  }
}
