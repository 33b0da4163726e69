/** SQL text of the hot-path statements the repository prepares with better-sqlite3 (columns as in src/db/schema). */
export const INSERT_EVENT = `INSERT INTO events (assessment_id, revision, type, actor, at, question, before, after, reason, ministry)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
