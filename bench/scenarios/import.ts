/**
 * Import: the full questionnaire in one PUT, 16 clients each on an assessment of its own, every
 * answer with one evidence item and a comment that changes every batch (so every batch writes
 * every answer). The load generator sends each client's list of batches back to back, no
 * pipelining; the segments run after a warm-up, nothing else running. Goal: p99 under 40 ms.
 * Afterwards: the service wrote one history row per answer of every batch it answered.
 */
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src/db/client.ts';
import { type BenchContext, interleave, listTarget } from '../context.ts';
import { failures, goalBar, percentile, rate, series, timings } from '../figures.ts';
import type { LoadRequest } from '../loadgen.ts';
import { countAnswerEvents } from './counts.ts';

const CLIENTS = 16;
export const IMPORT_P99_MS = 40;

export async function importBatches(ctx: BenchContext): Promise<void> {
  const { service, admin, seeded } = ctx;
  const ids = seeded.importIds;
  // One body per batch number, shared by the clients (each sends it to its own assessment).
  const bodies = new Map<number, string>();
  const body = (n: number) => {
    let text = bodies.get(n);
    if (text === undefined) {
      text = JSON.stringify({
        answers: seeded.answers.map((a) => ({
          ...a,
          comment: `Imported from the ministry's return, batch ${n}`,
          evidence: [
            { title: `Return of ${a.question}`, url: `https://example.org/returns/${a.question}.pdf` },
          ],
        })),
      });
      bodies.set(n, text);
    }
    return text;
  };
  const perClient = new Map<number, number>();
  const request = (c: number): LoadRequest => {
    const n = perClient.get(c) ?? 0;
    perClient.set(c, n + 1);
    return { method: 'PUT', path: `/v1/assessments/${ids[c]}/answers`, body: body(n) };
  };
  const before = countAnswerEvents(join(ctx.dataDir, DATABASE_FILE), ids);
  const s = series(
    `PUT the full questionnaire (${seeded.questions} answers, evidence, comments), ${CLIENTS} clients`,
    'service',
  );
  const target = listTarget(s, service, { ...admin, 'content-type': 'application/json' }, CLIENTS, request);
  let acknowledged = 0;
  const warmed = target.warmed;
  target.warmed = (result) => {
    acknowledged += result.responses;
    warmed?.(result);
  };
  await interleave(ctx, [target]);
  acknowledged += s.responses;
  goalBar(`PUT full questionnaire, p99 at ${CLIENTS} clients`, percentile(s, 0.99), 'ms', IMPORT_P99_MS);
  const written = countAnswerEvents(join(ctx.dataDir, DATABASE_FILE), ids) - before;
  const perBatch = written / acknowledged;
  if (perBatch !== seeded.questions) {
    failures.push(`the import batches changed ${perBatch} answers each, not ${seeded.questions}`);
  }
  // Where the tail is: each segment starts from an idle server with every client sending at once.
  const steady = series('steady', 'service', false);
  steady.latencies = s.latencies.map((l) => l.slice(2 * CLIENTS));
  timings.push({
    name: 'import: p50, p99, and p99 without the first 2 batches of each client in each segment',
    figures: `${percentile(s, 0.5).toFixed(1)} ms, ${percentile(s, 0.99).toFixed(1)} ms, ${percentile(steady, 0.99).toFixed(1)} ms (${s.latencies.length} segments)`,
  });
  timings.push({
    name: 'import: answers changed per acknowledged PUT (history rows written / batches)',
    figures: `${perBatch} of ${seeded.questions} (${acknowledged} batches); ${(1000 / rate(s)).toFixed(2)} ms of service per batch (${CLIENTS} clients x that = ${((CLIENTS * 1000) / rate(s)).toFixed(0)} ms, the latency a closed loop of ${CLIENTS} must see)`,
  });
}
