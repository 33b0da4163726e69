import type Database from 'better-sqlite3';

/**
 * Group commit: write transactions that arrive in the same turn of the event loop share one
 * COMMIT, so one fsync (synchronous=FULL) covers them all. Each caller's work runs in its own
 * savepoint, so one failing write rolls back alone; nobody is answered before the COMMIT that
 * made their write durable has returned.
 */
export class GroupCommit {
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private open = false;

  constructor(private readonly sqlite: Database.Database) {}

  async run<T>(work: () => T): Promise<T> {
    if (!this.open) {
      this.sqlite.exec('BEGIN IMMEDIATE');
      this.open = true;
      setImmediate(() => this.commit());
    }
    // Inside an open transaction better-sqlite3 runs this as a savepoint: all of it or none.
    const result = this.sqlite.transaction(work)();
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
    return result;
  }

  private commit(): void {
    const waiting = this.waiting;
    this.waiting = [];
    this.open = false;
    try {
      this.sqlite.exec('COMMIT');
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      for (const w of waiting) w.reject(error);
      return;
    }
    for (const w of waiting) w.resolve();
  }

  /** Commits what is pending now (before closing the database). */
  flush(): void {
    if (this.open) this.commit();
  }
}
