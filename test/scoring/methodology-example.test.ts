import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cyrb128, SeededRandom } from '../../src/scoring/random.ts';
import { resolveAnswers } from '../../src/scoring/resolve.ts';
import {
  compileFramework,
  roundScore,
  type ScoreResult,
  scoreAssessment,
} from '../../src/scoring/scoring.engine.ts';
import { sensitivitySeed } from '../../src/scoring/sensitivity.ts';
import { answersOf, buildFramework } from './framework-builder.ts';

/**
 * The worked example of docs/methodology.md section 14, rebuilt and scored, with every number the
 * document prints checked against the engine and found in the document's tables, so neither can
 * drift from the other.
 */

const doc = readFileSync(new URL('../../docs/methodology.md', import.meta.url), 'utf8');
const example = doc.slice(doc.indexOf('## 14. Worked example'));

/** The worked example's table rows as trimmed cells; the formatter may pad the columns. */
const rows = example
  .split('\n')
  .filter((line) => line.startsWith('|'))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

/** The cells of the first row whose first cell is `first`. */
function row(first: string): string[] {
  const found = rows.find((cells) => cells[0] === first);
  if (!found) throw new Error(`docs/methodology.md has no example row for ${first}`);
  return found;
}

/** The last cell of a row: where the tables put the resulting figure. */
function figure(first: string): string {
  return row(first).at(-1)!;
}

function printed(x: number | null): string {
  if (x === null) throw new Error('expected a score');
  return roundScore(x).toFixed(2);
}

const framework = buildFramework({
  domains: [
    {
      key: 'P1',
      subdomains: [
        { questions: [{ type: 'yes_no' }, { type: 'yes_partial_no', weight: 2 }] },
        {
          questions: [
            {
              type: 'scale',
              options: [
                { value: 'none', label: 'None', score: 0 },
                { value: 'basic', label: 'Basic', score: 0.25 },
                { value: 'developed', label: 'Developed', score: 0.75 },
                { value: 'full', label: 'Full', score: 1 },
              ],
            },
            { type: 'yes_no', allowNotApplicable: true, hmgi: 'human_mobility' },
          ],
        },
      ],
    },
    {
      key: 'O1',
      subdomains: [
        {
          questions: [
            {
              type: 'number',
              number: { worst: 10, best: 3, unit: 'percent of amount sent' },
              hmgi: 'socioeconomic_outcomes',
              sdgTargets: ['10.c', '10.7'],
            },
            { type: 'yes_no', hmgi: 'socioeconomic_outcomes', sdgTargets: ['10.c'] },
            {
              type: 'yes_partial_no',
              enableWhen: { question: 'O1.1.2', in: ['yes'] },
              hmgi: 'socioeconomic_outcomes',
              sdgTargets: ['10.c'],
            },
          ],
        },
        {
          weight: 2,
          questions: [
            { type: 'yes_no', hmgi: 'mitigating_risks', sdgTargets: ['3.c'] },
            { type: 'yes_partial_no', hmgi: 'partnerships', sdgTargets: ['3.c'] },
          ],
        },
      ],
    },
  ],
});

const answers = answersOf({
  'P1.1.1': 'yes',
  'P1.1.2': 'partial',
  'P1.2.1': 'developed',
  'P1.2.2': 'NA',
  'O1.1.1': 5.1,
  'O1.1.2': 'no',
  'O1.1.3': 'yes',
  'O1.2.2': 'partial',
});

const compiled = compileFramework(framework);
const arithmetic = scoreAssessment(compiled, answers, { seed: 'worked-example' });
const geometric = scoreAssessment(compiled, answers, { seed: 'worked-example', aggregation: 'geometric' });

function subdomain(result: ScoreResult, key: string) {
  return result.domains.flatMap((d) => d.subdomains).find((s) => s.key === key)!;
}

