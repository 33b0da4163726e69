import type { ConsultationHooks } from '../assessments/assessment.consultation.ts';
import type { AssignmentService } from './assignment.service.ts';
import type { ThreadService } from './thread.service.ts';

/** The consultation's rules as the assessments module asks for them (see assessment.consultation.ts). */
export function consultationHooks(assignments: AssignmentService, threads: ThreadService): ConsultationHooks {
  return {
    authorizeAnswers: (principal, row, questions) => assignments.authorizeAnswers(principal, row, questions),
    answersChanged: (row, change, questions) => assignments.answersChanged(row, change, questions),
    submitBlockers: (row, reason) => ({
      // A stated reason lets the focal point submit without every ministry ready; remarks always block.
      notReady: reason === undefined ? assignments.notReady(row) : [],
      openRemarks: threads.openRemarks(row),
    }),
    returned: (row, change, remarks) => threads.returned(row, change, remarks),
  };
}
