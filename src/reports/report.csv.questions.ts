import { answerState } from '../assessments/answer.codec.ts';
import type { AnswerRow } from '../assessments/assessment.repository.ts';
import type { Evidence } from '../assessments/assessment.schemas.ts';
import type { LocalizedFramework } from '../framework/framework.service.ts';
import type { Cell } from '../lib/csv.ts';
import { roundScore, type ScoreResult } from '../scoring/scoring.engine.ts';

/** One evidence item as a cell: its title, its URL or citation, and the document it points at. */
const evidenceCell = (e: Evidence): string =>
  [
    e.title,
    e.url || e.citation ? `<${e.url ?? e.citation}>` : '',
    e.document ? `[document ${e.document}]` : '',
  ]
    .filter(Boolean)
    .join(' ');

/**
 * The per-question table's rows (columns in REPORT_CSV_COLUMNS order): one per question of the
 * framework, answered or not, in framework order.
 */
export function questionRows(
  questions: LocalizedFramework['questions'],
  answers: AnswerRow[],
  result: ScoreResult,
  ministryCodes: ReadonlyMap<string, string> = new Map(),
): Cell[][] {
  const byQuestion = new Map(answers.map((a) => [a.question, answerState(a)]));
  const ministryOf = new Map(answers.map((a) => [a.question, a.ministry]));
  return result.questions.map((q) => {
    const answer = byQuestion.get(q.key);
    const question = questions.get(q.key);
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
      // A 10.7.2 item weighs in no MiGOF score: no weight to show.
      q.domain === 'S1072' ? null : q.weight,
      q.enabled,
      answer?.comment,
      evidence.length,
      question?.type === 'number' ? question.number?.unit : '',
      evidence.map(evidenceCell).join('; '),
      ministryCodes.get(ministryOf.get(q.key) ?? '') ?? '',
    ];
  });
}
