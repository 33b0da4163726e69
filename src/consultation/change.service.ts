import type { AssessmentService } from '../assessments/assessment.service.ts';
import type { Principal } from '../auth/claims.ts';
import { AppError, message } from '../lib/errors.ts';
import type { PersonService } from '../people/person.service.ts';
import { MAX_LIST } from './consultation.limits.ts';

/** Event types that change a question: its answer, or its threads. */
const QUESTION_EVENTS = new Set([
  'answer_set',
  'answer_cleared',
  'comment_added',
  'thread_resolved',
  'thread_reopened',
]);
const ANSWER_EVENTS = new Set(['answer_set', 'answer_cleared']);

export type Since = 'visit' | 'review' | number;

/** Who changed what (consultation module): a question's changes, and what changed since a point. */
export class ChangeService {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly people: PersonService,
  ) {}

  /** Every change of a question's value, evidence, comment and threads, oldest first. */
  questionChanges(principal: Principal, id: string, question: string) {
    const row = this.assessments.load(principal, id);
    if (!this.assessments.frameworkOf(row).questions.has(question)) {
      throw new AppError('not_found', message('consultation.questionNotFound', { question }));
    }
    return {
      row,
      // The latest MAX_LIST changes, oldest first.
      changes: this.assessments
        .questionEvents(row, question)
        .filter((e) => QUESTION_EVENTS.has(e.type))
        .slice(-MAX_LIST),
    };
  }

  /**
   * The questions changed after a revision: the caller's last visit (when they last read the
   * answers), the last review (the last return), or a revision named. Latest change first.
   */
  changedSince(principal: Principal, id: string, since: Since) {
    const row = this.assessments.load(principal, id);
    const base =
      since === 'visit'
        ? (this.people.lastVisit(principal.sub, row.id)?.revision ?? 0)
        : since === 'review'
          ? (this.assessments.lastReturnRevision(row) ?? 0)
          : since;
    const byQuestion = new Map<
      string,
      {
        question: string;
        revision: number;
        at: string;
        actor: string;
        ministry: string | null;
        answer: boolean;
        threads: boolean;
      }
    >();
    for (const e of this.assessments.changedSince(row, base)) {
      if (!e.question || !QUESTION_EVENTS.has(e.type)) continue;
      const known = byQuestion.get(e.question);
      const entry = known ?? {
        question: e.question,
        revision: e.revision,
        at: e.at,
        actor: e.actor,
        ministry: e.ministry,
        answer: false,
        threads: false,
      };
      if (ANSWER_EVENTS.has(e.type)) entry.answer = true;
      else entry.threads = true;
      byQuestion.set(e.question, entry);
    }
    return { row, base, questions: [...byQuestion.values()] };
  }
}
