/**
 * Editors of one assessment (the consultation's case): 16 clients on one draft, each autosaving
 * answers to questions of its own, one answer per PUT, every PUT naming the revision the editors
 * opened (If-Match "r1"). All but the first are stale, none touches a question written since, so
 * each goes through the merge of disjoint writes. Goal: no 412. (A client here cannot carry its
 * last ETag forward, so each question is written once: the load is as many PUTs as questions.)
 */
import type { BenchContext } from '../context.ts';
import { add, bars, percentile, series } from '../figures.ts';
import type { LoadRequest } from '../loadgen.ts';
import { load, log } from '../processes.ts';

const EDITORS = 16;

export async function editors(ctx: BenchContext): Promise<void> {
  const { service, admin, seeded } = ctx;
  // The load generator gives every client as many requests: a multiple of 16 questions.
  const answers = seeded.editorAnswers.slice(
    0,
    seeded.editorAnswers.length - (seeded.editorAnswers.length % EDITORS),
  );
  if (answers.length < EDITORS) return;
  const s = series(`PUT one answer, ${EDITORS} editors on one assessment, stale If-Match`, 'service');
  log(`editors: ${s.name}`);
  const result = await load({
    origin: service.origin,
    headers: { ...admin, 'content-type': 'application/json', 'if-match': '"r1"' },
    connections: EDITORS,
    perClient: Array.from({ length: EDITORS }, (_, c) =>
      answers
        .filter((_, i) => i % EDITORS === c)
        .map(
          (answer): LoadRequest => ({
            method: 'PUT',
            path: `/v1/assessments/${seeded.sharedId}/answers`,
            body: JSON.stringify({ answers: [answer] }),
          }),
        ),
    ),
    serverPid: service.pid,
  });
  const conflicts = result.statusCodes['412'] ?? 0;
  // A 412 here is counted and shown, not taken as a failure of the run.
  add(s, { ...result, non2xx: result.non2xx - conflicts });
  const p99 = percentile(s, 0.99);
  bars.push(
    {
      name: `${EDITORS} editors on one assessment, one answer per PUT: p99`,
      measured: `${p99.toFixed(1)} ms`,
      limit: '',
      bar: 'no goal',
      met: null,
      value: p99,
    },
    {
      name: `${EDITORS} editors on one assessment: share of 412 (disjoint questions)`,
      measured: `${conflicts} of ${result.responses}`,
      limit: '',
      bar: '= 0',
      met: conflicts === 0,
      value: conflicts / result.responses,
    },
  );
}
