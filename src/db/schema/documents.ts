import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/*
 * The documents module's table. The bytes are not here: they are blobs addressed by their sha256
 * in the document store (src/documents/document-store.ts), shared by every row that names them.
 */

/** An uploaded evidence document of an assessment; a new version is a new row. */
export const documents = sqliteTable(
  'documents',
  {
    id: text().primaryKey(),
    assessmentId: text().notNull(),
    /** The blob's address in the store: written, synced and renamed before this row is committed. */
    sha256: text().notNull(),
    /** As the uploader named it, for display only: never a path. */
    name: text().notNull(),
    /** Decided from the content (see content-type.ts), never from the name or the declared type. */
    mediaType: text().notNull(),
    size: integer().notNull(),
    /** The question it was uploaded for; null when a focal point or admin uploaded it for the assessment. */
    question: text(),
    uploadedBy: text().notNull(),
    uploadedAt: text().notNull(),
  },
  (t) => [
    index('documents_assessment_idx').on(t.assessmentId, t.id),
    index('documents_sha256_idx').on(t.sha256),
  ],
);
