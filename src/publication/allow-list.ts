import type { Locale } from '../i18n/locale.ts';
import { bandKeyOf } from '../reports/report.bands.ts';
import { narrative } from '../reports/report.narrative.ts';
import type { Report } from '../reports/report.schemas.ts';
import type { PublicDocumentMeta, PublicProfile } from './publication.schemas.ts';

/**
 * The allow-list of what the public sees (STYLE 18): each public field is copied by name from the
 * validated report; nothing private is removed, because nothing private is ever copied. Answer
 * comments, threads, who typed what (contributors, ministries), the reviewer's name and any
 * unpublished round are simply not named here. The preview and the publication both use it.
 */

export interface ProfileInput {
  report: Report;
  locale: Locale;
  version: number;
  approval: { authority: string; approvedAt: string };
  publishedAt: string;
  documents: PublicDocumentMeta[];
  evidence: PublicProfile['evidence'];
  /** The country's previous published round in the same language, or null. */
  previous: PublicProfile | null;
}

const delta = (now: number | null, before: number | null) =>
  now === null || before === null ? null : Math.round((now - before) * 100) / 100;

function publishedComparison(report: Report, previous: PublicProfile | null): PublicProfile['comparison'] {
  if (!previous) return null;
  const before = new Map(previous.domains.map((d) => [d.key, d.score]));
  return {
    period: previous.period,
    version: previous.version,
    composite: previous.composite.score,
    compositeDelta: delta(report.composite.score, previous.composite.score),
    domains: report.domains.map((d) => ({
      key: d.key,
      score: before.get(d.key) ?? null,
      delta: delta(d.score, before.get(d.key) ?? null),
    })),
  };
}

type Official = Extract<NonNullable<Report['sdg1072']>, { official: true }>;

const officialView = (report: Report): Official | null => {
  const view = report.sdg1072;
  return view && 'official' in view && view.official === true ? (view as Official) : null;
};

function officialSdg1072(report: Report): PublicProfile['sdg1072'] {
  const view = officialView(report);
  if (!view) return null;
  const category = ({ code, key, label }: Official['overall']['category']) => ({ code, key, label });
  return {
    overall: { value: view.overall.value, category: category(view.overall.category) },
    domains: view.domains.map((d) => ({
      number: d.number,
      title: d.title,
      value: d.value,
      category: category(d.category),
    })),
  };
}

/** The official values for the PDF: categories only, no item (the items are the government's answers). */
function renderableSdg1072(report: Report): Report['sdg1072'] {
  const view = officialView(report);
  if (!view) return null;
  return {
    official: true,
    source: view.source,
    answered: view.answered,
    overall: view.overall,
    domains: view.domains.map((d) => ({ ...d, items: [] })),
    disagreements: [],
  };
}

/** The public profile of one language, built field by field from the validated report. */
export function publicProfile(input: ProfileInput): PublicProfile {
  const { report, locale } = input;
  const u = report.composite.uncertainty;
  const profile: PublicProfile = {
    country: report.country,
    countryName: report.countryName,
    period: report.period,
    version: input.version,
    language: locale,
    framework: { key: report.framework.key, version: report.framework.version },
    methodology: { version: report.methodology.version, bands: report.methodology.bands },
    composite: {
      score: report.composite.score,
      band: report.composite.band,
      provisional: report.composite.provisional,
      uncertainty: u ? { p5: u.p5, p50: u.p50, p95: u.p95, bandStability: u.bandStability } : null,
    },
    coverage: report.coverage.coverage,
    domains: report.domains.map((d) => ({
      key: d.key,
      kind: d.kind,
      title: d.title,
      score: d.score,
      band: d.band,
      subdomains: d.subdomains.map((s) => ({ key: s.key, title: s.title, score: s.score, band: s.band })),
    })),
    strengths: report.strengths.map((s) => ({
      subdomain: s.subdomain,
      domain: s.domain,
      title: s.title,
      score: s.score,
    })),
    areasForDevelopment: report.gaps.map((g) => ({
      question: g.question,
      text: g.text,
      domain: g.domain,
      potentialGain: g.potentialGain,
    })),
    sdg1072: officialSdg1072(report),
    comparison: publishedComparison(report, input.previous),
    narrative: [],
    evidence: input.evidence,
    documents: input.documents,
    approval: { authority: input.approval.authority, approvedAt: input.approval.approvedAt },
    validatedAt: report.validatedAt,
    publishedAt: input.publishedAt,
  };
  // Told again from the public report: the stored narrative compares with the previous
  // *validated* round, which may never have been published.
  profile.narrative = narrative(renderableReport(report, profile, false), locale);
  return profile;
}

/**
 * The report the chart, the PDF and the CSV are drawn from: the public fields, and for every
 * other field of the report type an empty value, written out here rather than left over.
 */
export function renderableReport(report: Report, profile: PublicProfile, withComparison = true): Report {
  const c = withComparison ? profile.comparison : null;
  return {
    assessmentId: '',
    country: profile.country,
    countryName: profile.countryName,
    period: profile.period,
    status: 'validated',
    revision: 0,
    framework: profile.framework,
    methodology: { ...report.methodology, bands: profile.methodology.bands },
    composite: { ...profile.composite, imbalance: report.composite.imbalance },
    hmgiComposite: report.hmgiComposite,
    coverage: report.coverage,
    domains: report.domains,
    lenses: report.lenses,
    gaps: report.gaps,
    strengths: report.strengths,
    comparison: c && {
      assessmentId: '',
      period: c.period,
      framework: profile.framework,
      composite: c.composite,
      compositeBand: c.composite === null ? null : bandKeyOf(report, c.composite),
      compositeDelta: c.compositeDelta,
      domains: c.domains,
      changedQuestions: [],
      commonQuestionsOnly: false,
    },
    sdg1072: renderableSdg1072(report),
    narrative: profile.narrative,
    contributors: [],
    submittedAt: null,
    validatedAt: profile.validatedAt,
    validatedBy: null,
    generatedAt: profile.publishedAt,
  };
}
