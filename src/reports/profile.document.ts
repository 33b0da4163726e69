import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import type { AssessmentService } from '../assessments/assessment.service.ts';
import type { Locale } from '../i18n/locale.ts';
import { profilePdf } from './profile.pdf.ts';
import type { Report } from './report.schemas.ts';
import type { ReportService } from './report.service.ts';

/**
 * The country profile PDF of an assessment in `locale`, made once per revision (see
 * ReportService.document): what `GET …/profile.pdf` sends and the evidence pack holds.
 */
export function profileDocument(
  reports: ReportService,
  assessments: AssessmentService,
  row: AssessmentRow,
  locale: Locale,
): Promise<Buffer> {
  const framework = assessments.frameworkOf(row);
  return reports.document(row, 'pdf', locale, () =>
    profilePdf(JSON.parse(reports.reportBuffer(row, 'arithmetic', locale).toString('utf8')) as Report, {
      locale,
      answerLabel: (question, value) =>
        framework.questions.get(question)?.options?.find((o) => o.value === value)?.label,
    }),
  );
}
