import type { Readable } from 'node:stream';
import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import type { Evidence } from '../assessments/assessment.schemas.ts';
import { isEditable } from '../assessments/assessment.workflow.ts';
import type { Principal } from '../auth/claims.ts';
import { AppError, message } from '../lib/errors.ts';
import { uuidv7 } from '../lib/ids.ts';
import { decideType } from './content-type.ts';
import { checkDeclaredLength, type DocumentLimits, tooLarge, uploadLimit } from './document.limits.ts';
import type { DocumentRepository, DocumentRow } from './document.repository.ts';
import { type DocumentView, type ListedDocument, MAX_DOCUMENTS, MAX_NAME } from './document.schemas.ts';
import type { DocumentStore, StagedBlob } from './document-store.ts';

/**
 * The documents module owns the evidence documents of assessments: their rows (documents table)
 * and, through a DocumentStore, their bytes. Who may see or write them is the assessment's rule
 * (its scope, its status, a contributor's assigned questions), asked of the assessments module.
 */

export interface DocumentDeps {
  repository: DocumentRepository;
  store: DocumentStore;
  limits: DocumentLimits;
  /** The assessment if the caller may see it (404 otherwise). */
  load: (principal: Principal, id: string) => AssessmentRow;
  /** Whether the assessment's framework has the question. */
  hasQuestion: (row: AssessmentRow, question: string) => boolean;
  /** 403 for a contributor writing a question not assigned to their ministry (as answer writes). */
  authorize: (principal: Principal, row: AssessmentRow, questions: readonly string[]) => string | null;
  /** The stored evidence of each answered question, as JSON text. */
  evidenceOf: (row: AssessmentRow) => { question: string; evidence: string }[];
  /**
   * Where a malware scanner plugs in: called with the staged bytes before anything is committed;
   * it refuses by throwing (an AppError). None is configured: signatures cannot be fetched here.
   */
  scan?: (staged: StagedBlob, meta: { name: string; mediaType: string }) => Promise<void>;
  /** Told of each document added, inside its transaction (the outbox's `document.added`). */
  onAdded?: (row: AssessmentRow, document: DocumentRow) => void;
}

export interface Upload {
  stream: Readable;
  filename: string;
  mimetype: string;
}

/** A display name: whatever the uploader chose, cut to MAX_NAME characters, never a path. */
const displayName = (name: string): string => {
  const chars = [...(name || 'document')];
  return chars.length > MAX_NAME ? chars.slice(chars.length - MAX_NAME).join('') : chars.join('');
};

export const documentView = (row: DocumentRow): DocumentView => ({
  id: row.id,
  name: row.name,
  mediaType: row.mediaType as DocumentView['mediaType'],
  size: row.size,
  sha256: row.sha256,
  uploadedBy: row.uploadedBy,
  uploadedAt: row.uploadedAt,
  question: row.question,
});

export class DocumentService {
  /** Blobs renamed into place whose row is not committed yet: a delete must not remove them. */
  private readonly pending = new Map<string, number>();

  constructor(private readonly deps: DocumentDeps) {}

  get limits(): DocumentLimits {
    return this.deps.limits;
  }

  /** At start-up: what a crash left behind (temporary files, blobs without a row) is removed. */
  sweep(): { staged: number; orphans: number } {
    const named = this.deps.repository.allHashes();
    return this.deps.store.sweep((sha256) => named.has(sha256));
  }

  private writable(principal: Principal, id: string, question: string | null | undefined): AssessmentRow {
    const row = this.deps.load(principal, id);
    if (!isEditable(row.status))
      throw new AppError('conflict', message('problem.readOnly', { status: row.status }));
    if (question != null && !this.deps.hasQuestion(row, question)) {
      throw new AppError('not_found', message('problem.documentQuestionUnknown', { question }));
    }
    if (question == null) {
      if (principal.role === 'contributor')
        throw new AppError('forbidden', message('problem.documentQuestionRequired'));
    } else {
      this.deps.authorize(principal, row, [question]);
    }
    return row;
  }

  /**
   * Everything that refuses an upload before its body is read: scope, status, the contributor's
   * question, and a Content-Length beyond the limits. Returns what the upload may hold.
   */
  admit(principal: Principal, id: string, question: string | undefined, contentLength: string | undefined) {
    const row = this.writable(principal, id, question);
    const used = this.deps.repository.usedBytes(row.id);
    if (this.deps.repository.list(row.id).length >= MAX_DOCUMENTS) {
      throw new AppError('payload_too_large', message('problem.documentsCount', { max: MAX_DOCUMENTS }), {
        headers: { connection: 'close' },
      });
    }
    checkDeclaredLength(contentLength, this.deps.limits, used);
    return uploadLimit(this.deps.limits, used);
  }

