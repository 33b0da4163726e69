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
    // A read must not see writes still waiting for their COMMIT (they may fail): commit them
    // first. Handlers read synchronously after this hook. Only for safe methods: a write request
    // committing the others' pending writes each time would undo the group commit under load,
    // and what a write reads before its own transaction is read again inside it.
    app.addHook('preHandler', (request, _reply, done) => {
      if (request.method === 'GET' || request.method === 'HEAD') writes.settle();
      done();
    });
    app.addHook('onClose', async () => {
      await writes.flush();
      // Fold the WAL into the main file so a stopped service leaves one self-contained file.
      db.$client.pragma('wal_checkpoint(TRUNCATE)');
      db.$client.close();
    });
  },
  { name: 'db' },
);
