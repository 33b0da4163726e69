/**
 * Autosave: 32 editors, each on an assessment of its own with 2,000 earlier revisions, one
 * answer per PUT carrying a comment and one evidence item (the comment new in every PUT, so
 * every PUT writes). Against the storage limit (bench/storage-limit-server.ts: the same body
 * parsed, the same rows written with plain better-sqlite3 statements, the same durability and
 * group commit) on a copy of the same data, in ABBA rounds. Goals: p99 under 10 ms, throughput
 * at least 0.6 of the limit. Afterwards: the service wrote one history row per PUT it answered.
 */
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src/db/client.ts';
import { type BenchContext, interleave, listTarget } from '../context.ts';
import { failures, goalBar, percentile, ratioBar, series } from '../figures.ts';
import type { LoadRequest } from '../loadgen.ts';
import { serviceEnv, startServer, stopServer } from '../processes.ts';
import { countAnswerEvents } from './counts.ts';

const EDITORS = 32;
export const AUTOSAVE_P99_MS = 10;
export const AUTOSAVE_GOAL = 0.6;

/** Editor c's n-th autosave: the next question in its turn, with a comment and evidence never sent before. */
function autosaveRequest(ids: readonly string[], answers: BenchContext['seeded']['answers']) {
  return (c: number, n: number): LoadRequest => {
    const a = answers[(c * 7 + n) % answers.length] ?? answers[0];
    return {
      method: 'PUT',
      path: `/v1/assessments/${ids[c]}/answers`,
      body: JSON.stringify({
        answers: [
          {
            question: a?.question,
            value: a?.value,
            comment: `Checked with the ministry, note ${n}`,
            evidence: [{ title: `Circular ${n}`, url: `https://example.org/circulars/${n}.pdf` }],
          },
        ],
      }),
    };
  };
}

export async function autosave(ctx: BenchContext): Promise<void> {
  const { service, admin, seeded } = ctx;
  const ids = seeded.autosaveIds;
  const limit = await startServer(
    'storage-limit',
    [
      '--import',
      'tsx',
      ...ctx.profile('storage-limit'),
      'bench/storage-limit-server.ts',
      '{port}',
      join(ctx.copyDir, DATABASE_FILE),
    ],
    serviceEnv({}),
  );
  const headers = { ...admin, 'content-type': 'application/json' };
  const request = autosaveRequest(
    ids,
    seeded.answers.filter((a) => a.value !== undefined),
  );
  const before = countAnswerEvents(join(ctx.dataDir, DATABASE_FILE), ids);
  const measured = series(
    `PUT one answer (comment, evidence), ${EDITORS} editors, 2,000 revisions each`,
    'service',
  );
  const storage = series(
    'the same PUTs, the same rows written by plain statements (storage limit)',
    'storage-limit',
  );
  try {
    await interleave(ctx, [
      listTarget(measured, service, headers, EDITORS, request),
      listTarget(storage, limit, headers, EDITORS, request),
    ]);
  } finally {
    await stopServer(limit);
  }
  ratioBar(
    'autosave PUT vs the storage limit (same body, same rows, same durability)',
    measured,
    storage,
    AUTOSAVE_GOAL,
  );
  goalBar(`autosave PUT, p99 at ${EDITORS} editors`, percentile(measured, 0.99), 'ms', AUTOSAVE_P99_MS, 2);
  // The warm-ups are not in the series: count what the service acknowledged from its history instead.
  const written = countAnswerEvents(join(ctx.dataDir, DATABASE_FILE), ids) - before;
  if (written < measured.responses) {
    failures.push(
      `autosave: ${written} history rows for ${measured.responses} PUTs answered (one each expected)`,
    );
  }
}
