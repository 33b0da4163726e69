import type { Remark } from '../assessments/assessment.consultation.ts';
import type { Change } from '../assessments/assessment.history.ts';
import { historyEvent } from '../assessments/assessment.history.ts';
import type { AssessmentRow, NewEvent } from '../assessments/assessment.repository.ts';
import type { Principal } from '../auth/claims.ts';
import { AppError, fieldError, message } from '../lib/errors.ts';
import { uuidv7 } from '../lib/ids.ts';
import { ministriesOf } from './assignment.map.ts';
import type { AssignmentService, ConsultationDeps } from './assignment.service.ts';
import { MAX_COMMENTS_PER_QUESTION } from './consultation.limits.ts';
import type { CommentRow } from './consultation.repository.ts';
import type { PostComment } from './consultation.schemas.ts';

type Read = { at: string; revision: number };

const notValidated = (status: AssessmentRow['status']) => status !== 'validated';

export const commentView = (c: CommentRow) => ({
  id: c.id,
  question: c.question,
  threadId: c.threadId ?? c.id,
  replyTo: c.replyTo,
  author: c.author,
  ministry: c.ministry,
  text: c.text,
  at: c.at,
  remark: c.remark,
});

/** Threads of comments on questions, and the review remarks that open them (consultation module). */
export class ThreadService {
  constructor(
    private readonly deps: ConsultationDeps,
    private readonly assignments: AssignmentService,
  ) {}

  private question(row: AssessmentRow, question: string): void {
    if (!this.deps.assessments.frameworkOf(row).questions.has(question)) {
      throw new AppError('not_found', message('consultation.questionNotFound', { question }));
    }
  }

  /** The threads of a question, each with its comments, oldest first. */
  threads(row: AssessmentRow, question?: string) {
    const all = this.deps.repository.comments(row.id, question);
    const openers = all.filter((c) => c.threadId === null);
    return openers.map((t) => ({
      id: t.id,
      question: t.question,
      remark: t.remark,
      resolved: t.resolvedAt !== null,
      resolvedAt: t.resolvedAt,
      resolvedBy: t.resolvedBy,
      comments: all.filter((c) => c.id === t.id || c.threadId === t.id).map(commentView),
    }));
  }

  /**
   * Per question with comments: its threads, the open ones, and the comments by others since the
   * caller last read them (`reads`: question -> when and at which revision; the people module keeps them).
   */
  summary(principal: Principal, id: string, readsOf: (assessmentId: string) => Map<string, Read>) {
    const row = this.deps.assessments.load(principal, id);
    const reads = readsOf(row.id);
    const byQuestion = new Map<string, CommentRow[]>();
    for (const c of this.deps.repository.comments(row.id)) {
      const list = byQuestion.get(c.question) ?? [];
      list.push(c);
      byQuestion.set(c.question, list);
    }
    const order = [...this.deps.assessments.frameworkOf(row).questions.keys()];
    const questions = order.flatMap((question) => {
      const list = byQuestion.get(question);
      if (!list) return [];
      const read = reads.get(question);
      const unread = (c: CommentRow) =>
        c.author !== principal.sub && (!read || (c.revision ?? 0) > read.revision);
      const openers = list.filter((c) => c.threadId === null);
      const open = openers.filter((c) => c.resolvedAt === null);
      return [
        {
          question,
          threads: openers.length,
          open: open.length,
          openRemarks: open.filter((c) => c.remark).length,
          comments: list.length,
          unread: list.filter(unread).length,
          lastReadAt: read?.at ?? null,
        },
      ];
    });
    const unread = questions.reduce((n, q) => n + q.unread, 0);
    return { assessmentId: row.id, revision: row.revision, questions, unread };
  }

  list(principal: Principal, id: string, question: string) {
    const row = this.deps.assessments.load(principal, id);
    this.question(row, question);
    return { row, threads: this.threads(row, question) };
  }

