import { unitFor } from '../../src/i18n/units.ts';
import { type Answer, api, type Evidence, type Framework, ok, type Question } from './api.ts';
import { locale, t } from './i18n.ts';

const frameworks = new Map<string, Promise<Framework>>();

/** The whole questionnaire tree in the current language: one call, kept for the session. */
export function loadFramework(key: string, version: string): Promise<Framework> {
  const id = `${key}@${version}@${locale()}`;
  let pending = frameworks.get(id);
  if (!pending) {
    pending = ok(api.GET('/v1/frameworks/{key}/{version}', { params: { path: { key, version } } })).then(
      (r) => withInstrument(r.data),
    );
    pending.catch(() => frameworks.delete(id));
    frameworks.set(id, pending);
  }
  return pending;
}

type Item = NonNullable<Framework['sdg1072']>['domains'][number]['items'][number];
type Domain = Framework['domains'][number];

/** The pseudo-domain key under which the official 10.7.2 items are answered (as in `progress.domains`). */
export const SDG1072_DOMAIN = 'S1072';

/**
 * From 2.1.0 the official 10.7.2 instrument stands beside the MiGOF tree. The questionnaire shows it
 * as one more domain, its six questions as sub-domains and its 30 items as questions, so that
 * navigation, saving, progress and the list of what blocks submission treat the items like any
 * question. Nothing of this goes back to the server: answers are keyed by item key as the API wants.
 */
export function withInstrument(framework: Framework): Framework {
  const instrument = framework.sdg1072;
  if (!instrument) return framework;
  const asQuestion = (item: Item): Question =>
    ({
      ...item,
      weight: 1,
      allowNotApplicable: false,
      sdgTargets: ['10.7'],
      sources: [],
    }) as unknown as Question;
  const domain = {
    key: SDG1072_DOMAIN,
    kind: 'objective',
    title: t('q.sdg1072Domain'),
    description: t('q.sdg1072DomainIntro', { source: instrument.source }),
    weight: 0,
    subdomains: instrument.domains.map((d) => ({
      key: `${SDG1072_DOMAIN}.${d.number}`,
      title: d.title,
      description: d.question,
      weight: 0,
      questions: d.items.map(asQuestion),
    })),
  } as unknown as Domain;
  return { ...framework, domains: [...framework.domains, domain] };
}

/** An item's crosswalk, when the question is one of the 10.7.2 items. */
export const crosswalkOf = (question: Question): Item['crosswalk'] | undefined =>
  (question as unknown as Partial<Item>).crosswalk;

/**
 * What the MiGOF answers suggest for a 10.7.2 item (docs/methodology.md section 11a): the common
 * signal of the named questions that are enabled and answered with a listed option, or
 * "unclear" when there is none or they differ. A hint for the person; it changes no answer.
 */
export function suggestion(
  framework: Framework,
  question: Question,
  answers: ReadonlyMap<string, Draft>,
): { value: string; from: string[] } | null {
  const crosswalk = crosswalkOf(question);
  if (!crosswalk?.length) return null;
  const signals: string[] = [];
  const from: string[] = [];
  for (const link of crosswalk) {
    const draft = answers.get(link.question);
    if (!draft || draft.notApplicable || typeof draft.value !== 'string') continue;
    if (!isEnabled(framework, link.question, answers)) continue;
    const signal = link.suggests[draft.value];
    if (signal) {
      signals.push(signal);
      from.push(link.question);
    }
  }
  const first = signals[0];
  return first && signals.every((s) => s === first) ? { value: first, from } : { value: 'unclear', from };
}

/** An answer as the person sees and edits it. */
export interface Draft {
  value?: string | number;
  notApplicable?: boolean;
  comment: string;
  evidence: Evidence[];
}

export const fromAnswer = (answer: Answer | undefined): Draft | null =>
  answer
    ? {
        ...(answer.notApplicable ? { notApplicable: true } : {}),
        ...(answer.value !== null && !answer.notApplicable ? { value: answer.value } : {}),
        comment: answer.comment ?? '',
        evidence: answer.evidence.map((e: Evidence) => ({
          title: e.title,
          ...(e.url ? { url: e.url } : {}),
          ...(e.citation ? { citation: e.citation } : {}),
          ...(e.document ? { document: e.document } : {}),
        })),
      }
    : null;

