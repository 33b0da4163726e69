/**
 * Output rounding, in one place: the engine keeps full precision, and a band is taken from the
 * score as a reader sees it (methodology 3, from 2.1.0 and for every report built since), so a
 * displayed 40 is never banded below 40.
 */

/** Output rounding: 2 decimals. Only the presentation layer calls this. */
export function roundScore(x: number): number {
  if (!Number.isFinite(x)) return x;
  // Half away from zero on the decimal a reader sees: 1.005 is stored as 1.00499999..., and the
  // relative nudge of one epsilon lifts it back over the half; negative deltas round like positive ones.
  const rounded = Math.round(Math.abs(x) * 100 * (1 + Number.EPSILON)) / 100;
  return rounded === 0 ? 0 : x < 0 ? -rounded : rounded;
}

/** Output rounding of a ratio in [0, 1] (coverage, band stability): 4 decimals, everywhere. */
export const roundRatio = (x: number): number => Math.round(x * 10_000) / 10_000;
