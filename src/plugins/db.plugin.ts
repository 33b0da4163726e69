import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { type Db, databasePath, openDatabase } from '../db/client.ts';
import { GroupCommit } from '../db/group-commit.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** Durable writes; concurrent ones share a commit. */
    writes: GroupCommit;
  }
}

/** The SQLite database under DATA_DIR, migrated on open and closed with the app. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const db = openDatabase(databasePath(config.DATA_DIR));
    const writes = new GroupCommit(db.$client);
    app.decorate('db', db);
    app.decorate('writes', writes);
    app.addHook('onClose', async () => {
      await writes.flush();
      // Fold the WAL into the main file so a stopped service leaves one self-contained file.
      db.$client.pragma('wal_checkpoint(TRUNCATE)');
      db.$client.close();
    });
  },
  { name: 'db' },
);
