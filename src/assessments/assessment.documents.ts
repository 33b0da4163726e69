/**
 * What the assessments module asks of the documents module: which document ids an answer's
 * evidence names are not documents of the same assessment (an invalid answer, 400). The services
 * plugin plugs the documents module in; without it, every document id is unknown.
 */
export interface DocumentHooks {
  unknown(assessmentId: string, ids: readonly string[]): string[];
}

export const NO_DOCUMENTS: DocumentHooks = { unknown: (_assessmentId, ids) => [...ids] };
