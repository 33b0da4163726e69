/**
 * A Map that holds at most `limit` entries: adding a new key past the limit forgets the oldest
 * one (insertion order). For the in-memory caches; to keep recently used entries longer, delete
 * and set an entry again when it is used.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly limit: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.limit && !this.has(key)) {
      const oldest = this.keys().next();
      if (!oldest.done) this.delete(oldest.value);
    }
    return super.set(key, value);
  }
}
