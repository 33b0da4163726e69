import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DOC_FILE,
  effectiveShares,
  loadFramework,
  renderShareTable,
  shareSection,
  withShareTable,
} from '../../scripts/question-shares.ts';

describe('docs/questionnaire.md share table', () => {
  const framework = loadFramework();

  it('is up to date (run npm run docs:shares)', () => {
    const page = readFileSync(DOC_FILE, 'utf8');
    expect(shareSection(page)).toBe(shareSection(withShareTable(page, renderShareTable(framework))));
  });

  it('adds up to the whole composite, and no share is more than three times another', () => {
    const shares = effectiveShares(framework).map((s) => s.share);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    expect(Math.max(...shares) / Math.min(...shares)).toBeLessThanOrEqual(3);
  });
});
