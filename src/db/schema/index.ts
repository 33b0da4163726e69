import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** A published framework version: immutable once stored (see framework.repository.ts). */
export const frameworks = sqliteTable(
  'frameworks',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    key: text().notNull(),
    version: text().notNull(),
    title: text().notNull(),
    /** The normalised definition as JSON. */
    definition: text().notNull(),
    /** sha256 of `definition`, compared at start-up to refuse silent edits. */
    contentHash: text().notNull(),
    publishedAt: text().notNull().default(now),
  },
  (t) => [uniqueIndex('frameworks_key_version_uq').on(t.key, t.version)],
);

/** ISO 3166-1 alpha-3 countries and areas with their UN M49 regions. */
export const countries = sqliteTable('countries', {
  iso3: text().primaryKey(),
  name: text().notNull(),
  m49: text().notNull(),
  region: text(),
  regionCode: text(),
  subregion: text(),
  subregionCode: text(),
  intermediateRegion: text(),
  intermediateRegionCode: text(),
});

export const ASSESSMENT_STATUSES = ['draft', 'submitted', 'returned', 'validated'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const assessments = sqliteTable(
  'assessments',
  {
    id: text().primaryKey(),
    country: text()
      .notNull()
      .references(() => countries.iso3),
    period: text().notNull(),
    frameworkId: integer()
      .notNull()
      .references(() => frameworks.id),
    status: text({ enum: ASSESSMENT_STATUSES }).notNull().default('draft'),
    revision: integer().notNull().default(1),
    copiedFrom: text(),
    /** JSON [{ question, reason }]: the answers of copiedFrom that were not carried over, and why. */
    askedAgain: text(),
    returnReason: text(),
    createdBy: text().notNull(),
    createdAt: text().notNull().default(now),
    updatedAt: text().notNull().default(now),
    submittedAt: text(),
    validatedAt: text(),
    /** UTF-8 bytes of this assessment's history (before, after, reason), bounded by HISTORY_LIMIT_BYTES. */
    historyBytes: integer().notNull().default(0),
  },
  (t) => [
    // One open assessment per country, period and framework version; validated ones are final records.
    uniqueIndex('assessments_open_uq')
      .on(t.country, t.period, t.frameworkId)
      .where(sql`status <> 'validated'`),
    index('assessments_country_period_idx').on(t.country, t.period),
    index('assessments_status_idx').on(t.status),
  ],
);

export const answers = sqliteTable(
  'answers',
  {
    assessmentId: text()
      .notNull()
      .references(() => assessments.id),
    question: text().notNull(),
    /** JSON: an option value (string) or a number; null when not applicable. */
    value: text(),
    notApplicable: integer({ mode: 'boolean' }).notNull().default(false),
    comment: text(),
    /** JSON array of { title, url?, citation? }. */
    evidence: text().notNull().default('[]'),
    answeredBy: text().notNull(),
    answeredAt: text().notNull().default(now),
    /** The ministry (id) of the contributor who last answered; null for a focal point or admin. */
    ministry: text(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.question] })],
);

export const EVENT_TYPES = [
  'created',
  'answer_set',
  'answer_cleared',
  'submitted',
  'returned',
  'validated',
  'assignments_set',
  'ministry_ready',
  'ministry_withdrawn',
  'comment_added',
  'thread_resolved',
  'thread_reopened',
  'approved',
  'published',
  'unpublished',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Append-only history: nothing updates or deletes these rows. The id is the rowid without
 * AUTOINCREMENT: since no row is ever deleted, rowids already only grow, and AUTOINCREMENT's
 * bookkeeping cost a third of each insert (a full questionnaire writes ~100 events).
 */
export const events = sqliteTable(
  'events',
  {
    id: integer().primaryKey(),
    assessmentId: text()
      .notNull()
      .references(() => assessments.id),
    revision: integer().notNull(),
    type: text({ enum: EVENT_TYPES }).notNull(),
    actor: text().notNull(),
    at: text().notNull().default(now),
    question: text(),
    before: text(),
    after: text(),
    reason: text(),
    /** The actor's ministry (id) when the actor is a contributor. */
    ministry: text(),
  },
  (t) => [index('events_assessment_idx').on(t.assessmentId, t.id)],
);

/** The report of a validated assessment, stored once so it never changes. */
export const reportSnapshots = sqliteTable('report_snapshots', {
  assessmentId: text()
    .primaryKey()
    .references(() => assessments.id),
  arithmetic: text().notNull(),
  geometric: text().notNull(),
  createdAt: text().notNull().default(now),
});

/** What the SDG 10.7.2 aggregate and the trend need, written at validation time. */
export const validatedResults = sqliteTable(
  'validated_results',
  {
    assessmentId: text()
      .primaryKey()
      .references(() => assessments.id),
    country: text().notNull(),
    period: text().notNull(),
    region: text(),
    subregion: text(),
    composite: real(),
    band: text(),
    validatedAt: text().notNull(),
  },
  (t) => [
    index('validated_results_period_idx').on(t.period, t.country, t.validatedAt),
    index('validated_results_country_idx').on(t.country, t.period),
  ],
);

export const validatedDomainResults = sqliteTable(
  'validated_domain_results',
  {
    assessmentId: text()
      .notNull()
      .references(() => validatedResults.assessmentId),
    domain: text().notNull(),
    score: real(),
    band: text(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.domain] })],
);

/**
 * The 10.7.2 category of each 10.7.2 domain (1-6) and overall (0), written at validation for
 * assessments on a framework with the 10.7.2 crosswalk (methodology 2).
 */
export const validatedSdg1072Results = sqliteTable(
  'validated_sdg1072_results',
  {
    assessmentId: text()
      .notNull()
      .references(() => validatedResults.assessmentId),
    domain: integer().notNull(),
    score: real(),
    category: text(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.domain] })],
);

/**
 * The official 10.7.2 record (methodology 3, framework 2.1.0 on) of a validated assessment: who and
 * when (the latest per country up to a year is what the aggregate counts) and the country's M49 areas
 * at validation time, the SDG regional grouping included, so the aggregate groups in SQL.
 */
export const validatedSdg1072OfficialResponses = sqliteTable(
  'validated_sdg1072_official_responses',
  {
    assessmentId: text()
      .primaryKey()
      .references(() => validatedResults.assessmentId),
    country: text().notNull(),
    period: text().notNull(),
    validatedAt: text().notNull(),
    regionCode: text(),
    subregionCode: text(),
    intermediateRegionCode: text(),
    sdgRegionCode: text(),
  },
  (t) => [
    index('validated_sdg1072_official_latest_idx').on(t.country, t.period, t.validatedAt, t.assessmentId),
  ],
);

/** Its values: domain 1-6 and 0 for the overall value, each with its category code 1-4. */
export const validatedSdg1072Official = sqliteTable(
  'validated_sdg1072_official',
  {
    assessmentId: text()
      .notNull()
      .references(() => validatedSdg1072OfficialResponses.assessmentId),
    domain: integer().notNull(),
    value: real().notNull(),
    category: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.domain] })],
);

/** Remembers the result of a create made with an Idempotency-Key, per caller. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    actor: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    assessmentId: text()
      .notNull()
      .references(() => assessments.id),
    createdAt: text().notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.actor, t.key] })],
);

export * from './consultation.ts';
export * from './documents.ts';
export * from './outbox.ts';
export * from './publication.ts';
