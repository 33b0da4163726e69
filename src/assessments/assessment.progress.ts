import { CommittedCache } from '../db/committed-cache.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import { type CompiledFramework, type Coverage, progressOf, roundRatio } from '../scoring/scoring.engine.ts';
import { toAnswerMap } from './answer.codec.ts';
import type { AnswerRow, AssessmentRow } from './assessment.repository.ts';

export interface Progress {
  answered: number;
  enabled: number;
  coverage: number;
  domains: { key: string; answered: number; enabled: number; coverage: number }[];
}

/** Coverage ratios are reported to 4 decimals, in progress and in reports alike. */
const roundCoverage = (c: Coverage) => ({
  answered: c.answered,
  enabled: c.enabled,
  coverage: roundRatio(c.coverage),
});

/** The engine's coverage, overall and per domain, as the API reports it. */
export const roundedProgress = (result: {
  coverage: Coverage;
  domains: { key: string; coverage: Coverage }[];
}): Progress => ({
  ...roundCoverage(result.coverage),
  domains: result.domains.map((d) => ({ key: d.key, ...roundCoverage(d.coverage) })),
});

/**
 * The progress of an assessment at its revision. It never changes at a committed revision, so it
 * is kept for the revisions seen last (once committed: a revision that rolls back is reused).
 */
export class ProgressTracker {
  private readonly cache: CommittedCache<string, Progress>;

  constructor(
    writes: Pick<GroupCommit, 'afterCommit'>,
    private readonly compiledOf: (row: AssessmentRow) => CompiledFramework,
    private readonly answersOf: (row: AssessmentRow) => readonly AnswerRow[],
  ) {
    this.cache = new CommittedCache(writes, 2000);
  }

  of(row: AssessmentRow): Progress {
    const key = `${row.id}:${row.revision}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const progress = roundedProgress(progressOf(this.compiledOf(row), toAnswerMap(this.answersOf(row))));
    this.cache.set(key, progress);
    return progress;
  }
}