const canonical = (draft: Draft | null | undefined) =>
  draft
    ? JSON.stringify([
        draft.notApplicable ? 'na' : (draft.value ?? null),
        draft.comment.trim(),
        cleanEvidence(draft.evidence).map((e) => [e.title, e.url ?? '', e.citation ?? '', e.document ?? '']),
      ])
    : 'null';

export const sameDraft = (a: Draft | null | undefined, b: Draft | null | undefined) =>
  canonical(a) === canonical(b);

export const cleanEvidence = (evidence: Evidence[]) =>
  evidence
    .map((e) => ({
      title: e.title.trim(),
      ...(e.url?.trim() ? { url: e.url.trim() } : {}),
      ...(e.citation?.trim() ? { citation: e.citation.trim() } : {}),
      ...(e.document ? { document: e.document } : {}),
    }))
    .filter((e) => e.title || e.url || e.citation || e.document);

export const isAnswered = (draft: Draft | null | undefined) =>
  Boolean(draft && (draft.notApplicable || (draft.value !== undefined && draft.value !== '')));

export function questionScore(question: Question, draft: Draft | null | undefined): number | null {
  if (!draft || draft.notApplicable || draft.value === undefined) return null;
  if (question.type === 'number') {
    const spec = question.number;
    if (!spec || typeof draft.value !== 'number') return null;
    const s = (draft.value - spec.worst) / (spec.best - spec.worst);
    return Math.min(1, Math.max(0, s));
  }
  return question.options?.find((o) => o.value === draft.value)?.score ?? null;
}

export const allQuestions = (framework: Framework) =>
  framework.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions.map((q) => ({ domain: d, q }))));

/** Whether a question applies, given the answers as they stand (enableWhen, transitively). */
export function isEnabled(
  framework: Framework,
  key: string,
  answers: ReadonlyMap<string, Draft>,
  index = questionIndex(framework),
): boolean {
  const question = index.get(key);
  if (!question?.enableWhen) return true;
  const { question: on, in: values } = question.enableWhen;
  const value = answers.get(on);
  return (
    isEnabled(framework, on, answers, index) &&
    !!value &&
    !value.notApplicable &&
    typeof value.value === 'string' &&
    values.includes(value.value)
  );
}

const indexes = new WeakMap<Framework, Map<string, Question>>();
export function questionIndex(framework: Framework): Map<string, Question> {
  let index = indexes.get(framework);
  if (!index) {
    index = new Map(allQuestions(framework).map(({ q }) => [q.key, q]));
    indexes.set(framework, index);
  }
  return index;
}

export interface Blocker {
  question: string;
  domain: string;
  reason: 'unanswered' | 'evidence_required' | 'not_applicable_evidence';
}

/** What still stands in the way of submission, by the workflow's rules (README, "The API at a glance"). */
export function blockers(framework: Framework, answers: ReadonlyMap<string, Draft>): Blocker[] {
  const index = questionIndex(framework);
  const naNeedsEvidence = framework.methodology.version >= 3;
  const list: Blocker[] = [];
  for (const { domain, q } of allQuestions(framework)) {
    if (!isEnabled(framework, q.key, answers, index)) continue;
    const draft = answers.get(q.key);
    const evidenced = cleanEvidence(draft?.evidence ?? []).some((e) => e.title);
    if (!isAnswered(draft)) list.push({ question: q.key, domain: domain.key, reason: 'unanswered' });
    else if (q.evidenceRequired && (questionScore(q, draft) ?? 0) > 0 && !evidenced)
      list.push({ question: q.key, domain: domain.key, reason: 'evidence_required' });
    // Methodology 3 (2.1.0): "not applicable" claims a fact and needs its proof or a named source.
    else if (draft?.notApplicable && naNeedsEvidence && !evidenced)
      list.push({ question: q.key, domain: domain.key, reason: 'not_applicable_evidence' });
  }
  return list;
}

/** The text a person chose, in the current language. */
export function describeValue(
  question: Question | undefined,
  draft: Draft | null | undefined,
  na: string,
): string {
  if (!draft) return '—';
  if (draft.notApplicable) return na;
  if (draft.value === undefined) return '—';
  if (question?.type === 'number') {
    const unit = question.number?.unit;
    // "1 convention", not "1 conventions": the unit agrees with the number.
    return `${draft.value}${unit ? ` ${typeof draft.value === 'number' ? unitFor(locale(), draft.value, unit) : unit}` : ''}`;
  }
  return question?.options?.find((o) => o.value === draft.value)?.label ?? String(draft.value);
}
