import type { PublishedFramework } from '../framework/framework.service.ts';
import type { Locale } from '../i18n/locale.ts';
import { type FieldError, fieldError } from '../lib/errors.ts';
import { encodeAnswer, sameAnswer, stateJson } from './answer.codec.ts';
import { answerProblems } from './answer.rules.ts';
import { type Change, historyEvent } from './assessment.history.ts';
import type { AnswerRow, NewEvent } from './assessment.repository.ts';
import type { AnswerInputBody } from './assessment.schemas.ts';

/** A question's unit in the languages its framework is translated into. */
export type UnitsOf = (question: string) => Partial<Record<Locale, string>>;

/**
 * Every problem of a batch of answers, by item (`body.answers[i]...`); empty when all are good.
 * A message naming a unit names it in the caller's language where `unitsOf` has it.
 */
export function checkBatch(
  framework: PublishedFramework,
  items: readonly AnswerInputBody[],
  unitsOf: UnitsOf = () => ({}),
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const path = `body.answers[${i}]`;
    const question = framework.questions.get(item.question);
    if (!question) {
      errors.push(fieldError(`${path}.question`, 'field.unknownQuestion', { question: item.question }));
      return;
    }
    if (seen.has(item.question)) {
      errors.push(fieldError(`${path}.question`, 'field.duplicateQuestion', { question: item.question }));
    }
    seen.add(item.question);
    for (const problem of answerProblems(question, item)) {
      const { key, values } = problem.message;
      const valuesIn =
        values?.unit === undefined
          ? undefined
          : Object.fromEntries(
              Object.entries(unitsOf(item.question)).map(([locale, unit]) => [locale, { unit }]),
            );
      errors.push(fieldError(`${path}.${problem.field}`, key, values, valuesIn));
    }
  });
  return errors;
}

/**
 * What a checked batch changes against the answers stored (`existing`, by question): the rows to
 * write and their history, one `answer_set` event each. Items equal to what is stored are left out.
 */
export function diffBatch(
  change: Change,
  existing: ReadonlyMap<string, AnswerRow>,
  items: readonly AnswerInputBody[],
): { writes: AnswerRow[]; history: NewEvent[] } {
  const writes: AnswerRow[] = [];
  const history: NewEvent[] = [];
  for (const item of items) {
    const previous = existing.get(item.question);
    const stored = encodeAnswer(item, previous);
    if (previous && sameAnswer(previous, stored)) continue;
    writes.push({
      assessmentId: change.assessmentId,
      question: item.question,
      ...stored,
      answeredBy: change.actor,
      answeredAt: change.at,
      ministry: change.ministry ?? null,
    });
    history.push(
      historyEvent(change, 'answer_set', {
        question: item.question,
        before: previous ? stateJson(previous) : null,
        after: stateJson(stored),
      }),
    );
  }
  return { writes, history };
}
