import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import type { DocumentService } from '../documents/document.service.ts';
import { type DocumentSource, unknownDocuments } from './documents.port.ts';

/**
 * Publication's port onto the evidence documents (src/documents/): an assessment's documents by
 * id, and their bytes by sha256 from the content-addressed store. A validated assessment's
 * documents cannot be deleted, so the bytes a publication names stay in the store.
 */
export function publicDocuments(documents: DocumentService): DocumentSource {
  return {
    describe(row: AssessmentRow, ids: readonly string[]) {
      const byId = new Map(documents.rows(row).map((d) => [d.id, d]));
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length) throw unknownDocuments(missing);
      return ids.map((id) => {
        const d = byId.get(id)!;
        return { id: d.id, name: d.name, mediaType: d.mediaType, size: d.size, sha256: d.sha256 };
      });
    },
    async open(sha256: string) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of documents.openBlob(sha256)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
