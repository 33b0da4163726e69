/**
 * The engine's public types (methodology version 2; written up in
 * docs/methodology.md). Scores are never rounded inside the engine: `roundScore` is for output.
 */

export type Aggregation = 'arithmetic' | 'geometric';
export interface AnswerInput {
  value?: string | number | null;
  notApplicable?: boolean;
}
/** Keyed by question key. */
export type AnswerMap = ReadonlyMap<string, AnswerInput>;

/** `coverage` = answered / enabled, and 1 when nothing is enabled; `scored` excludes `not applicable`. */
export interface Coverage {
  answered: number;
  enabled: number;
  coverage: number;
  scored: number;
}
/** Percentiles of the composite over the Monte Carlo draws; `bandStability` in [0, 1]. */
export interface Uncertainty {
  p5: number;
  p50: number;
  p95: number;
  bandStability: number;
}

export interface QuestionResult {
  key: string;
  domain: string;
  subdomain: string;
  weight: number;
  enabled: boolean;
  /** Enabled and answered with a valid value or `not applicable`. */
  answered: boolean;
  notApplicable: boolean;
  scored: boolean;
  /** In [0, 1] when scored, otherwise null. */
  score: number | null;
}
export interface SubdomainResult {
  key: string;
  title: string;
  weight: number;
  score: number | null;
  band: string | null;
  coverage: Coverage;
}
export interface DomainResult {
  key: string;
  kind: 'principle' | 'objective';
  title: string;
  weight: number;
  score: number | null;
  band: string | null;
  coverage: Coverage;
  subdomains: SubdomainResult[];
}
/** `questions` counts the scored questions carrying the tag. */
export interface LensResult {
  key: string;
  score: number | null;
  questions: number;
}
/** `score` is the question score in [0, 1]; `potentialGain` is in composite points (-100 to 100). */
export interface Gap {
  question: string;
  domain: string;
  subdomain: string;
  score: number;
  weight: number;
  potentialGain: number | null;
}

/** One 10.7.2 sub-category: in place when its sub-domain scores at least the threshold. */
export interface Sdg1072Subcategory {
  key: string;
  /** The sub-domain that measures it, or null when the framework maps none to it. */
  subdomain: string | null;
  score: number | null;
  /** null when not assessed: no sub-domain maps to it, or that sub-domain has no score. */
  inPlace: boolean | null;
}
export interface Sdg1072Domain {
  number: number;
  subcategories: Sdg1072Subcategory[];
  inPlace: number;
  assessed: number;
  /** 100 * inPlace / assessed; null when nothing is assessed. */
  score: number | null;
  category: string | null;
}
export interface Sdg1072View {
  inPlaceMin: number;
  domains: Sdg1072Domain[];
  /** The mean of the six domain shares, and its category; null when any domain is unassessed. */
  overall: { score: number | null; category: string | null };
}

export interface ScoreResult {
  aggregation: Aggregation;
  composite: {
    score: number | null;
    band: string | null;
    provisional: boolean;
    /** Domains two or more bands below the composite's band, in framework order. */
    imbalance: string[];
    uncertainty: Uncertainty | null;
  };
  /** The equal-weight mean of the five HMG-I lens scores; null when any is null. */
  hmgiComposite: { score: number | null; band: string | null };
  coverage: Coverage;
  domains: DomainResult[];
  /** In framework order. */
  questions: QuestionResult[];
  /** hmgi: the five features in HMGI_FEATURES order; sdgTargets: every target the framework uses, in natural order. */
  lenses: { hmgi: LensResult[]; sdgTargets: LensResult[] };
  /** Largest potential gain first; ties (and all gaps when the composite is null) in framework order. */
  gaps: Gap[];
  /** Methodology 2's 10.7.2 view, for frameworks that carry its crosswalk; null otherwise. */
  sdg1072: Sdg1072View | null;
  /** Methodology 3's official 10.7.2 values, for frameworks that carry the instrument; null otherwise. */
  sdg1072Official: Sdg1072OfficialView | null;
}

/** One answer as compared across rounds: its value, `not applicable`, or absent (null). */
export type AnswerToken = string | number | { notApplicable: true } | null;
export interface ChangedQuestion {
  question: string;
  before: AnswerToken;
  after: AnswerToken;
}
export interface Comparison {
  composite: number | null;
  compositeDelta: number | null;
  domains: { key: string; score: number | null; delta: number | null }[];
  changedQuestions: ChangedQuestion[];
  commonQuestionsOnly: boolean;
}

/** One MiGOF question behind a 10.7.2 item: its answer value and what that answer suggests (null: no signal). */
export interface Sdg1072Signal {
  question: string;
  answer: string | null;
  suggests: string | null;
}
/** One official sub-category, answered directly (methodology 3). */
export interface Sdg1072OfficialItem {
  key: string;
  /** The answer value, or null when unanswered. */
  answer: string | null;
  /** 1, 0.5 or 0; a missing answer counts 0 (M2021 4.f). */
  value: number;
  /** The crosswalk's suggestion: an answer value, or "unclear". */
  suggestion: string;
  questions: Sdg1072Signal[];
  /** The direct answer and a definite suggestion differ. */
  disagrees: boolean;
}
export interface Sdg1072OfficialDomain {
  number: number;
  /** 100 x sum of the five values / 5. */
  value: number;
  category: { code: 1 | 2 | 3 | 4; key: string };
  items: Sdg1072OfficialItem[];
}
export interface Sdg1072OfficialView {
  /** Items answered (of 30). */
  answered: number;
  domains: Sdg1072OfficialDomain[];
  /** The mean of the 30 values x 100, and its category. */
  overall: { value: number; category: { code: 1 | 2 | 3 | 4; key: string } };
}
