/**
 * Percentile of an ascending-sorted sample by linear interpolation between the closest ranks at
 * position `p * (n - 1)` (Hyndman and Fan's type 7, the default of R and NumPy), so the figures in
 * a report can be reproduced with either tool.
 */
export function percentileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const position = p * (n - 1);
  const lower = Math.floor(position);
  const fraction = position - lower;
  const low = sorted[lower] as number;
  if (fraction === 0 || lower + 1 >= n) return low;
  const high = sorted[lower + 1] as number;
  return low + fraction * (high - low);
}
