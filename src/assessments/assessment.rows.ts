import type { events } from '../db/schema/index.ts';

/**
 * The event row shapes, apart from the repository that stores them: the history module builds and
 * reads these rows, and the repository uses the history module's size count, so neither can hold
 * them without the two importing each other.
 */
export type EventRow = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
