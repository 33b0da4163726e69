import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import type { Principal } from '../auth/claims.ts';
import { type Assigned, ministriesOf } from './assignment.map.ts';
import type { AssignmentService, ConsultationDeps } from './assignment.service.ts';
import { MAX_LIST } from './consultation.limits.ts';
import type { ThreadService } from './thread.service.ts';

const PAGE = 100;

/** What needs me (consultation module): my questions, threads and remarks, and reviews waiting. */
export class TaskService {
  constructor(
    private readonly deps: ConsultationDeps,
    private readonly assignments: AssignmentService,
    private readonly threads: ThreadService,
  ) {}

  private rows(principal: Principal, status: AssessmentRow['status']): AssessmentRow[] {
    return this.deps.assessments.list(principal, { status, limit: PAGE }).items;
  }

  /** Whether a question is the caller's to answer: their ministry's, or (focal point) nobody's. */
  private mine(principal: Principal, ministryId: string | null, assigned: Assigned | undefined): boolean {
    if (principal.role === 'contributor')
      return !!assigned && !!ministryId && ministriesOf(assigned).includes(ministryId);
    return !assigned;
  }

  /** One editable assessment's tasks for the caller. */
  private tasksOf(principal: Principal, ministryId: string | null, row: AssessmentRow) {
    const map = this.assignments.map(row);
    const { missing } = this.deps.assessments.completeness(row);
    const unanswered = missing.filter((m) => this.mine(principal, ministryId, map.get(m.question)));
    const open = this.threads.threads(row).filter((t) => !t.resolved);
    const mayResolve = (question: string) =>
      principal.role !== 'contributor' || this.mine(principal, ministryId, map.get(question));
    const waiting = open.filter((t) => {
      if (t.remark || !mayResolve(t.question)) return false;
      const last = t.comments.at(-1);
      return principal.role === 'contributor'
        ? last?.ministry !== ministryId
        : last?.author !== principal.sub;
    });
    const remarks = open.filter((t) => t.remark && mayResolve(t.question));
    return {
      assessmentId: row.id,
      country: row.country,
      period: row.period,
      status: row.status,
      unanswered: unanswered.slice(0, MAX_LIST),
      threads: waiting.slice(0, MAX_LIST).map((t) => ({ question: t.question, threadId: t.id })),
      remarks: remarks.slice(0, MAX_LIST).map((t) => ({ question: t.question, threadId: t.id })),
    };
  }

  tasks(principal: Principal) {
    const ministryId = this.deps.ministries.contributorMinistry(principal)?.id ?? null;
    const editing =
      principal.role === 'focal_point' || principal.role === 'contributor' || principal.role === 'admin';
    const assessments = editing
      ? [...this.rows(principal, 'draft'), ...this.rows(principal, 'returned')]
          .map((row) => this.tasksOf(principal, ministryId, row))
          .filter((t) => t.unanswered.length + t.threads.length + t.remarks.length > 0)
      : [];
    const reviewing = principal.role === 'reviewer' || principal.role === 'admin';
    const reviews = reviewing
      ? this.rows(principal, 'submitted').map((r) => ({
          assessmentId: r.id,
          country: r.country,
          period: r.period,
          submittedAt: r.submittedAt,
        }))
      : [];
    const sum = (f: (t: (typeof assessments)[number]) => number) => assessments.reduce((n, t) => n + f(t), 0);
    return {
      counts: {
        unanswered: sum((t) => t.unanswered.length),
        threads: sum((t) => t.threads.length),
        remarks: sum((t) => t.remarks.length),
        reviews: reviews.length,
      },
      assessments,
      reviews,
    };
  }
}
