/**
 * Loaded with `--import` into the "ceiling" server of `npm run bench` only, never into the
 * service: the statements that insert or update answer rows and history rows do nothing. The
 * cut is made at the storage boundary (better-sqlite3's `prepare`), whatever code path prepares
 * them, so everything else a full-questionnaire PUT does still runs: authentication, body
 * parsing, the check of every item, the comparison with the stored answers, building the rows
 * and history entries, the history budget and its counter, the revision bump, the commit and
 * its fsync, the progress in the response. The service's PUT measured against this server
 * shows what writing the rows costs; the bench checks afterwards that this server wrote none
 * and that the service wrote every one.
 */
import Database from 'better-sqlite3';

const ROW_WRITES = /^\s*INSERT\s+INTO\s+[`"]?(answers|events)[`"]?[\s(]/i;
const skipped = { changes: 1, lastInsertRowid: 0 };

const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, source: string) {
  const statement = prepare.call(this, source);
  if (!ROW_WRITES.test(source)) return statement;
  // Anything but run() on these statements would mean the ceiling no longer matches the
  // service's code: fail loudly rather than measure something else.
  return new Proxy(statement, {
    get(target, property, receiver) {
      if (property === 'run') return () => skipped;
      if (property === 'source' || property === 'reader' || property === 'database') {
        return Reflect.get(target, property, receiver);
      }
      throw new Error(`ceiling: ${String(property)}() on a row-writing statement is not supported`);
    },
  });
} as typeof prepare;
