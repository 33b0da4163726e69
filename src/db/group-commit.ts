import { closeSync, fdatasync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { AppError } from '../lib/errors.ts';

/**
 * Group commit with the fsync off the event loop.
 *
 * Write transactions that arrive in the same turn of the event loop share one COMMIT; each
 * caller's work runs in its own savepoint, so one failing write rolls back alone.
 *
 * Durability: for a file database in WAL mode, SQLite runs with synchronous=NORMAL, so COMMIT
 * only write()s the WAL frames and returns; this class then fdatasync()s the WAL file on libuv's
 * thread pool and answers nobody before that sync, started after their COMMIT, has finished.
 * An acknowledged write is therefore on disk exactly as with synchronous=FULL (which syncs the
 * WAL at every COMMIT), but the main thread keeps serving requests while the disk works, and one
 * sync covers every commit made while the previous one ran. Checkpoints still sync the WAL and
 * the database file themselves (SQLite does that at synchronous=NORMAL too).
 *
 * A reader may see a committed write a moment before it is durable; nobody is told it succeeded
 * before it is.
 *
 * A failed sync fails the writes it was to cover and stops all further writes (503) until the
 * service restarts: after an fsync error the kernel may have dropped the unwritten pages, and a
 * later sync that succeeds would not mean they reached the disk.
 */
export class GroupCommit {
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  private open = false;
  private readonly walFile: string | null;
  private walFd: number | null = null;
  private syncing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(private readonly sqlite: Database.Database) {
    const wal = !sqlite.memory && sqlite.pragma('journal_mode', { simple: true }) === 'wal';
    this.walFile = wal ? `${sqlite.name}-wal` : null;
    if (wal) sqlite.pragma('synchronous = NORMAL');
  }

  /** Whether writes are stopped because the disk failed to confirm one. */
  get stopped(): boolean {
    return this.failure !== null;
  }

  async run<T>(work: () => T): Promise<T> {
    if (this.failure !== null) {
      throw new AppError(
        'unavailable',
        'Writes are stopped: the disk failed to confirm an earlier write. Restart the service once the disk is healthy.',
      );
    }
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

  private commit(): Promise<void> {
    const waiting = this.waiting;
    this.waiting = [];
    this.open = false;
    try {
      this.sqlite.exec('COMMIT');
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      for (const w of waiting) w.reject(error);
      return Promise.resolve();
    }
    // Every write of the turn failed and rolled back to its savepoint: nothing to make durable.
    if (!waiting.length) return Promise.resolve();
    return this.synced().then(
      () => {
        for (const w of waiting) w.resolve();
      },
      (error: unknown) => {
        this.failure = error;
        for (const w of waiting) w.reject(error);
      },
    );
  }

  /** Resolves once an fdatasync of the WAL that started after this call has finished. */
  private synced(): Promise<void> {
    if (this.walFile === null) return Promise.resolve();
    if (this.queued) return this.queued;
    const running = this.syncing;
    if (!running) return this.startSync();
    // A sync is already running and may have started before our COMMIT: wait for the next one.
    const next = running.then(
      () => undefined,
      () => undefined,
    );
    this.queued = next.then(() => {
      this.queued = null;
      return this.startSync();
    });
    return this.queued;
  }

  private startSync(): Promise<void> {
    // Opened on first use: the WAL exists once something was committed to it. An fd stays valid
    // when SQLite rewinds or truncates the WAL, and SQLite removes it only when it closes.
    const sync = new Promise<void>((resolve, reject) => {
      this.walFd ??= openSync(this.walFile as string, 'r+');
      fdatasync(this.walFd, (error) => (error ? reject(error) : resolve()));
    });
    this.syncing = sync;
    const done = () => {
      if (this.syncing === sync) this.syncing = null;
    };
    sync.then(done, done);
    return sync;
  }

  /** Commits what is pending and waits until it is durable (before closing the database). */
  async flush(): Promise<void> {
    if (this.open) await this.commit();
    await this.syncing?.catch(() => undefined);
    await this.queued?.catch(() => undefined);
    if (this.walFd !== null) {
      closeSync(this.walFd);
      this.walFd = null;
    }
  }
}
