import { and, asc, eq, lte } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { mailMessages } from '../db/schema/index.ts';

export type MailRow = typeof mailMessages.$inferSelect;

/** Drizzle queries for the notifications module's table: mail_messages. */
export class NotificationRepository {
  constructor(private readonly db: Db) {}

  insert(row: MailRow): void {
    this.db.insert(mailMessages).values(row).run();
  }

  due(now: number, limit: number): MailRow[] {
    return this.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.status, 'pending'), lte(mailMessages.nextAttemptAt, now)))
      .orderBy(asc(mailMessages.nextAttemptAt))
      .limit(limit)
      .all();
  }

  update(id: string, set: Partial<MailRow>): void {
    this.db.update(mailMessages).set(set).where(eq(mailMessages.id, id)).run();
  }
}
