import type { Report } from './report.schemas.ts';

/** The comparison as the report gives it, with the fields the lead is adding read when present. */
type ComparisonLike = NonNullable<Report['comparison']> & {
  composite?: number | null;
  domains: { key: string; delta: number | null; score?: number | null }[];
};

/**
 * The previous round's composite and domain scores: read from the comparison when it carries
 * them, otherwise rebuilt from a delta only where this round's score is known (never guessed).
 */
export function previousScores(
  report: Report,
): { composite: number | null; domains: Map<string, number | null> } | null {
  const comparison = report.comparison as ComparisonLike | null;
  if (!comparison) return null;
  const domains = new Map<string, number | null>();
  for (const d of report.domains) {
    const previous = comparison.domains.find((p) => p.key === d.key);
    if (previous && previous.score !== undefined) domains.set(d.key, previous.score);
    else if (previous && previous.delta !== null && d.score !== null)
      domains.set(d.key, d.score - previous.delta);
    else domains.set(d.key, null);
  }
  const composite =
    comparison.composite !== undefined
      ? comparison.composite
      : comparison.compositeDelta !== null && report.composite.score !== null
        ? report.composite.score - comparison.compositeDelta
        : null;
  return { composite, domains };
}
