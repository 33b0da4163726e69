import type { AnswerableQuestion } from '../framework/framework.schema.ts';
import type { PublishedFramework } from '../framework/framework.service.ts';
import { numberRangeProblem } from '../framework/number-range.ts';
import { message, type ProblemMessage } from '../lib/errors.ts';
import { hasVisibleText } from '../lib/text.ts';
import type { ScoreResult } from '../scoring/scoring.engine.ts';
import type { AnswerRow } from './assessment.repository.ts';
import type { AnswerInputBody, Evidence } from './assessment.schemas.ts';

type Question = AnswerableQuestion;

/** Checks one answer against its question; returns the problems by field. */
export function answerProblems(
  question: Question,
  item: Pick<AnswerInputBody, 'value' | 'notApplicable'>,
): { field: string; message: ProblemMessage }[] {
  if (item.notApplicable === true) {
    if (item.value !== undefined && item.value !== null) {
      return [{ field: 'value', message: message('field.valueAndNotApplicable') }];
    }
    return question.allowNotApplicable
      ? []
      : [
          {
            field: 'notApplicable',
            message: message('field.notApplicableRefused', { question: question.key }),
          },
        ];
  }
  if (item.value === undefined || item.value === null) {
    return [{ field: 'value', message: message('field.valueRequired') }];
  }
  if (question.type === 'number') {
    if (typeof item.value !== 'number' || !Number.isFinite(item.value)) {
      return [
        {
          field: 'value',
          message: message('field.numberRequired', {
            question: question.key,
            unit: question.number?.unit ?? '',
          }),
        },
      ];
    }
    const outOfRange = numberRangeProblem(question, item.value);
    return outOfRange ? [{ field: 'value', message: outOfRange }] : [];
  }
  const values = question.options?.map((o) => o.value) ?? [];
  if (typeof item.value !== 'string' || !values.includes(item.value)) {
    return [
      {
        field: 'value',
        message: message('field.oneOf', { question: question.key, values: values.join(', ') }),
      },
    ];
  }
  return [];
}

/**
 * Whether stored evidence names something a reader can see. Titles of only invisible characters
 * are refused on the way in; this also keeps such titles stored before that from counting.
 */
const hasVisibleEvidence = (evidence: string): boolean =>
  evidence !== '[]' && (JSON.parse(evidence) as Evidence[]).some((e) => hasVisibleText(e.title));

export interface Missing {
  question: string;
  reason: 'unanswered' | 'evidence_required' | 'not_applicable_evidence';
}

/** Enabled questions without an answer, and positive answers lacking required evidence. */
export function missingAnswers(
  framework: PublishedFramework,
  scored: ScoreResult['questions'],
  answers: readonly AnswerRow[],
): Missing[] {
  const byQuestion = new Map(answers.map((a) => [a.question, a]));
  const naNeedsEvidence = framework.framework.methodology.version >= 3;
  const missing: Missing[] = [];
  for (const q of scored) {
    if (!q.enabled) continue;
    if (!q.answered) {
      missing.push({ question: q.key, reason: 'unanswered' });
      continue;
    }
    const evidenceRequired = framework.questions.get(q.key)?.evidenceRequired;
    const evidence = byQuestion.get(q.key)?.evidence ?? '[]';
    if (evidenceRequired && q.score !== null && q.score > 0 && !hasVisibleEvidence(evidence)) {
      missing.push({ question: q.key, reason: 'evidence_required' });
    } else if (q.notApplicable && naNeedsEvidence && !hasVisibleEvidence(evidence)) {
      // Methodology 3: "not applicable" claims a fact (no coast, no camp) and needs its proof or a named source.
      missing.push({ question: q.key, reason: 'not_applicable_evidence' });
    }
  }
  return missing;
}