  /** Streams the upload to the store, checks its type, commits the bytes, then the row. */
  async upload(
    principal: Principal,
    id: string,
    question: string | undefined,
    upload: Upload,
    limit: ReturnType<DocumentService['admit']>,
  ): Promise<DocumentView> {
    const { store } = this.deps;
    const staged = await store.stage(upload.stream, { limit: limit.bytes, tooLarge: limit.error });
    const name = displayName(upload.filename);
    let committed = false;
    let marked = false;
    try {
      const mediaType = await decideType({ ...staged }, upload.mimetype, name);
      await this.deps.scan?.(staged, { name, mediaType });
      this.pending.set(staged.sha256, (this.pending.get(staged.sha256) ?? 0) + 1);
      marked = true;
      await store.commit(staged);
      committed = true;
      return await this.deps.repository.transaction(() => {
        // Again inside the transaction: the assessment may have been submitted, or filled, meanwhile.
        const row = this.writable(principal, id, question);
        const used = this.deps.repository.usedBytes(row.id);
        if (used + staged.size > this.deps.limits.assessmentBytes) {
          throw tooLarge('assessment', this.deps.limits.assessmentBytes, used);
        }
        const document: DocumentRow = {
          id: uuidv7(),
          assessmentId: row.id,
          sha256: staged.sha256,
          name,
          mediaType,
          size: staged.size,
          question: question ?? null,
          uploadedBy: principal.sub,
          uploadedAt: new Date().toISOString(),
        };
        this.deps.repository.insert(document);
        this.deps.onAdded?.(row, document);
        return documentView(document);
      });
    } catch (error) {
      if (!committed) await store.discard(staged);
      throw error;
    } finally {
      if (marked) this.release(staged.sha256);
    }
  }

  /** Drops a pending mark; a blob that ends up named by no row is removed. */
  private release(sha256: string): void {
    const left = (this.pending.get(sha256) ?? 1) - 1;
    if (left > 0) {
      this.pending.set(sha256, left);
      return;
    }
    this.pending.delete(sha256);
    if (!this.deps.repository.isNamed(sha256)) void this.deps.store.remove(sha256).catch(() => undefined);
  }

  /** Which questions' evidence points at each document. */
  private references(row: AssessmentRow): Map<string, string[]> {
    const byDocument = new Map<string, string[]>();
    for (const { question, evidence } of this.deps.evidenceOf(row)) {
      if (!evidence.includes('"document"')) continue;
      for (const item of JSON.parse(evidence) as Evidence[]) {
        if (!item.document) continue;
        const list = byDocument.get(item.document) ?? [];
        if (!list.includes(question)) list.push(question);
        byDocument.set(item.document, list);
      }
    }
    return byDocument;
  }

  list(principal: Principal, id: string): { documents: ListedDocument[]; usedBytes: number } {
    const row = this.deps.load(principal, id);
    const references = this.references(row);
    const rows = this.deps.repository.list(row.id);
    return {
      documents: rows.map((d) => ({ ...documentView(d), referencedBy: references.get(d.id) ?? [] })),
      usedBytes: rows.reduce((sum, d) => sum + d.size, 0),
    };
  }

  /** The row of a document the caller may see (404 otherwise, as for the assessment). */
  find(principal: Principal, id: string, docId: string): DocumentRow {
    const row = this.deps.load(principal, id);
    const document = this.deps.repository.find(row.id, docId);
    if (!document) throw new AppError('not_found', message('problem.documentNotFound', { id: docId }));
    return document;
  }

  /** The rows of the assessment's documents, for the evidence pack. */
  rows(row: AssessmentRow): DocumentRow[] {
    return this.deps.repository.list(row.id);
  }

  open(document: DocumentRow, range?: { start: number; end: number }): Readable {
    return this.deps.store.open(document.sha256, range);
  }

  /** The bytes stored under a hash (a published document: src/publication/document-source.ts). */
  openBlob(sha256: string): Readable {
    return this.deps.store.open(sha256);
  }

  /** Removes a document no evidence points at, of an editable assessment; its bytes go with the last row. */
  async remove(principal: Principal, id: string, docId: string): Promise<void> {
    const sha256 = await this.deps.repository.transaction(() => {
      const document = this.find(principal, id, docId);
      const row = this.writable(principal, id, document.question);
      const referencedBy = this.references(row).get(docId) ?? [];
      if (referencedBy.length) {
        throw new AppError(
          'conflict',
          message('problem.documentReferenced', { questions: referencedBy.join(', ') }),
          {
            referencedBy,
          },
        );
      }
      this.deps.repository.delete(docId);
      return document.sha256;
    });
    if (!this.pending.has(sha256) && !this.deps.repository.isNamed(sha256))
      await this.deps.store.remove(sha256);
  }

  /** Inside the copying transaction: the source's documents as the new assessment's (same bytes). */
  copy(fromId: string, toId: string): Map<string, string> {
    const ids = new Map<string, string>();
    for (const document of this.deps.repository.list(fromId)) {
      const id = uuidv7();
      this.deps.repository.insert({ ...document, id, assessmentId: toId });
      ids.set(document.id, id);
    }
    return ids;
  }

  /** The document ids among `ids` that are not documents of the assessment (an answer's evidence). */
  unknown(assessmentId: string, ids: readonly string[]): string[] {
    const found = this.deps.repository.existing(assessmentId, ids);
    return ids.filter((docId) => !found.has(docId));
  }
}
