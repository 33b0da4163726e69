import type { CompiledFramework } from './compile.ts';
import { FLAG_ENABLED, resolveAnswers } from './resolve.ts';
import type {
  AnswerInput,
  AnswerMap,
  AnswerToken,
  ChangedQuestion,
  Comparison,
  ScoreResult,
} from './types.ts';

/** What a stored answer says, for change detection: absent (null), not applicable, or its value. */
function token(answer: AnswerInput | undefined): AnswerToken {
  if (answer == null) return null;
  if (answer.notApplicable === true) return { notApplicable: true };
  return answer.value ?? null;
}

const same = (a: AnswerToken, b: AnswerToken) =>
  typeof a === 'object' && a !== null ? typeof b === 'object' && b !== null : Object.is(a, b);

/**
 * Compares an assessment with the country's previous validated round (docs/methodology.md section 10): the previous
 * composite and domain scores, the deltas, and the questions whose answer changed, with both
 * answers. Answers to disabled questions are treated as absent on both sides, as everywhere else
 * in the method. When the frameworks differ (key or version), only the question keys present in
 * both are compared, and the comparison says so.
 */
export function compareResults(
  current: { compiled: CompiledFramework; result: ScoreResult; answers: AnswerMap },
  previous: { compiled: CompiledFramework; result: ScoreResult; answers: AnswerMap },
): Comparison {
  const delta = (a: number | null, b: number | null | undefined): number | null =>
    a === null || b === null || b === undefined ? null : a - b;
  const previousDomains = new Map(previous.result.domains.map((domain) => [domain.key, domain.score]));
  const currentFlags = resolveAnswers(current.compiled, current.answers).flags;
  const previousFlags = resolveAnswers(previous.compiled, previous.answers).flags;

  const changedQuestions: ChangedQuestion[] = [];
  current.compiled.questionKeys.forEach((key, q) => {
    const p = previous.compiled.questionIndex.get(key);
    if (p === undefined) return;
    const after = token(currentFlags[q]! & FLAG_ENABLED ? current.answers.get(key) : undefined);
    const before = token(previousFlags[p]! & FLAG_ENABLED ? previous.answers.get(key) : undefined);
    if (!same(before, after)) changedQuestions.push({ question: key, before, after });
  });

  return {
    composite: previous.result.composite.score,
    compositeDelta: delta(current.result.composite.score, previous.result.composite.score),
    domains: current.result.domains.map((domain) => ({
      key: domain.key,
      score: previousDomains.get(domain.key) ?? null,
      delta: delta(domain.score, previousDomains.get(domain.key)),
    })),
    changedQuestions,
    commonQuestionsOnly:
      current.compiled.key !== previous.compiled.key ||
      current.compiled.version !== previous.compiled.version,
  };
}
