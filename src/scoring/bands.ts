/** Index of the band a score falls in (the table is strictly ascending from 0); -1 for NaN. */
export function bandPosition(mins: ArrayLike<number>, score: number): number {
  if (Number.isNaN(score)) return -1;
  for (let b = mins.length - 1; b > 0; b--) {
    if (mins[b]! <= score) return b;
  }
  return 0;
}
