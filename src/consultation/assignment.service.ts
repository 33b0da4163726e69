import type { Change } from '../assessments/assessment.history.ts';
import { historyEvent } from '../assessments/assessment.history.ts';
import type { AnswerRow, AssessmentRow, NewEvent } from '../assessments/assessment.repository.ts';
import type { AssessmentService } from '../assessments/assessment.service.ts';
import type { Principal } from '../auth/claims.ts';
import { AppError, type FieldError, fieldError, message } from '../lib/errors.ts';
import type { MinistryRow } from '../ministries/ministry.repository.ts';
import type { MinistryService } from '../ministries/ministry.service.ts';
import {
  type Assigned,
  assignmentMap,
  contributorsOf,
  ministriesOf,
  questionsByMinistry,
  subdomainsOf,
} from './assignment.map.ts';
import type { AssignmentRow, ConsultationRepository } from './consultation.repository.ts';
import type { PutAssignments } from './consultation.schemas.ts';

/**
 * The consultation module owns who answers what (assignments of sub-domains and questions to a
 * lead and contributing ministries), each ministry's sign-off of its part, the review threads on
 * questions and the views built on them (changes, tasks). This service: assignments, the write
 * rule for contributors, progress per ministry and sign-off.
 */
export interface ConsultationDeps {
  repository: ConsultationRepository;
  assessments: AssessmentService;
  ministries: MinistryService;
}

const notValidated = (status: AssessmentRow['status']) => status !== 'validated';
const editable = (status: AssessmentRow['status']) => status === 'draft' || status === 'returned';

export class AssignmentService {
  constructor(private readonly deps: ConsultationDeps) {}

  /** Each question's assignment on this assessment. */
  map(row: AssessmentRow): Map<string, Assigned> {
    return assignmentMap(this.deps.assessments.frameworkOf(row), this.deps.repository.assignments(row.id));
  }

  /** The ministry (id) leading a question of an assessment, if one is assigned. */
  leadOf(assessmentId: string, question: string): string | null {
    const row = this.deps.assessments.findById(assessmentId);
    return row ? (this.map(row).get(question)?.lead ?? null) : null;
  }

  private code(row: AssessmentRow, ministryId: string): string {
    return this.deps.ministries.byId(row.country, ministryId)?.code ?? ministryId;
  }

  view(principal: Principal, id: string) {
    const row = this.deps.assessments.load(principal, id);
    const rows = this.deps.repository.assignments(row.id);
    const framework = this.deps.assessments.frameworkOf(row);
    const map = assignmentMap(framework, rows);
    const { enabled, answered, missing } = this.deps.assessments.completeness(row);
    const evidenceMissing = new Set(missing.filter((m) => m.reason !== 'unanswered').map((m) => m.question));
    const signoffs = new Map(this.deps.repository.signoffs(row.id).map((s) => [s.ministryId, s]));
    const ministries = [...questionsByMinistry(map)].map(([ministryId, questions]) => {
      const ministry = this.deps.ministries.byId(row.country, ministryId);
      const signoff = signoffs.get(ministryId);
      return {
        ministryId,
        code: ministry?.code ?? ministryId,
        name: ministry?.name ?? '',
        retired: ministry?.retiredAt != null,
        assigned: questions.length,
        enabled: questions.filter((q) => enabled.has(q)).length,
        answered: questions.filter((q) => answered.has(q)).length,
        evidenceMissing: questions.filter((q) => evidenceMissing.has(q)).length,
        ready: signoff ? { by: signoff.readyBy, at: signoff.readyAt, revision: signoff.revision } : null,
      };
    });
    return {
      row,
      body: {
        assessmentId: row.id,
        revision: row.revision,
        assignments: rows.map((r) => ({ scope: r.scope, lead: r.lead, contributors: contributorsOf(r) })),
        ministries: ministries.sort((a, b) => a.code.localeCompare(b.code)),
        unassigned: [...framework.questions.keys()].filter((q) => !map.has(q)).length,
      },
    };
  }

  /** Every problem of a set of assignments, by item; empty when all are good. */
  private check(row: AssessmentRow, body: PutAssignments): FieldError[] {
    const framework = this.deps.assessments.frameworkOf(row);
    const subdomains = subdomainsOf(framework);
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    body.assignments.forEach((a, i) => {
      const path = `body.assignments[${i}]`;
      if (!subdomains.has(a.scope) && !framework.questions.has(a.scope)) {
        errors.push(fieldError(`${path}.scope`, 'consultation.unknownScope', { scope: a.scope }));
      }
      if (seen.has(a.scope))
        errors.push(fieldError(`${path}.scope`, 'consultation.duplicateScope', { scope: a.scope }));
      seen.add(a.scope);
      [a.lead, ...(a.contributors ?? [])].forEach((m, j) => {
        const ministry = this.deps.ministries.byId(row.country, m);
        if (!ministry || ministry.retiredAt !== null) {
          const where = j === 0 ? `${path}.lead` : `${path}.contributors[${j - 1}]`;
          errors.push(fieldError(where, 'consultation.unknownMinistry', { id: m, country: row.country }));
        }
      });
    });
    return errors;
  }

