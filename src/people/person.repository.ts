import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import { people, threadReads, visits } from '../db/schema/index.ts';

export type PersonRow = typeof people.$inferSelect;
export type VisitRow = typeof visits.$inferSelect;

/** Drizzle queries for the people module's tables: people, visits and thread reads. */
export class PersonRepository {
  constructor(
    private readonly db: Db,
    private readonly writes: GroupCommit,
  ) {}

  transaction<T>(fn: () => T): Promise<T> {
    return this.writes.run(fn);
  }

  find(sub: string): PersonRow | null {
    return this.db.select().from(people).where(eq(people.sub, sub)).get() ?? null;
  }

  /** Creates the person or brings what their token says up to date. */
  upsert(row: Omit<PersonRow, 'preferences' | 'firstSeenAt'> & { firstSeenAt: string }): PersonRow {
    return this.db
      .insert(people)
      .values(row)
      .onConflictDoUpdate({
        target: people.sub,
        set: {
          role: row.role,
          country: row.country,
          ministry: row.ministry,
          email: row.email,
          lastSeenAt: row.lastSeenAt,
          ...(row.lastLanguage ? { lastLanguage: row.lastLanguage } : {}),
        },
      })
      .returning()
      .get();
  }

  /** The people with an e-mail address in a role (and country, ministry code when given). */
  withEmail(filter: { role: string; country?: string; ministry?: string }): PersonRow[] {
    return this.db
      .select()
      .from(people)
      .where(
        and(
          isNotNull(people.email),
          eq(people.role, filter.role),
          filter.country ? eq(people.country, filter.country) : undefined,
          filter.ministry ? eq(people.ministry, filter.ministry) : undefined,
        ),
      )
      .all();
  }

  setPreferences(sub: string, preferences: string): void {
    this.db.update(people).set({ preferences }).where(eq(people.sub, sub)).run();
  }

  recordVisit(row: VisitRow): void {
    this.db
      .insert(visits)
      .values(row)
      .onConflictDoUpdate({
        target: [visits.sub, visits.assessmentId],
        set: { at: row.at, revision: row.revision },
      })
      .run();
  }

  visit(sub: string, assessmentId: string): VisitRow | null {
    return (
      this.db
        .select()
        .from(visits)
        .where(and(eq(visits.sub, sub), eq(visits.assessmentId, assessmentId)))
        .get() ?? null
    );
  }

  visits(sub: string, limit: number): VisitRow[] {
    return this.db
      .select()
      .from(visits)
      .where(eq(visits.sub, sub))
      .orderBy(desc(visits.at))
      .limit(limit)
      .all();
  }

  recordRead(row: typeof threadReads.$inferSelect): void {
    this.db
      .insert(threadReads)
      .values(row)
      .onConflictDoUpdate({
        target: [threadReads.sub, threadReads.assessmentId, threadReads.question],
        set: { at: row.at, revision: row.revision },
      })
      .run();
  }

  /** When the person last read each question's threads on an assessment. */
  reads(sub: string, assessmentId: string): Map<string, { at: string; revision: number }> {
    const rows = this.db
      .select({ question: threadReads.question, at: threadReads.at, revision: threadReads.revision })
      .from(threadReads)
      .where(and(eq(threadReads.sub, sub), eq(threadReads.assessmentId, assessmentId)))
      .all();
    return new Map(rows.map((r) => [r.question, { at: r.at, revision: r.revision }]));
  }
}
