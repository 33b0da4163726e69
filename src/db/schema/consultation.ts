import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/*
 * The tables of the inter-ministerial consultation (ministries, people, consultation modules).
 * Kept apart from index.ts, which re-exports them, so drizzle-kit sees one schema.
 */

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** A ministry of a country, named by the focal point; retired (never deleted) once it has answered. */
export const ministries = sqliteTable(
  'ministries',
  {
    id: text().primaryKey(),
    country: text().notNull(),
    /** Chosen by the focal point (e.g. MOL), unique in the country: what a token's `ministry` claim carries. */
    code: text().notNull(),
    name: text().notNull(),
    acronym: text(),
    /** JSON array of e-mail addresses for notifications. */
    contacts: text().notNull().default('[]'),
    retiredAt: text(),
    /** Moves with every change: the ministry's ETag. */
    revision: integer().notNull().default(1),
    createdAt: text().notNull().default(now),
    updatedAt: text().notNull().default(now),
  },
  (t) => [uniqueIndex('ministries_country_code_uq').on(t.country, t.code)],
);

export const MINISTRY_AUDIT_TYPES = ['created', 'updated', 'retired', 'deleted'] as const;

/** Append-only audit log of a country's ministries. */
export const ministryAudit = sqliteTable(
  'ministry_audit',
  {
    id: integer().primaryKey(),
    country: text().notNull(),
    ministryId: text().notNull(),
    type: text({ enum: MINISTRY_AUDIT_TYPES }).notNull(),
    actor: text().notNull(),
    at: text().notNull().default(now),
    before: text(),
    after: text(),
  },
  (t) => [index('ministry_audit_country_idx').on(t.country, t.id)],
);

/** Who answers what: a sub-domain or a question of an assessment, its lead and contributing ministries. */
export const assignments = sqliteTable(
  'assignments',
  {
    assessmentId: text().notNull(),
    scope: text().notNull(),
    lead: text().notNull(),
    /** JSON array of ministry ids. */
    contributors: text().notNull().default('[]'),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.scope] })],
);

/** A ministry's part marked ready; the row goes when a later change to its questions withdraws it. */
export const signoffs = sqliteTable(
  'signoffs',
  {
    assessmentId: text().notNull(),
    ministryId: text().notNull(),
    readyBy: text().notNull(),
    readyAt: text().notNull(),
    revision: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.ministryId] })],
);

/** Comments on a question; a thread is its first comment and every comment replying within it. */
export const comments = sqliteTable(
  'comments',
  {
    id: text().primaryKey(),
    assessmentId: text().notNull(),
    question: text().notNull(),
    /** The thread's first comment; null on the first comment itself. */
    threadId: text(),
    replyTo: text(),
    author: text().notNull(),
    ministry: text(),
    text: text().notNull(),
    at: text().notNull(),
    /** A reviewer's remark made when returning the assessment: it must be resolved before resubmission. */
    remark: integer({ mode: 'boolean' }).notNull().default(false),
    resolvedAt: text(),
    resolvedBy: text(),
    /** The assessment's revision the comment made (null before migration 0010): what unread counts compare. */
    revision: integer(),
  },
  (t) => [index('comments_assessment_question_idx').on(t.assessmentId, t.question, t.at)],
);

/** The server's record of a person, from their verified token, and their preferences. */
export const people = sqliteTable('people', {
  sub: text().primaryKey(),
  role: text().notNull(),
  country: text(),
  ministry: text(),
  email: text(),
  /** The language of the person's last request: what mail is written in unless they chose one. */
  lastLanguage: text(),
  /** JSON: { language, notifications: { ... } }. */
  preferences: text().notNull().default('{}'),
  firstSeenAt: text().notNull(),
  lastSeenAt: text().notNull(),
});

/** When a person last opened an assessment, and at which revision: what "changed since" counts from. */
export const visits = sqliteTable(
  'visits',
  {
    sub: text().notNull(),
    assessmentId: text().notNull(),
    at: text().notNull(),
    revision: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sub, t.assessmentId] })],
);

/** When a person last read the threads of a question: what the unread counts beside it count from. */
export const threadReads = sqliteTable(
  'thread_reads',
  {
    sub: text().notNull(),
    assessmentId: text().notNull(),
    question: text().notNull(),
    at: text().notNull(),
    /** The assessment's revision when read: comments made at a later revision are unread. */
    revision: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sub, t.assessmentId, t.question] })],
);
