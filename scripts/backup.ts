/**
 * Online backup of the database while the service runs: `npm run backup -- FILE`.
 * Uses SQLite's backup API (through better-sqlite3), which copies a consistent snapshot
 * page by page without blocking writers for long.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, loadConfig } from '../src/config.ts';
import { databasePath } from '../src/db/client.ts';

function fail(message: string): never {
  console.error(`backup: ${message}`);
  process.exit(2);
}

const target = process.argv[2];
if (!target || target.startsWith('-')) fail('usage: npm run backup -- FILE');
let dataDir: string;
try {
  dataDir = loadConfig().DATA_DIR;
} catch (error) {
  fail(error instanceof ConfigError ? error.problems.join('; ') : String(error));
}
const source = databasePath(dataDir);
if (!existsSync(source)) fail(`no database at ${source} (is DATA_DIR right?)`);
const destination = resolve(target);
if (existsSync(destination)) fail(`${destination} exists; choose a new file name`);

const db = new Database(source, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
try {
  let last = -1;
  // 100 pages per step: writers get the database between steps, so the service keeps answering.
  const { totalPages } = await db.backup(destination, {
    progress: ({ totalPages: total, remainingPages }) => {
      const done = Math.floor(((total - remainingPages) / Math.max(total, 1)) * 100);
      if (done >= last + 10) {
        console.error(`backup: ${done}% (${total - remainingPages}/${total} pages)`);
        last = done;
      }
      return 100;
    },
  });
  console.error(`backup: 100% (${totalPages}/${totalPages} pages)`);
  const check = new Database(destination, { readonly: true });
  const result = check.pragma('integrity_check', { simple: true });
  check.close();
  if (result !== 'ok') fail(`the backup failed its integrity check: ${String(result)}`);
  console.log(`backup written to ${destination}`);
} finally {
  db.close();
}
