import type { AnswerRow } from '../assessments/assessment.repository.ts';

/** A ministry consulted on an assessment (assigned a part, or the last to answer a question). */
export interface ConsultedMinistry {
  id: string;
  code: string;
  name: string;
}

/** The ministries consulted and the questions whose current answer each gave, by code. */
export function ministriesAnswered(answers: readonly AnswerRow[], consulted: readonly ConsultedMinistry[]) {
  return consulted
    .map((m) => {
      const questions = answers.filter((a) => a.ministry === m.id).map((a) => a.question);
      return { ministryId: m.id, code: m.code, name: m.name, answers: questions.length, questions };
    })
    .sort((a, b) => b.answers - a.answers || a.code.localeCompare(b.code));
}
