import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { events } from '../db/schema/index.ts';
import type { EventRow } from './assessment.repository.ts';

export type ChangeRow = Pick<EventRow, 'revision' | 'type' | 'question' | 'actor' | 'at' | 'ministry'>;

/**
 * Read-only queries on the assessments module's history (and answers) that the merge of
 * concurrent writes and the consultation ask: what changed since a revision, a question's events.
 */
export class HistoryQueries {
  private readonly newestFirst;

  constructor(private readonly db: Db) {
    this.newestFirst = db.$client.prepare<[string], ChangeRow>(
      'SELECT revision, type, question, actor, at, ministry FROM events WHERE assessment_id = ? ORDER BY id DESC',
    );
  }

  /**
   * The events of the revisions after `revision`, newest first. Revisions grow with event ids, so
   * the walk stops at the first older event instead of reading the whole history.
   */
  changesSince(id: string, revision: number): ChangeRow[] {
    const found: ChangeRow[] = [];
    for (const e of this.newestFirst.iterate(id)) {
      if (e.revision <= revision) break;
      found.push(e);
    }
    return found;
  }

  /** Every event of one question of an assessment, oldest first. */
  questionEvents(id: string, question: string): EventRow[] {
    return this.db
      .select()
      .from(events)
      .where(and(eq(events.assessmentId, id), eq(events.question, question)))
      .orderBy(asc(events.id))
      .all();
  }

  /** The revision of the latest event of `type` (e.g. the last return), or null. */
  lastEventRevision(id: string, type: EventRow['type']): number | null {
    const row = this.db
      .select({ revision: events.revision })
      .from(events)
      .where(and(eq(events.assessmentId, id), eq(events.type, type)))
      .orderBy(desc(events.id))
      .limit(1)
      .get();
    return row?.revision ?? null;
  }

  /** Whether any answer or event names the ministry. */
  ministryHasRecord(ministryId: string): boolean {
    const found = this.db.$client
      .prepare(
        'SELECT 1 FROM answers WHERE ministry = ? UNION ALL SELECT 1 FROM events WHERE ministry = ? LIMIT 1',
      )
      .get(ministryId, ministryId);
    return found !== undefined;
  }
}
