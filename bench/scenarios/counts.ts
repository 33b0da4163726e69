import Database from 'better-sqlite3';

/** The `answer_set` history rows of these assessments in a database file (opened read only). */
export function countAnswerEvents(file: string, ids: readonly string[]): number {
  const db = new Database(file, { readonly: true });
  try {
    const statement = db.prepare(
      `SELECT COUNT(*) AS n FROM events WHERE type = 'answer_set' AND assessment_id IN (${ids.map(() => '?').join(',')})`,
    );
    return (statement.get(...ids) as { n: number }).n;
  } finally {
    db.close();
  }
}
