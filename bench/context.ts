/**
 * What every scenario of `npm run bench` gets: the service (already running), the data seeded
 * for it, the timing settings, and the helpers to run loads beside their limits. A scenario is a
 * file in bench/scenarios exporting `async (ctx: BenchContext) => void` that adds its figures to
 * bench/figures.ts (series, timings, bars); bench/run.ts lists them in order.
 */
import type { Framework } from '../src/framework/framework.schema.ts';
import { add, check, type Series } from './figures.ts';
import type { LoadJob, LoadRequest, LoadResult } from './loadgen.ts';
import { load, log, type Server } from './processes.ts';

export interface Seeded {
  framework: Framework;
  /** The framework's version and methodology, printed beside the figures that depend on them. */
  frameworkLabel: string;
  /** Answerable items of the latest framework (a full questionnaire). */
  questions: number;
  /** A fully answered draft of KEN with a validated previous round: the report read. */
  reportId: string;
  /** 16 fully answered drafts, one per import client. */
  importIds: string[];
  /** 32 drafts with deep histories, one per autosaving editor. */
  autosaveIds: string[];
  /** One draft 16 editors write to at once, and the answers they write (disjoint questions). */
  sharedId: string;
  editorAnswers: { question: string; value: unknown }[];
  /** A full answer set of the latest framework (one valid answer per item). */
  answers: { question: string; value?: unknown; notApplicable?: boolean }[];
  /** The period of the 10,000 validated assessments. */
  validatedPeriod: string;
  validated: number;
}

export interface BenchContext {
  quick: boolean;
  /** Measured segments per load (ABBA rounds), seconds per segment, warm-up seconds. */
  rounds: number;
  segment: number;
  warmup: number;
  /** The run's temporary directory, and the service's DATA_DIR in it. */
  base: string;
  dataDir: string;
  /** A copy of the data made before the service started (for the storage limit). */
  copyDir: string;
  service: Server;
  admin: Record<string, string>;
  /** A focal point of KEN's token (the web app's sign-in). */
  focalToken: string;
  seeded: Seeded;
  /** `node` arguments writing a V8 CPU profile of the process `name` (with --cpu-prof DIR). */
  profile: (name: string) => string[];
}

export interface Target {
  series: Series;
  job: (seconds: number, warm: boolean) => Promise<LoadJob> | LoadJob;
  /** Told what the warm-up reached (request lists size the segments after it). */
  warmed?: (result: LoadResult) => void;
}

/**
 * Runs each target for a warm-up, then `ctx.rounds` segments each, in ABBA order: the order of
 * the targets is reversed every other round, so a drift in the machine's speed falls on both
 * halves of every ratio alike.
 */
export async function interleave(ctx: BenchContext, targets: Target[]): Promise<void> {
  for (const t of targets) {
    log(`warm-up: ${t.series.name}`);
    // Request lists: a first short load tells the rate, then a warm-up of the full length.
    for (let pass = 0; pass < (t.warmed ? 2 : 1); pass++) {
      const warm = await load(await t.job(ctx.warmup, true));
      check(`${t.series.name} (warm-up)`, warm);
      t.warmed?.(warm);
    }
  }
  for (let round = 0; round < ctx.rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      log(`round ${round + 1}/${ctx.rounds}: ${t.series.name}`);
      add(t.series, await load(await t.job(ctx.segment, false)));
    }
  }
}

/** A GET load: every connection sends the same request for `seconds`. */
export const getJob =
  (
    server: Server,
    path: string,
    headers: Record<string, string>,
    connections: number,
    expectStatus?: number,
  ) =>
  (seconds: number): LoadJob => ({
    origin: server.origin,
    headers,
    connections,
    duration: seconds,
    request: { method: 'GET', path },
    serverPid: server.pid,
    ...(expectStatus === undefined ? {} : { expectStatus }),
  });

/**
 * A load of request lists, one per client, each sent once (the load ends when every request is
 * answered, so none is left in flight), sized to last about `seconds` at the rate the server
 * reached in its last warm-up (the first: 10 requests per client). `request(c, n)` makes client c's request; n
 * counts every request made, so no two bodies repeat.
 */
export function listTarget(
  series: Series,
  server: Server,
  headers: Record<string, string>,
  clients: number,
  request: (client: number, n: number) => LoadRequest,
): Target {
  let perSecond = 0;
  let n = 0;
  return {
    series,
    warmed: (result) => {
      perSecond = result.responses / result.seconds;
    },
    job: (seconds) => {
      const perClient = perSecond === 0 ? 10 : Math.max(2, Math.round((perSecond * seconds) / clients));
      return {
        origin: server.origin,
        headers,
        connections: clients,
        perClient: Array.from({ length: clients }, (_, c) =>
          Array.from({ length: perClient }, () => request(c, n++)),
        ),
        serverPid: server.pid,
      };
    },
  };
}
