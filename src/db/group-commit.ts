import { closeSync, fdatasync, openSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import { AppError, message } from '../lib/errors.ts';

/** A storage failure: the disk is full or failing, so a write was not kept (SQLite or the OS says so). */
export function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (/^SQLITE_(FULL|IOERR|CANTOPEN|READONLY)/.test(code) ||
      ['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO', 'EROFS'].includes(code))
  );
}

/** The room the readiness probe asks for past the largest database file: about one large write. */
const PROBE_BYTES = 1024 * 1024;

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
};

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
 * Nothing uncommitted is ever read: the open transaction is on the same connection as every
 * read, so a read served while writes wait for their COMMIT (a GET pipelined behind a PUT) would
 * see them, and they may still fail. `settle()` commits what is waiting first (committing early is
 * always safe: it holds only finished writes); reads call it (see db.plugin.ts). A reader may
 * still see a committed write a moment before it is durable; nobody is told it succeeded before
 * it is.
 *
 * A full or failing disk (SQLITE_FULL, SQLITE_IOERR, ENOSPC...) fails the writes of that commit
 * with a storage error (503 with Retry-After) and marks storage as failing until `probe()`, which
 * needs the files to be able to grow, succeeds: readiness asks it when space is back.
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
  /** Depth of `work` running now: reads inside it belong to the open transaction. */
  private depth = 0;
  /** A storage error that rolled the whole open transaction back under its writers. */
  private lost: unknown = null;
  /** The last storage error, until a commit succeeds again. */
  private storageError: unknown = null;
  private probing: Promise<void> | null = null;
  /** `afterCommit` hooks of the finished writes of the open transaction (and of reads between them). */
  private hooks: (() => void)[] = [];
  /** `afterCommit` hooks of the write running now: they join `hooks` only if it succeeds. */
  private workHooks: (() => void)[] | null = null;

  constructor(private readonly sqlite: Database.Database) {
    const wal = !sqlite.memory && sqlite.pragma('journal_mode', { simple: true }) === 'wal';
    this.walFile = wal ? `${sqlite.name}-wal` : null;
    if (wal) sqlite.pragma('synchronous = NORMAL');
  }

  /** Whether writes are stopped because the disk failed to confirm one. */
  get stopped(): boolean {
    return this.failure !== null;
  }

  /** Whether the last commit failed for lack of (working) storage, and none has succeeded since. */
  get storageFailing(): boolean {
    return this.storageError !== null;
  }

  /** Whether a write's own work is running (its reads may see its uncommitted changes). */
  get inWork(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `hook` once what the database shows now is committed: at once when no write transaction
   * is open, otherwise right after its COMMIT; never when the COMMIT fails or the write that
   * registered it rolls back. Caches fill through this, so they never keep anything derived from
   * a write that may still fail.
   */
  afterCommit(hook: () => void): void {
    if (!this.sqlite.inTransaction) hook();
    else (this.workHooks ?? this.hooks).push(hook);
  }

  /** Commits the finished writes waiting for their COMMIT now, so a read sees committed data only. */
  settle(): void {
    if (this.open && this.depth === 0) void this.commit();
  }

  /**
   * Whether storage takes writes again, after a storage failure. One small durable write (page 1
   * rewritten) alone passed with the disk still full: SQLite writes it over the torn frames a
   * failed commit left in the WAL, growing no file. So the probe also needs new pages: it writes
   * PROBE_BYTES past the end of the largest database file, in a scratch file beside it (sparse,
   * so only those bytes take space), syncs and removes it. Only a probe that succeeds ends the
   * failure; a small write that still fits does not.
   */
  probe(): Promise<void> {
    this.probing ??= this.run(() => {
      const version = this.sqlite.pragma('user_version', { simple: true }) as number;
      this.sqlite.pragma(`user_version = ${Number(version)}`);
    })
      .then(() => this.roomToGrow())
      .then(
        () => {
          this.storageError = null;
        },
        (error: unknown) => {
          if (isStorageError(error)) this.storageError = error;
          throw error;
        },
      )
      .finally(() => {
        this.probing = null;
      });
    return this.probing;
  }

  /** Rejects with a storage error unless PROBE_BYTES fit past the end of the largest database file. */
  private async roomToGrow(): Promise<void> {
    if (this.sqlite.memory) return;
    const { name } = this.sqlite;
    const end = Math.max(sizeOf(name), sizeOf(`${name}-wal`));
    const scratch = `${name}-probe`;
    const file = await open(scratch, 'w');
    try {
      const { bytesWritten } = await file.write(Buffer.alloc(PROBE_BYTES), 0, PROBE_BYTES, end);
      if (bytesWritten < PROBE_BYTES) {
        throw Object.assign(new Error('no room for the database files to grow'), { code: 'ENOSPC' });
      }
      await file.datasync();
    } finally {
      await file.close();
      await rm(scratch, { force: true });
    }
  }

  async run<T>(work: () => T): Promise<T> {
    if (this.failure !== null) {
      throw new AppError('unavailable', message('problem.writesStopped'));
    }
    if (!this.open) {
      this.sqlite.exec('BEGIN IMMEDIATE');
      this.open = true;
      setImmediate(() => this.commit());
    }
    // The open transaction was rolled back under us this turn: running the work now would commit
    // it on its own, outside the group. It fails with the others.
    if (!this.sqlite.inTransaction) throw this.lost ?? new Error('the write transaction was rolled back');
    // Inside an open transaction better-sqlite3 runs this as a savepoint: all of it or none.
    let result: T;
    const outerHooks = this.workHooks;
    const hooks: (() => void)[] = [];
    this.workHooks = hooks;
    this.depth += 1;
    try {
      result = this.sqlite.transaction(work)();
    } catch (error) {
      // SQLite may roll back the whole transaction on a full disk, taking the earlier writes of
      // this turn with it: they must fail too, not be told they committed.
      if (isStorageError(error)) {
        this.storageError = error;
        if (!this.sqlite.inTransaction) this.lost = error;
      }
      throw error;
    } finally {
      this.depth -= 1;
      this.workHooks = outerHooks;
    }
    (outerHooks ?? this.hooks).push(...hooks);
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
    });
    return result;
  }

  private commit(): Promise<void> {
    // Already committed early by settle(); a later turn's writes open their own.
    if (!this.open) return Promise.resolve();
    const waiting = this.waiting;
    this.waiting = [];
    this.open = false;
    const lost = this.lost;
    this.lost = null;
    const hooks = this.hooks;
    this.hooks = [];
    try {
      if (!this.sqlite.inTransaction) throw lost ?? new Error('the write transaction was rolled back');
      this.sqlite.exec('COMMIT');
    } catch (error) {
      try {
        if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      } catch {
        // The connection rolls back by itself when ROLLBACK cannot run; nothing more to undo.
      }
      if (isStorageError(error)) this.storageError = error;
      for (const w of waiting) w.reject(error);
      return Promise.resolve();
    }
    for (const hook of hooks) {
      try {
        hook();
      } catch {
        // A hook only fills a cache: one that fails leaves a miss, never a wrong answer, and must
        // not keep the writes of this commit from being answered.
      }
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
