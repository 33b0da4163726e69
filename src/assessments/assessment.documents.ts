/**
 * What the assessments module asks of the documents module: which document ids an answer's
 * evidence names are not documents of the same assessment (an invalid answer, 400). The services
 * plugin plugs the documents module in; without it, every document id is unknown.
 */
export interface DocumentHooks {
  unknown(assessmentId: string, ids: readonly string[]): string[];
  /**
   * When an assessment starts from a copy of another's answers, in the same transaction: the
   * source's documents become the new one's too (new ids, the same stored bytes); returns the new
   * id of each old one, so the copied evidence points at the new assessment's documents.
   */
  copy(fromId: string, toId: string): Map<string, string>;
}

export const NO_DOCUMENTS: DocumentHooks = {
  unknown: (_assessmentId, ids) => [...ids],
  copy: () => new Map(),
};

/** Stored evidence JSON with its document ids renamed by `ids` (those it does not know are dropped). */
export function renameDocuments(evidence: string, ids: ReadonlyMap<string, string>): string {
  if (!evidence.includes('"document"')) return evidence;
  const items = JSON.parse(evidence) as { document?: string }[];
  return JSON.stringify(
    items.map(({ document, ...item }) => {
      const renamed = document ? ids.get(document) : undefined;
      return renamed ? { ...item, document: renamed } : item;
    }),
  );
}
