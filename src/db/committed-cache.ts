import { BoundedMap } from '../lib/bounded-map.ts';
import type { GroupCommit } from './group-commit.ts';

/**
 * A bounded cache of values derived from the database, filled only once what they were derived
 * from is committed (GroupCommit.afterCommit). A read may see writes still waiting for their
 * COMMIT, and those may fail: a value computed then is kept only if they commit, and never if the
 * key was changed (`delete`) or filled again in the meantime. Keys that name a revision never go
 * stale; keys that do not (a row by id) must be deleted by every write that changes them.
 */
export class CommittedCache<K, V> {
  private readonly entries: BoundedMap<K, V>;
  /** The fill each key waits for: a later `set` or a `delete` cancels it. */
  private readonly pending: BoundedMap<K, object>;

  constructor(
    private readonly writes: Pick<GroupCommit, 'afterCommit'>,
    limit: number,
    /** Whether a hit moves the entry last, so that eviction drops the least recently used. */
    private readonly recency = false,
  ) {
    this.entries = new BoundedMap(limit);
    this.pending = new BoundedMap(limit);
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined && this.recency) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Keeps `value`, derived from what the database shows now, once that is committed. */
  set(key: K, value: V): void {
    const token = {};
    this.pending.set(key, token);
    this.writes.afterCommit(() => {
      if (this.pending.get(key) !== token) return;
      this.pending.delete(key);
      this.entries.set(key, value);
    });
  }

  delete(key: K): void {
    this.entries.delete(key);
    this.pending.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.pending.clear();
  }
}
