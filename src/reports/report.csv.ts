import type { AnswerRow } from '../assessments/assessment.repository.ts';
import { answerState } from '../assessments/assessment.service.ts';
import type { PublishedFramework } from '../framework/framework.service.ts';
import { type Cell, toCsv } from '../lib/csv.ts';
import { roundScore, type ScoreResult } from '../scoring/scoring.engine.ts';

export const REPORT_CSV_HEADER = [
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
];

/** One row per question of the framework, answered or not, in framework order. */
export function reportCsv(framework: PublishedFramework, answers: AnswerRow[], result: ScoreResult): string {
  const byQuestion = new Map(answers.map((a) => [a.question, answerState(a)]));
  const rows: Cell[][] = result.questions.map((q) => {
    const answer = byQuestion.get(q.key);
    const question = framework.questions.get(q.key);
    const label = question?.options?.find((o) => o.value === answer?.value)?.label;
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
      answer?.evidence.length ?? 0,
    ];
  });
  return toCsv(REPORT_CSV_HEADER, rows);
}