describe('methodology worked example', () => {
  it('scores the questions as the first table says', () => {
    const scores = Object.fromEntries(arithmetic.questions.map((q) => [q.key, q.score]));
    expect(scores).toEqual({
      'P1.1.1': 1,
      'P1.1.2': 0.5,
      'P1.2.1': 0.75,
      'P1.2.2': null,
      'O1.1.1': expect.closeTo(0.7, 12),
      'O1.1.2': 0,
      'O1.1.3': null,
      'O1.2.1': null,
      'O1.2.2': 0.5,
    });
    expect(arithmetic.questions.find((q) => q.key === 'O1.1.3')!.enabled).toBe(false);
    for (const q of arithmetic.questions) {
      const cells = row(q.key);
      expect(cells[4]).toBe(q.enabled ? 'yes' : 'no');
      expect(cells.at(-1)!.split(' = ').at(-1)).toBe(
        q.score === null ? '(none)' : String(roundScore(q.score)),
      );
    }
  });

  it('prints the sub-domain and domain scores and bands the engine computes', () => {
    for (const key of ['P1.1', 'P1.2', 'O1.1', 'O1.2']) {
      const s = subdomain(arithmetic, key);
      expect(row(key).slice(-2)).toEqual([printed(s.score), `\`${s.band}\``]);
    }
    for (const d of arithmetic.domains) {
      expect(row(d.key).slice(-2)).toEqual([printed(d.score), `\`${d.band}\``]);
    }
    expect(arithmetic.domains.map((d) => roundScore(d.score!))).toEqual([70.83, 45]);
  });

  it('prints the composites, coverage and uncertainty the engine computes', () => {
    expect(roundScore(arithmetic.composite.score!)).toBe(57.92);
    expect(roundScore(geometric.composite.score!)).toBe(56.46);
    expect(figure('arithmetic composite')).toBe(
      `${printed(arithmetic.composite.score)} (\`${arithmetic.composite.band}\`)`,
    );
    expect(figure('geometric composite')).toBe(
      `${printed(geometric.composite.score)} (\`${geometric.composite.band}\`)`,
    );
    expect(arithmetic.coverage).toEqual({ answered: 7, enabled: 8, coverage: 0.875, scored: 6 });
    expect(arithmetic.composite.provisional).toBe(true);
    expect(figure('coverage')).toBe(`${arithmetic.coverage.coverage}, so provisional`);

    const u = arithmetic.composite.uncertainty!;
    expect([u.p5, u.p50, u.p95].map(roundScore)).toEqual([52.56, 57.17, 61.76]);
    expect(u.bandStability).toBe(0.839);
    expect(figure('sensitivity')).toBe(`p5 ${printed(u.p5)}, p50 ${printed(u.p50)}, p95 ${printed(u.p95)}`);
    expect(figure('band stability')).toBe(String(u.bandStability));
    expect(geometric.composite.uncertainty).toEqual(u);
    expect(arithmetic.composite.imbalance).toEqual([]);
    expect(figure('imbalance')).toBe('(none)');
    expect(arithmetic.hmgiComposite.score).toBeNull();
    expect(figure('HMG-I composite')).toBe('(none)');
  });

  it('prints the gaps in the order and with the gains the engine computes', () => {
    expect(arithmetic.gaps.map((g) => [g.question, roundScore(g.potentialGain!)])).toEqual([
      ['O1.2.2', 16.67],
      // Exact (methodology 2): raising O1.1.2 switches O1.1.3 on with its stored yes.
      ['O1.1.2', 9.17],
      ['P1.1.2', 8.33],
      ['P1.2.1', 6.25],
      ['O1.1.1', 2.5],
    ]);
    // The gap table is the one whose rows have four cells and start with a question key.
    const gapRows = rows.filter((cells) => cells.length === 4 && /^[PO]\d\.\d\.\d$/.test(cells[0]!));
    expect(gapRows.map((cells) => [cells[0], cells[1], cells[3]])).toEqual(
      arithmetic.gaps.map((g) => [g.question, String(roundScore(g.score)), printed(g.potentialGain)]),
    );
  });

  it('prints the lens scores the engine computes', () => {
    for (const lens of arithmetic.lenses.hmgi) {
      expect(figure(`\`${lens.key}\``)).toBe(lens.score === null ? '(none)' : printed(lens.score));
    }
    expect(arithmetic.lenses.sdgTargets.map((l) => l.key)).toEqual(['3.c', '10.7', '10.c']);
    for (const lens of arithmetic.lenses.sdgTargets) {
      expect(figure(`SDG ${lens.key}`)).toBe(printed(lens.score));
    }
  });

  it('prints the seed, its hash and the first uniforms the generator gives', () => {
    const seed = sensitivitySeed(compiled, answers, resolveAnswers(compiled, answers), 'worked-example');
    const lines = seed.split('\n');
    expect(lines).toHaveLength(7);
    for (const line of lines) expect(example).toContain(`\`${line}\``);
    const words = cyrb128(seed);
    expect(doc).toContain(words.join(', '));
    const first = new Float64Array(3);
    new SeededRandom(seed).fill(first);
    for (const x of first) expect(doc).toContain(`\`${x}\``);
  });
});
