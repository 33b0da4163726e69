/**
 * `npm run bench:summary -- a.json b.json c.json`: reads the `--json` outputs of several bench
 * runs and prints, per figure with a goal, its median over the runs, the spread (lowest and
 * highest run), and the goal, with whether the median meets it. Absolute figures (p99, ms, s,
 * MiB) are judged this way, on the median of three runs.
 */
import { readFileSync } from 'node:fs';
import type { Bar } from './figures.ts';

interface Run {
  date: string;
  commit?: string;
  quick: boolean;
  loadAverage: { start: number; end: number };
  bars: Bar[];
}

const files = process.argv.slice(2).filter((a) => a !== '--');
if (!files.length) {
  console.error('usage: npm run bench:summary -- run1.json run2.json run3.json');
  process.exit(2);
}
const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Run);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Whether `value` meets a goal written as the bench prints it: ">= 0.95", "< 10 ms", "= 0". */
function meets(value: number, goal: string): boolean | null {
  const m = /^(>=|<=|<|>|=)\s*(-?[\d.]+)/.exec(goal);
  if (!m) return null;
  const limit = Number(m[2]);
  switch (m[1]) {
    case '>=':
      return value >= limit;
    case '<=':
      return value <= limit;
    case '<':
      return value < limit;
    case '>':
      return value > limit;
    default:
      return value === limit;
  }
}

// Older runs' JSON has no unit: the goal's ("< 50 ms") then.
const unitOf = (bar: Bar) =>
  bar.unit ?? (bar.ratio === undefined ? (/\d\s+(\S+)$/.exec(bar.bar)?.[1] ?? '') : '');
const fmt = (x: number) =>
  Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);

const names = [...new Set(runs.flatMap((r) => r.bars.map((b) => b.name)))];
const rows = names.map((name) => {
  const found = runs.map((r) => r.bars.find((b) => b.name === name));
  const values = found.flatMap((b) => (b?.value === undefined || Number.isNaN(b.value) ? [] : [b.value]));
  const bar = found.find((b) => b !== undefined) as Bar;
  const unit = unitOf(bar);
  const med = values.length ? median(values) : Number.NaN;
  const met = values.length ? meets(med, bar.bar) : null;
  return [
    name,
    values.length ? `${fmt(med)} ${unit}`.trim() : '',
    values.length ? `${fmt(Math.min(...values))}-${fmt(Math.max(...values))}` : '',
    `${values.length} of ${runs.length}`,
    bar.bar,
    met === null ? '' : met ? 'yes' : 'NO',
  ];
});

console.log(
  runs
    .map(
      (r, i) =>
        `run ${i + 1}: ${files[i]}, ${r.date}, commit ${r.commit ?? '?'}${r.quick ? ' (quick)' : ''}, load average ${r.loadAverage.start.toFixed(2)}`,
    )
    .join('\n'),
);
const header = ['figure', 'median', 'spread (runs)', 'runs', 'goal', 'met (median)'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
if (runs.some((r) => r.quick)) console.log('\n(quick runs among them: figures are indicative only)');
