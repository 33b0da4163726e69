/**
 * The storage limit of the answer writes, in a process of its own: a bare fastify route
 * `PUT /v1/assessments/:id/answers` that parses the same JSON body and writes the same rows as
 * the service, and nothing else (no token check, no schema, no merge, no progress):
 *
 * - per item, the answer row upsert and its `answer_set` history row, with the columns and the
 *   statements of src/assessments/assessment.repository.ts and assessment.sql.ts (the `before`
 *   state from the previous row, kept in memory as the service keeps it);
 * - the assessment row: revision + 1, updated_at, and the history budget.
 *
 * Same durability as the service: the database opened with src/db/client.ts's pragmas (WAL,
 * synchronous=FULL, foreign keys) and the writes going through the service's own GroupCommit
 * (the writes of one event-loop turn share a COMMIT, the WAL is fdatasync'ed off the event loop,
 * nobody is answered before the sync that covers their commit). Runs on a copy of the service's
 * data, so both start from the same rows.
 *
 *   node --import tsx bench/storage-limit-server.ts <port> <database file>
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { INSERT_EVENT } from '../src/assessments/assessment.sql.ts';
import { configSchema } from '../src/config.ts';
import { GroupCommit } from '../src/db/group-commit.ts';

interface Item {
  question: string;
  value?: unknown;
  notApplicable?: boolean;
  comment?: string | null;
  evidence?: unknown[];
}

const [port, file] = process.argv.slice(2);
if (!port || !file) throw new Error('usage: storage-limit-server.ts <port> <database file>');
const config = configSchema.parse({});
const sqlite = new Database(file);
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.pragma('foreign_keys = ON');
sqlite.pragma('busy_timeout = 5000');
const commits = new GroupCommit(sqlite);

const upsertAnswer = sqlite.prepare(
  `INSERT INTO answers (assessment_id, question, value, not_applicable, comment, evidence, answered_by,
     answered_at, ministry) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
   ON CONFLICT (assessment_id, question) DO UPDATE SET
     value = excluded.value, not_applicable = excluded.not_applicable, comment = excluded.comment,
     evidence = excluded.evidence, answered_by = excluded.answered_by,
     answered_at = excluded.answered_at, ministry = excluded.ministry`,
);
const insertEvent = sqlite.prepare(INSERT_EVENT);
const advance = sqlite.prepare<[string, number, string], { revision: number }>(
  `UPDATE assessments SET revision = revision + 1, updated_at = ?, history_bytes = history_bytes + ?
   WHERE id = ? RETURNING revision`,
);
const storedStates = sqlite.prepare<[string], { question: string; state: string }>(
  `SELECT question, '{"value":' || coalesce(value, 'null') || ',"notApplicable":' ||
     CASE not_applicable WHEN 1 THEN 'true' ELSE 'false' END || ',"comment":' ||
     coalesce(json_quote(comment), 'null') || ',"evidence":' || evidence || '}' AS state
   FROM answers WHERE assessment_id = ?`,
);

/** The stored state of each answer, as history's `before`/`after` JSON, per assessment. */
const states = new Map<string, Map<string, string>>();
const statesOf = (id: string) => {
  let byQuestion = states.get(id);
  if (!byQuestion) {
    byQuestion = new Map(storedStates.all(id).map((r) => [r.question, r.state]));
    states.set(id, byQuestion);
  }
  return byQuestion;
};

function write(id: string, items: Item[]): number {
  const at = new Date().toISOString();
  const byQuestion = statesOf(id);
  const rows = items.map((item) => {
    const value = item.notApplicable || item.value === undefined ? null : JSON.stringify(item.value);
    const comment = item.comment ?? null;
    const evidence = JSON.stringify(item.evidence ?? []);
    const after = `{"value":${value ?? 'null'},"notApplicable":${item.notApplicable === true},"comment":${
      comment === null ? 'null' : JSON.stringify(comment)
    },"evidence":${evidence}}`;
    return { item, value, comment, evidence, after, before: byQuestion.get(item.question) ?? null };
  });
  const bytes = rows.reduce(
    (n, r) => n + Buffer.byteLength(r.after) + (r.before ? Buffer.byteLength(r.before) : 0),
    0,
  );
  const advanced = advance.get(at, bytes, id);
  if (!advanced) throw new Error(`no assessment ${id}`);
  for (const r of rows) {
    const notApplicable = r.item.notApplicable === true ? 1 : 0;
    upsertAnswer.run(
      id,
      r.item.question,
      r.value,
      notApplicable,
      r.comment,
      r.evidence,
      'bench-admin',
      at,
      null,
    );
    insertEvent.run(
      id,
      advanced.revision,
      'answer_set',
      'bench-admin',
      at,
      r.item.question,
      r.before,
      r.after,
      null,
      null,
    );
  }
  // Kept once committed, as the service keeps its answers.
  commits.afterCommit(() => {
    for (const r of rows) byQuestion.set(r.item.question, r.after);
  });
  return advanced.revision;
}

const app = Fastify({
  logger: false,
  bodyLimit: config.BODY_LIMIT_BYTES,
  requestTimeout: config.REQUEST_TIMEOUT_MS,
  connectionTimeout: config.CONNECTION_TIMEOUT_MS,
  keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
  maxRequestsPerSocket: config.MAX_REQUESTS_PER_SOCKET,
});
app.get('/healthz', async () => ({ ok: true }));
app.put<{ Params: { id: string }; Body: { answers: Item[] } }>(
  '/v1/assessments/:id/answers',
  async (request) => {
    const revision = await commits.run(() => write(request.params.id, request.body.answers));
    return { revision };
  },
);
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => commits.flush())
    .then(() => {
      sqlite.close();
      process.exit(0);
    });
});
