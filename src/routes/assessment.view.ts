import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import type { AssessmentService } from '../assessments/assessment.service.ts';

/** An assessment as the API shows it: in lists (summary), and with its progress (the rest). */
export function summary(service: AssessmentService, row: AssessmentRow) {
  const framework = service.frameworkOf(row);
  return {
    id: row.id,
    country: row.country,
    period: row.period,
    status: row.status,
    revision: row.revision,
    framework: { key: framework.key, version: framework.version },
    copiedFrom: row.copiedFrom,
    returnReason: row.returnReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    validatedAt: row.validatedAt,
  };
}

/** The assessment with its progress, as every write and the single read answer. */
export const fullView = (service: AssessmentService, row: AssessmentRow) => ({
  ...summary(service, row),
  progress: service.progress(row),
  askedAgain: row.askedAgain ? JSON.parse(row.askedAgain) : [],
});
