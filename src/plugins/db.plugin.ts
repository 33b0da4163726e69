import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { type Db, databasePath, openDatabase } from '../db/client.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** The SQLite database under DATA_DIR, migrated on open and closed with the app. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const db = openDatabase(databasePath(config.DATA_DIR));
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      // Fold the WAL into the main file so a stopped service leaves one self-contained file.
      db.$client.pragma('wal_checkpoint(TRUNCATE)');
      db.$client.close();
    });
  },
  { name: 'db' },
);
