import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import { AppError, message } from '../lib/errors.ts';
import type { PublicDocumentMeta } from './publication.schemas.ts';

/**
 * What publication needs from the evidence documents (src/documents/, issue 27), and nothing
 * more: the one way `publicDocuments` reaches them. The services plugin wires the documents
 * module's repository and content-addressed store behind it.
 */
export interface DocumentSource {
  /**
   * The documents of the assessment named by `ids`, in that order; throws a 422 naming every id
   * that is not one of that assessment's documents.
   */
  describe(row: AssessmentRow, ids: readonly string[]): PublicDocumentMeta[];
  /** A stored document's bytes by their sha256, or null when the store has none. */
  open(sha256: string): Promise<Buffer | null>;
}

/** A 422 naming the ids that are not documents of the assessment. */
export function unknownDocuments(ids: readonly string[]): AppError {
  return new AppError('unprocessable', message('problem.unknownDocuments', { ids: ids.join(', ') }), {
    errors: ids.map((id) => ({ path: 'publicDocuments', message: `unknown document ${id}` })),
  });
}