  post(principal: Principal, id: string, question: string, body: PostComment, ifMatch: string | undefined) {
    const own = this.deps.ministries.contributorMinistry(principal);
    let made: CommentRow | null = null;
    return this.deps.assessments
      .recordChange(
        principal,
        id,
        ifMatch,
        { allowed: notValidated, ministry: own?.id ?? null },
        (row, change) => {
          this.question(row, question);
          if (this.deps.repository.comments(row.id, question).length >= MAX_COMMENTS_PER_QUESTION) {
            throw new AppError(
              'conflict',
              message('consultation.tooManyComments', { question, max: MAX_COMMENTS_PER_QUESTION }),
            );
          }
          let threadId: string | null = null;
          if (body.replyTo !== undefined) {
            const to = this.deps.repository.comment(body.replyTo);
            if (!to || to.assessmentId !== row.id || to.question !== question) {
              throw new AppError('not_found', message('consultation.commentNotFound', { id: body.replyTo }));
            }
            threadId = to.threadId ?? to.id;
          }
          made = {
            id: uuidv7(),
            assessmentId: row.id,
            question,
            threadId,
            replyTo: body.replyTo ?? null,
            author: principal.sub,
            ministry: own?.id ?? null,
            text: body.text,
            at: change.at,
            remark: false,
            resolvedAt: null,
            resolvedBy: null,
            revision: change.revision,
          };
          this.deps.repository.insertComment(made);
          return [this.added(change, made)];
        },
      )
      .then((row) => ({ row, comment: made as unknown as CommentRow }));
  }

  private added(change: Change, c: CommentRow): NewEvent {
    return historyEvent(change, 'comment_added', {
      question: c.question,
      after: {
        comment: { id: c.id, threadId: c.threadId, replyTo: c.replyTo, text: c.text, remark: c.remark },
      },
    });
  }

  /** Resolves or reopens a thread (named by its first comment). */
  setResolved(
    principal: Principal,
    id: string,
    question: string,
    commentId: string,
    resolved: boolean,
    ifMatch: string | undefined,
  ) {
    const own = this.deps.ministries.contributorMinistry(principal);
    return this.deps.assessments.recordChange(
      principal,
      id,
      ifMatch,
      { allowed: notValidated, ministry: own?.id ?? null },
      (row, change) => {
        this.question(row, question);
        const opener = this.deps.repository.comment(commentId);
        if (!opener || opener.assessmentId !== row.id || opener.question !== question) {
          throw new AppError('not_found', message('consultation.commentNotFound', { id: commentId }));
        }
        if (opener.threadId !== null) {
          throw new AppError(
            'conflict',
            message('consultation.notThreadStart', { id: commentId, thread: opener.threadId }),
          );
        }
        this.assertMayResolve(principal, row, question, own?.id ?? null, resolved);
        if ((opener.resolvedAt !== null) === resolved) return [];
        this.deps.repository.setResolved(
          opener.id,
          resolved ? change.at : null,
          resolved ? principal.sub : null,
        );
        return [
          historyEvent(change, resolved ? 'thread_resolved' : 'thread_reopened', {
            question,
            before: { resolved: !resolved },
            after: {
              comment: {
                id: opener.id,
                threadId: null,
                replyTo: null,
                text: opener.text,
                remark: opener.remark,
              },
              resolved,
            },
          }),
        ];
      },
    );
  }

  /** The focal point (or an admin) or a ministry the question is assigned to; a reviewer may also reopen. */
  private assertMayResolve(
    principal: Principal,
    row: AssessmentRow,
    question: string,
    own: string | null,
    resolved: boolean,
  ) {
    if (principal.role === 'admin' || principal.role === 'focal_point') return;
    if (principal.role === 'reviewer' && !resolved) return;
    const assigned = this.assignments.map(row).get(question);
    if (own && assigned && ministriesOf(assigned).includes(own)) return;
    throw new AppError('forbidden', message('consultation.mayNotResolve', { question }));
  }

  /** A return's remarks, each a thread of its own; a remark on an unknown question refuses the return. */
  returned(row: AssessmentRow, change: Change, remarks: readonly Remark[]): NewEvent[] {
    const questions = this.deps.assessments.frameworkOf(row).questions;
    const errors = remarks.flatMap((r, i) =>
      questions.has(r.question)
        ? []
        : [fieldError(`body.remarks[${i}].question`, 'field.unknownQuestion', { question: r.question })],
    );
    if (errors.length)
      throw new AppError('validation', message('problem.batchInvalid', { count: errors.length }), { errors });
    return remarks.map((r) => {
      const c: CommentRow = {
        id: uuidv7(),
        assessmentId: row.id,
        question: r.question,
        threadId: null,
        replyTo: null,
        author: change.actor,
        ministry: null,
        text: r.text,
        at: change.at,
        remark: true,
        resolvedAt: null,
        resolvedBy: null,
        revision: change.revision,
      };
      this.deps.repository.insertComment(c);
      return this.added(change, c);
    });
  }

  /** Review remarks not resolved yet. */
  openRemarks(row: AssessmentRow): { question: string; commentId: string }[] {
    return this.deps.repository
      .openThreads(row.id)
      .filter((c) => c.remark)
      .map((c) => ({ question: c.question, commentId: c.id }));
  }
}