  put(principal: Principal, id: string, body: PutAssignments, ifMatch: string | undefined) {
    return this.deps.assessments.recordChange(
      principal,
      id,
      ifMatch,
      { allowed: notValidated },
      (row, change) => {
        const errors = this.check(row, body);
        if (errors.length) {
          throw new AppError(
            'validation',
            message('consultation.assignmentsInvalid', { count: errors.length }),
            {
              errors,
            },
          );
        }
        const before = this.deps.repository.assignments(row.id);
        const rows: AssignmentRow[] = body.assignments.map((a) => ({
          assessmentId: row.id,
          scope: a.scope,
          lead: a.lead,
          contributors: JSON.stringify([...new Set(a.contributors ?? [])].filter((m) => m !== a.lead)),
        }));
        const view = (rs: AssignmentRow[]) => ({
          assignments: rs.map((r) => ({ scope: r.scope, lead: r.lead, contributors: contributorsOf(r) })),
        });
        if (
          JSON.stringify(view(before)) ===
          JSON.stringify(view([...rows].sort((a, b) => a.scope.localeCompare(b.scope))))
        ) {
          return [];
        }
        const oldParts = questionsByMinistry(this.map(row));
        this.deps.repository.replaceAssignments(row.id, rows);
        const newParts = questionsByMinistry(this.map(row));
        const changed = [...oldParts.keys()].filter(
          (m) => JSON.stringify(oldParts.get(m)) !== JSON.stringify(newParts.get(m) ?? []),
        );
        return [
          historyEvent(change, 'assignments_set', { before: view(before), after: view(rows) }),
          ...this.withdraw(row, change, changed),
        ];
      },
    );
  }

  /** Withdraws the sign-offs of these ministries (those that have one), as history events. */
  private withdraw(row: AssessmentRow, change: Change, ministryIds: readonly string[]): NewEvent[] {
    const ready = new Set(this.deps.repository.signoffs(row.id).map((s) => s.ministryId));
    return ministryIds
      .filter((m) => ready.has(m))
      .map((m) => {
        this.deps.repository.deleteSignoff(row.id, m);
        return historyEvent(change, 'ministry_withdrawn', {
          before: { ministry: m, ready: true },
          after: { ministry: m, ready: false },
        });
      });
  }

  /** Marks a ministry's part ready: a contributor of that ministry, or the focal point. */
  ready(principal: Principal, id: string, ministryId: string, ifMatch: string | undefined) {
    const own = this.deps.ministries.contributorMinistry(principal);
    return this.deps.assessments.recordChange(
      principal,
      id,
      ifMatch,
      { allowed: editable, ministry: own?.id ?? null },
      (row, change) => {
        const ministry = this.deps.ministries.byId(row.country, ministryId);
        if (!ministry)
          throw new AppError('not_found', message('consultation.ministryNotFound', { id: ministryId }));
        if (own && own.id !== ministry.id) {
          throw new AppError('forbidden', message('consultation.notYourMinistry', { code: ministry.code }));
        }
        const part = questionsByMinistry(this.map(row)).get(ministry.id) ?? [];
        if (!part.length)
          throw new AppError('conflict', message('consultation.nothingAssigned', { code: ministry.code }));
        const { missing } = this.deps.assessments.completeness(row);
        const left = missing.filter((m) => part.includes(m.question));
        if (left.length) {
          throw new AppError(
            'incomplete',
            message('consultation.partIncomplete', { code: ministry.code, count: left.length }),
            {
              missing: left,
              errors: left.map((m) => ({ path: m.question, message: m.reason })),
            },
          );
        }
        if (this.deps.repository.signoffs(row.id).some((s) => s.ministryId === ministry.id)) return [];
        this.deps.repository.putSignoff({
          assessmentId: row.id,
          ministryId: ministry.id,
          readyBy: principal.sub,
          readyAt: change.at,
          revision: change.revision,
        });
        return [
          historyEvent(change, 'ministry_ready', {
            before: { ministry: ministry.id, ready: false },
            after: { ministry: ministry.id, ready: true },
          }),
        ];
      },
    );
  }

  /** The write rule: a contributor writes only questions assigned to their ministry. */
  authorizeAnswers(principal: Principal, row: AssessmentRow, questions: readonly string[]): string | null {
    const own: MinistryRow | null = this.deps.ministries.contributorMinistry(principal);
    if (!own) return null;
    const map = this.map(row);
    for (const question of questions) {
      const assigned = map.get(question);
      if (assigned && ministriesOf(assigned).includes(own.id)) continue;
      const codes = assigned ? ministriesOf(assigned).map((m) => this.code(row, m)) : [];
      throw new AppError(
        'forbidden',
        message(codes.length ? 'consultation.notAssigned' : 'consultation.focalPointOnly', {
          question,
          ministries: codes.join(', '),
          ministry: own.code,
        }),
        { question, assignedTo: codes },
      );
    }
    return own.id;
  }

  /** Changed answers withdraw the sign-off of every ministry they are assigned to. */
  answersChanged(row: AssessmentRow, change: Change, questions: readonly string[]): NewEvent[] {
    if (!this.deps.repository.signoffs(row.id).length) return [];
    const map = this.map(row);
    const touched = new Set(
      questions.flatMap((q) => (map.has(q) ? ministriesOf(map.get(q) as Assigned) : [])),
    );
    return this.withdraw(row, change, [...touched]);
  }

  /** The assigned ministries whose part is not signed off. */
  notReady(row: AssessmentRow): { ministryId: string; code: string }[] {
    const ready = new Set(this.deps.repository.signoffs(row.id).map((s) => s.ministryId));
    return [...questionsByMinistry(this.map(row)).keys()]
      .filter((m) => !ready.has(m))
      .map((m) => ({ ministryId: m, code: this.code(row, m) }));
  }

  /** The ministries consulted on an assessment: assigned a part, or the last to answer a question. */
  consulted(row: AssessmentRow, answers: readonly AnswerRow[]): { id: string; code: string; name: string }[] {
    const ids = new Set([
      ...questionsByMinistry(this.map(row)).keys(),
      ...answers.flatMap((a) => (a.ministry ? [a.ministry] : [])),
    ]);
    return [...ids].flatMap((id) => {
      const m = this.deps.ministries.byId(row.country, id);
      return m ? [{ id: m.id, code: m.code, name: m.name }] : [];
    });
  }
}
