/**
 * Online backup of the database while the service runs: `npm run backup -- FILE`.
 * Uses SQLite's backup API (through better-sqlite3), which copies a consistent snapshot
 * page by page without blocking writers for long. Then the evidence documents the snapshot names
 * are copied beside it, to `documents/blobs/` in FILE's directory, each checked against its
 * sha256: that directory, with FILE as `migov.sqlite`, is a DATA_DIR. Blobs are immutable and
 * named by their content, so backups in one directory share them and a copy is never redone.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
  const documents = copyDocuments(destination);
  console.log(
    `backup written to ${destination} (${documents} documents in ${join(dirname(destination), 'documents')})`,
  );
} finally {
  db.close();
}

/** Copies every blob the backup's rows name from DATA_DIR's store; returns how many it names. */
function copyDocuments(database: string): number {
  const copy = new Database(database, { readonly: true });
  const hashes = copy.prepare('SELECT DISTINCT sha256 FROM documents').pluck().all() as string[];
  copy.close();
  const pathIn = (root: string, sha256: string) =>
    join(root, 'documents', 'blobs', sha256.slice(0, 2), sha256);
  for (const sha256 of hashes) {
    const target = pathIn(dirname(database), sha256);
    if (existsSync(target)) continue;
    const source = pathIn(dataDir, sha256);
    // Deleted after the snapshot was taken: the next backup will not name it.
    if (!existsSync(source)) fail(`document ${sha256} is gone from ${source}; run the backup again`);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, `${target}.part`);
    const got = createHash('sha256')
      .update(readFileSync(`${target}.part`))
      .digest('hex');
    if (got !== sha256) fail(`document ${sha256} was copied as ${got}; the store may be damaged`);
    renameSync(`${target}.part`, target);
  }
  return hashes.length;
}
