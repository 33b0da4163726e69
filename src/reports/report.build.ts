import type { AnswerRow, AssessmentRow } from '../assessments/assessment.repository.ts';
import type { AnswerableQuestion } from '../framework/framework.schema.ts';
import type { PublishedFramework } from '../framework/framework.service.ts';
import type { Locale } from '../i18n/locale.ts';
import { hasMessage, t, translator } from '../i18n/messages.ts';
import { unitFor } from '../i18n/units.ts';
import {
  type AnswerToken,
  bandFor,
  type Comparison,
  type Coverage,
  METHODOLOGY_VERSION,
  roundRatio,
  roundScore,
  type ScoreResult,
} from '../scoring/scoring.engine.ts';
import { type EvidenceDocument, evidenceSection } from './report.evidence.ts';
import { type ConsultedMinistry, ministriesAnswered } from './report.ministries.ts';
import { narrative } from './report.narrative.ts';
import type { Report } from './report.schemas.ts';
import { officialSection } from './report.sdg1072.ts';

/**
 * Turns an engine result into the report JSON (the Report schema in report.schemas.ts), in English: the
 * canonical form that is cached, stored at validation, and localized on the way out. Rounding
 * happens here and nowhere earlier.
 */

const STRENGTHS = 5;
const en = translator('en');
const roundOrNull = (x: number | null) => (x === null ? null : roundScore(x));
const coverage = (c: Coverage) => ({
  answered: c.answered,
  enabled: c.enabled,
  coverage: roundRatio(c.coverage),
  scored: c.scored,
});

export interface ReportInput {
  row: AssessmentRow;
  answers: AnswerRow[];
  published: PublishedFramework;
  countryName: string;
  result: ScoreResult;
  previous: { row: AssessmentRow; published: PublishedFramework; comparison: Comparison } | null;
  validatedBy: string | null;
  /** The ministries consulted (inter-ministerial consultation); none for a focal point answering alone. */
  ministries?: readonly ConsultedMinistry[];
  /** The assessment's uploaded documents, which evidence items may point at. */
  documents?: readonly EvidenceDocument[];
}

/** An answer as a person reads it: the option label, the number with its unit, or a word. */
export function answerLabel(
  question: AnswerableQuestion | undefined,
  token: AnswerToken,
  locale: Locale = 'en',
): string {
  if (token === null) return t(locale, 'report.answer.none');
  if (typeof token === 'object') return t(locale, 'report.answer.notApplicable');
  if (typeof token === 'number') {
    const unit = unitFor(locale, token, question?.number?.unit ?? '');
    return t(locale, 'report.answer.number', { value: token, unit }).trim();
  }
  return question?.options?.find((o) => o.value === token)?.label ?? token;
}

function sdg1072(published: PublishedFramework, result: ScoreResult): Report['sdg1072'] {
  const framework = published.framework;
  if (framework.sdg1072) return officialSection(framework, published.questions, result.sdg1072Official);
  const view = result.sdg1072;
  const spec = framework.methodology.sdg1072;
  if (view === null || spec === undefined) return null;
  return {
    inPlaceMin: view.inPlaceMin,
    domains: view.domains.map((domain, i) => ({
      number: domain.number,
      title: spec.domains[i]?.title ?? String(domain.number),
      subcategories: domain.subcategories.map((sub, j) => ({
        ...sub,
        label: spec.domains[i]?.subcategories[j]?.label ?? sub.key,
        score: roundOrNull(sub.score),
      })),
      inPlace: domain.inPlace,
      assessed: domain.assessed,
      score: roundOrNull(domain.score),
      category: domain.category,
    })),
    overall: { score: roundOrNull(view.overall.score), category: view.overall.category },
  };
}

function comparison(input: ReportInput): Report['comparison'] {
  const previous = input.previous;
  if (previous === null) return null;
  const { comparison: c, published } = previous;
  const question = (key: string) => input.published.questions.get(key);
  return {
    assessmentId: previous.row.id,
    period: previous.row.period,
    framework: { key: published.key, version: published.version },
    composite: roundOrNull(c.composite),
    compositeBand: bandFor(published.framework.methodology.bands, c.composite),
    compositeDelta: roundOrNull(c.compositeDelta),
    domains: c.domains.map((d) => ({ key: d.key, score: roundOrNull(d.score), delta: roundOrNull(d.delta) })),
    changedQuestions: c.changedQuestions.map((change) => ({
      ...change,
      text: question(change.question)?.text ?? '',
      beforeLabel: answerLabel(published.questions.get(change.question), change.before),
      afterLabel: answerLabel(question(change.question), change.after),
    })),
    commonQuestionsOnly: c.commonQuestionsOnly,
  };
}

