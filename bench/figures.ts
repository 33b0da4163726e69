/** The figures of `npm run bench`: loads measured in segments, timings, bars, and the tables printed. */
import type { LoadResult } from './loadgen.ts';
import { log } from './processes.ts';

/** Requests that failed: the bench exits non-zero when there is any. */
export const failures: string[] = [];

/** A load measured in several segments: what the segments add up to. */
export interface Series {
  name: string;
  server: string;
  responses: number;
  seconds: number;
  latencies: Float64Array[];
  serverCpu: number;
  loadCpu: number;
  /** Throughput of each segment, in the order run (for ratios per round). */
  segments: number[];
}

export const seriesList: Series[] = [];

export function series(name: string, server: string, shown = true): Series {
  const s: Series = {
    name,
    server,
    responses: 0,
    seconds: 0,
    latencies: [],
    serverCpu: 0,
    loadCpu: 0,
    segments: [],
  };
  if (shown) seriesList.push(s);
  return s;
}

/** Records a failure when a load had errors, timeouts or non-2xx answers. */
export function check(name: string, result: LoadResult) {
  if (result.errors || result.non2xx || result.timeouts) {
    const message = `${name}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodes)})`;
    failures.push(message);
    log(message);
  }
}

export function add(s: Series, result: LoadResult) {
  check(s.name, result);
  s.responses += result.responses;
  s.seconds += result.seconds;
  s.latencies.push(result.latencies);
  s.serverCpu += result.serverCpu;
  s.loadCpu += result.loadCpu;
  s.segments.push(result.responses / result.seconds);
}

export const rate = (s: Series) => s.responses / s.seconds;

export function percentile(s: Series, q: number): number {
  const all = new Float64Array(s.latencies.reduce((n, l) => n + l.length, 0));
  let offset = 0;
  for (const l of s.latencies) {
    all.set(l, offset);
    offset += l.length;
  }
  all.sort();
  return all[Math.min(all.length - 1, Math.floor(all.length * q))] ?? Number.NaN;
}

export interface Bar {
  name: string;
  measured: string;
  limit: string;
  ratio?: number;
  /** The ratio in each round (both halves measured next to each other). */
  rounds?: number[];
  bar: string;
  met: boolean | null;
  /** The figure the goal is about, as a number (the ratio, or ms, s, MiB): what bench:summary reads. */
  value?: number;
  /** The unit of `value` (none for a ratio or a share). */
  unit?: string;
}
export const bars: Bar[] = [];
export const timings: { name: string; figures: string }[] = [];

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (!sorted.length) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * A throughput ratio against its limit measured in the same run: the median of the rounds'
 * ratios (each round's two segments ran next to each other), goal `min`.
 */
export function ratioBar(name: string, service: Series, limit: Series, min: number) {
  const rounds = service.segments.map((x, i) => x / (limit.segments[i] ?? Number.NaN));
  const ratio = median(rounds);
  bars.push({
    name,
    measured: `${Math.round(rate(service))} req/s`,
    limit: `${Math.round(rate(limit))} req/s`,
    ratio,
    rounds,
    bar: `>= ${min.toFixed(2)}`,
    met: ratio >= min,
    value: ratio,
  });
}

/** An absolute figure under a goal (`value < max`, in `unit`). */
export function goalBar(name: string, value: number, unit: string, max: number, digits = 1) {
  bars.push({
    name,
    measured: `${value.toFixed(digits)} ${unit}`,
    limit: '',
    bar: `< ${max} ${unit}`,
    met: value < max,
    value,
    unit,
  });
}

function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

/** Prints the three tables (loads, timings, bars) between `heading` and `footer`. */
export function print(heading: string, footer: string) {
  console.log(heading);
  table(
    ['load', 'process', 'req/s', 'p50 ms', 'p99 ms', 'server CPU', 'loadgen CPU', 'responses'],
    seriesList.map((s) => [
      s.name,
      s.server,
      String(Math.round(rate(s))),
      percentile(s, 0.5).toFixed(2),
      percentile(s, 0.99).toFixed(2),
      (s.serverCpu / s.seconds).toFixed(2),
      (s.loadCpu / s.seconds).toFixed(2),
      String(s.responses),
    ]),
  );
  console.log('');
  table(
    ['timing (no load running)', 'figures'],
    timings.map((t) => [t.name, t.figures]),
  );
  console.log('');
  table(
    ['bar', 'measured', 'limit (same run)', 'ratio', 'per round', 'bar', 'met'],
    bars.map((b) => [
      b.name,
      b.measured,
      b.limit,
      b.ratio === undefined ? '' : b.ratio.toFixed(2),
      b.rounds && b.rounds.length > 1
        ? `${Math.min(...b.rounds).toFixed(2)}-${Math.max(...b.rounds).toFixed(2)}`
        : '',
      b.bar,
      b.met === null ? '' : b.met ? 'yes' : 'NO',
    ]),
  );
  if (failures.length) {
    console.log('\nFAILED requests:');
    for (const f of failures) console.log(`  ${f}`);
  }
  console.log(footer);
}
