import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupCommit } from '../../src/db/group-commit.ts';
import { tempDir } from '../helper.ts';

// The WAL syncs are held here so the tests decide when the disk "finishes".
const syncs = vi.hoisted(() => ({
  pending: [] as { fd: number; done: (error: NodeJS.ErrnoException | null) => void }[],
}));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    fdatasync: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      syncs.pending.push({ fd, done });
    },
  };
});

/** Resolves each sync that has started so far, in order. */
const finishSyncs = (error: NodeJS.ErrnoException | null = null) => {
  for (const sync of syncs.pending.splice(0)) sync.done(error);
};

/** Whether `promise` has settled by the time the event loop has turned twice. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await nextTurn();
  await nextTurn();
  return done;
}

describe('GroupCommit on a WAL database file', () => {
  let dir: string;
  let sqlite: Database.Database;
  let writes: GroupCommit;
  const insert = (n: number) => () => sqlite.prepare('INSERT INTO t (n) VALUES (?)').run(n);
  const stored = () =>
    (sqlite.prepare('SELECT n FROM t ORDER BY n').all() as { n: number }[]).map((r) => r.n);

  beforeEach(() => {
    syncs.pending.length = 0;
    dir = tempDir('migov-group-commit-');
    sqlite = new Database(join(dir, 'db.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
    writes = new GroupCommit(sqlite);
  });

  afterEach(async () => {
    finishSyncs();
    const flushed = writes.flush();
    finishSyncs();
    await flushed;
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the sync off COMMIT (synchronous=NORMAL) and does it itself', () => {
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1);
  });

  it('lets the writes of one turn share one COMMIT and one WAL sync', async () => {
    const exec = vi.spyOn(sqlite, 'exec');
    const all = Promise.all([writes.run(insert(1)), writes.run(insert(2)), writes.run(insert(3))]);
    await nextTurn();
    expect(exec.mock.calls.filter(([s]) => s === 'COMMIT')).toHaveLength(1);
    expect(syncs.pending).toHaveLength(1);
    finishSyncs();
    await all;
    expect(stored()).toEqual([1, 2, 3]);
  });

  it('answers nobody before the WAL sync that followed their COMMIT has finished', async () => {
    const write = writes.run(insert(1));
    expect(await settled(write)).toBe(false);
    // Committed (visible to this connection) but not yet durable, so not yet acknowledged.
    expect(stored()).toEqual([1]);
    finishSyncs();
    expect(await settled(write)).toBe(true);
  });

  it('makes a commit that lands during a running sync wait for the next sync', async () => {
    const first = writes.run(insert(1));
    await nextTurn();
    expect(syncs.pending).toHaveLength(1);
    const second = writes.run(insert(2));
    await nextTurn();
    // The running sync may have started before the second COMMIT: it cannot count for it.
    expect(syncs.pending).toHaveLength(1);
    finishSyncs();
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(false);
    expect(syncs.pending).toHaveLength(1);
    finishSyncs();
    expect(await settled(second)).toBe(true);
  });

  it('rolls back a failing write alone', async () => {
    const good = writes.run(insert(1));
    const bad = writes.run(() => {
      insert(2)();
      throw new Error('refused');
    });
    await expect(bad).rejects.toThrow('refused');
    await nextTurn();
    finishSyncs();
    await good;
    expect(stored()).toEqual([1]);
  });

  it('fails the writes a failed sync was to cover', async () => {
    const write = writes.run(insert(1));
    await nextTurn();
    finishSyncs(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(write).rejects.toThrow('EIO');
  });

  it('stops all further writes after a failed sync: a later sync proves nothing', async () => {
    const write = writes.run(insert(1));
    await nextTurn();
    finishSyncs(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await expect(write).rejects.toThrow('EIO');
    expect(writes.stopped).toBe(true);
    await expect(writes.run(insert(2))).rejects.toMatchObject({ code: 'unavailable', status: 503 });
    expect(stored()).toEqual([1]);
  });

  it('fails the writes, and only them, when the WAL cannot be opened to sync it', async () => {
    const write = writes.run(insert(1));
    rmSync(join(dir, 'db.sqlite-wal'));
    await expect(write).rejects.toThrow(/ENOENT/);
    expect(syncs.pending).toHaveLength(0);
  });

  it('does not sync for a turn whose every write failed', async () => {
    const bad = writes.run(() => {
      throw new Error('refused');
    });
    await expect(bad).rejects.toThrow('refused');
    await nextTurn();
    expect(syncs.pending).toHaveLength(0);
  });

  it('fails every write of a group whose COMMIT fails, and keeps none of them', async () => {
    const exec = sqlite.exec.bind(sqlite);
    vi.spyOn(sqlite, 'exec').mockImplementation((source: string) => {
      if (source === 'COMMIT') throw new Error('disk full');
      return exec(source);
    });
    const results = Promise.allSettled([writes.run(insert(1)), writes.run(insert(2))]);
    expect((await results).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    vi.restoreAllMocks();
    expect(stored()).toEqual([]);
    expect(sqlite.inTransaction).toBe(false);
  });

  it('flushes what is pending and waits for its sync', async () => {
    const write = writes.run(insert(7));
    const flushed = writes.flush();
    expect(await settled(flushed)).toBe(false);
    finishSyncs();
    await flushed;
    await write;
    expect(stored()).toEqual([7]);
  });

  it('settle() commits the waiting writes at once, so a read that follows sees committed data only', async () => {
    const exec = vi.spyOn(sqlite, 'exec');
    const pending = writes.run(insert(1));
    expect(sqlite.inTransaction).toBe(true);
    writes.settle();
    expect(sqlite.inTransaction).toBe(false);
    expect(exec.mock.calls.filter(([s]) => s === 'COMMIT')).toHaveLength(1);
    // Still not acknowledged before its sync.
    expect(await settled(pending)).toBe(false);
    finishSyncs();
    await pending;
    // The commit scheduled for the end of the turn finds nothing left to do.
    await nextTurn();
    expect(exec.mock.calls.filter(([s]) => s === 'COMMIT')).toHaveLength(1);
    expect(stored()).toEqual([1]);
  });

  it('settle() does nothing inside a write, whose reads belong to its own transaction', async () => {
    let inside: boolean | undefined;
    const pending = writes.run(() => {
      writes.settle();
      inside = writes.inWork && sqlite.inTransaction;
      insert(2)();
    });
    expect(inside).toBe(true);
    await nextTurn();
    finishSyncs();
    await pending;
    expect(stored()).toEqual([2]);
  });
});

describe('GroupCommit on an in-memory database', () => {
  it('has no file to sync and answers after COMMIT', async () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE t (n INTEGER)');
    const writes = new GroupCommit(sqlite);
    await writes.run(() => sqlite.prepare('INSERT INTO t VALUES (1)').run());
    expect(syncs.pending).toHaveLength(0);
    expect(sqlite.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 1 });
    sqlite.close();
  });
});
