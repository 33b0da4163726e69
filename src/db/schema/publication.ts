import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/*
 * The tables of publication (src/publication/): the government's approval of a validated
 * assessment, the numbered publication versions of a country's period, and the bytes of each
 * version's snapshot. Kept apart from index.ts, which re-exports them.
 */

/** The government's approval of one validated assessment: who may be named, which documents are public. */
export const publicationApprovals = sqliteTable('publication_approvals', {
  assessmentId: text().primaryKey(),
  /** The approving authority as the government names it (a ministry, a cabinet decision). */
  authority: text().notNull(),
  /** JSON array of the evidence document ids the government chose to make public. */
  publicDocuments: text().notNull().default('[]'),
  approvedBy: text().notNull(),
  approvedAt: text().notNull(),
});

export const PUBLICATION_STATUSES = ['published', 'superseded', 'withdrawn'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/**
 * One publication version of a country's period: n = 1, 2, … per (country, period). `published`
 * is the current one; `superseded` stays readable at its version URL; `withdrawn` is kept as a
 * record and answers 410.
 */
export const publications = sqliteTable(
  'publications',
  {
    id: text().primaryKey(),
    assessmentId: text().notNull(),
    country: text().notNull(),
    period: text().notNull(),
    version: integer().notNull(),
    status: text({ enum: PUBLICATION_STATUSES }).notNull(),
    /** M49 codes copied at publication, so the open-data filters need no other module's table. */
    regionCode: text(),
    subregionCode: text(),
    authority: text().notNull(),
    approvedAt: text().notNull(),
    publishedAt: text().notNull(),
    publishedBy: text().notNull(),
    /** JSON [{ id, name, mediaType, size, sha256 }]: the public documents as they were at publication. */
    documents: text().notNull().default('[]'),
    withdrawnAt: text(),
    withdrawnBy: text(),
    withdrawReason: text(),
  },
  (t) => [
    uniqueIndex('publications_country_period_version_uq').on(t.country, t.period, t.version),
    index('publications_status_idx').on(t.status, t.country, t.period),
    index('publications_assessment_idx').on(t.assessmentId),
  ],
);

/** The snapshot of a version: each public representation's bytes, written once with the version. */
export const publicationFiles = sqliteTable(
  'publication_files',
  {
    publicationId: text()
      .notNull()
      .references(() => publications.id),
    /** `profile.json`, `report.svg`, `profile.pdf` or `data.csv`. */
    name: text().notNull(),
    locale: text().notNull(),
    mediaType: text().notNull(),
    sha256: text().notNull(),
    bytes: blob({ mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.name, t.locale] })],
);

export type PublicationRow = typeof publications.$inferSelect;
export type PublicationFileRow = typeof publicationFiles.$inferSelect;
export type ApprovalRow = typeof publicationApprovals.$inferSelect;