/** Who gave the current answers: per person, how many and in which domains, most first. */
function contributors(answers: AnswerRow[]): Report['contributors'] {
  const people = new Map<string, Map<string, number>>();
  for (const answer of answers) {
    const domain = answer.question.split('.')[0] ?? '';
    const domains = people.get(answer.answeredBy) ?? new Map<string, number>();
    domains.set(domain, (domains.get(domain) ?? 0) + 1);
    people.set(answer.answeredBy, domains);
  }
  return [...people]
    .map(([sub, domains]) => ({
      sub,
      answers: [...domains.values()].reduce((a, b) => a + b, 0),
      domains: [...domains].map(([key, count]) => ({ key, answers: count })),
    }))
    .sort((a, b) => b.answers - a.answers || (a.sub < b.sub ? -1 : 1));
}

/** The five best-scoring sub-domains. */
function strengths(result: ScoreResult): Report['strengths'] {
  return result.domains
    .flatMap((d) =>
      d.subdomains.map((s) => ({ subdomain: s.key, domain: d.key, title: s.title, score: s.score })),
    )
    .filter((s): s is typeof s & { score: number } => s.score !== null)
    .sort((a, b) => b.score - a.score)
    .slice(0, STRENGTHS)
    .map((s) => ({ ...s, score: roundScore(s.score) }));
}

const lens = (prefix: string) => (l: ScoreResult['lenses']['hmgi'][number]) => ({
  key: l.key,
  label: hasMessage(`${prefix}.${l.key}`) ? en(`${prefix}.${l.key}`) : l.key,
  score: roundOrNull(l.score),
  questions: l.questions,
});

function composite(result: ScoreResult): Report['composite'] {
  const u = result.composite.uncertainty;
  return {
    score: roundOrNull(result.composite.score),
    band: result.composite.band,
    provisional: result.composite.provisional,
    imbalance: result.composite.imbalance,
    uncertainty: u && {
      p5: roundScore(u.p5),
      p50: roundScore(u.p50),
      p95: roundScore(u.p95),
      bandStability: roundRatio(u.bandStability),
    },
  };
}

function domains(result: ScoreResult): Report['domains'] {
  return result.domains.map((d) => ({
    key: d.key,
    kind: d.kind,
    title: d.title,
    weight: d.weight,
    score: roundOrNull(d.score),
    band: d.band,
    coverage: coverage(d.coverage),
    subdomains: d.subdomains.map((s) => ({
      key: s.key,
      title: s.title,
      weight: s.weight,
      score: roundOrNull(s.score),
      band: s.band,
      coverage: coverage(s.coverage),
    })),
  }));
}

function gaps(result: ScoreResult, published: PublishedFramework): Report['gaps'] {
  return result.gaps.map((g) => ({
    question: g.question,
    text: published.questions.get(g.question)?.text ?? '',
    domain: g.domain,
    subdomain: g.subdomain,
    score: roundScore(g.score * 100),
    weight: g.weight,
    potentialGain: roundOrNull(g.potentialGain),
  }));
}

export function buildReport(input: ReportInput): Report {
  const { row, published, result } = input;
  const validated = row.status === 'validated';
  const report: Report = {
    assessmentId: row.id,
    country: row.country,
    countryName: input.countryName,
    period: row.period,
    status: row.status,
    revision: row.revision,
    framework: { key: published.key, version: published.version },
    methodology: {
      // Methodology 3 comes with framework 2.1.0; older frameworks are reported under version 2.
      version: Math.max(METHODOLOGY_VERSION, published.framework.methodology.version),
      aggregation: result.aggregation,
      bands: published.framework.methodology.bands,
    },
    composite: composite(result),
    hmgiComposite: { score: roundOrNull(result.hmgiComposite.score), band: result.hmgiComposite.band },
    coverage: coverage(result.coverage),
    domains: domains(result),
    lenses: {
      hmgi: result.lenses.hmgi.map(lens('lens.hmgi')),
      sdgTargets: result.lenses.sdgTargets.map(lens('lens.sdg')),
    },
    gaps: gaps(result, published),
    strengths: strengths(result),
    comparison: comparison(input),
    sdg1072: sdg1072(published, result),
    narrative: [],
    contributors: contributors(input.answers),
    ministries: ministriesAnswered(input.answers, input.ministries ?? []),
    evidence: evidenceSection(published.questions.keys(), input.answers, input.documents ?? []),
    submittedAt: row.submittedAt ?? null,
    validatedAt: validated ? (row.validatedAt ?? null) : null,
    validatedBy: validated ? input.validatedBy : null,
    generatedAt: new Date().toISOString(),
  };
  report.narrative = narrative(report, 'en');
  return report;
}
