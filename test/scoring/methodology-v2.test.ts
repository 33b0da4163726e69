import { describe, expect, it } from 'vitest';
import type { Framework } from '../../src/framework/framework.schema.ts';
import { compileFramework, type ScoreResult, scoreAssessment } from '../../src/scoring/scoring.engine.ts';
import { answersOf, buildFramework } from './framework-builder.ts';

/** What methodology version 2 changed (issue 14), each on the smallest framework that shows it. */

const score = (framework: Framework, answers: ReturnType<typeof answersOf>, seed = 'assessment-1') =>
  scoreAssessment(compileFramework(framework), answers, { seed, draws: 500 });
const gain = (result: ScoreResult, key: string) => result.gaps.find((g) => g.question === key)?.potentialGain;

/** Six one-question domains, except P1 with a scale gate and two follow-ups switched on by "full". */
const gated = buildFramework({
  domains: [
    {
      subdomains: [
        {
          questions: [
            {
              type: 'scale',
              options: [
                { value: 'none', label: 'None', score: 0 },
                { value: 'draft', label: 'Draft', score: 0.5 },
                { value: 'full', label: 'Full', score: 1 },
              ],
            },
            { enableWhen: { question: 'P1.1.1', in: ['full'] } },
            { enableWhen: { question: 'P1.1.1', in: ['full'] } },
          ],
        },
      ],
    },
    ...['P2', 'P3', 'O1', 'O2', 'O3'].map((key) => ({
      key: key as 'P2',
      subdomains: [{ questions: [{}] }],
    })),
  ],
});
const rest = { 'P2.1.1': 'yes', 'P3.1.1': 'yes', 'O1.1.1': 'yes', 'O2.1.1': 'yes', 'O3.1.1': 'yes' };

describe('methodology 2: exact gains', () => {
  it('re-evaluates follow-ups on their stored answers when a gate question is raised', () => {
    // P1.1.1 = draft: the follow-ups are off, P1 = 50, composite (50 + 500) / 6.
    const result = score(gated, answersOf({ ...rest, 'P1.1.1': 'draft', 'P1.1.2': 'no', 'P1.1.3': 'no' }));
    expect(result.composite.score).toBeCloseTo(550 / 6, 10);
    // Raised to full, the two stored "no" follow-ups count: P1 = 100/3, so the gain is negative,
    // where the closed form of methodology 1 claimed +50/6.
    expect(gain(result, 'P1.1.1')).toBeCloseTo((100 / 3 + 500) / 6 - 550 / 6, 10);
    // With no stored follow-up answers, raising counts only the gate itself.
    const bare = score(gated, answersOf({ ...rest, 'P1.1.1': 'draft' }));
    expect(gain(bare, 'P1.1.1')).toBeCloseTo(50 / 6, 10);
    // With the follow-ups stored as "yes", the gain is the full 50 / 6 too.
    const ready = score(gated, answersOf({ ...rest, 'P1.1.1': 'draft', 'P1.1.2': 'yes', 'P1.1.3': 'yes' }));
    expect(gain(ready, 'P1.1.1')).toBeCloseTo(50 / 6, 10);
  });

  it('lists the largest gain first and the negative ones last', () => {
    const result = score(
      gated,
      answersOf({ ...rest, 'P2.1.1': 'no', 'P1.1.1': 'draft', 'P1.1.2': 'no', 'P1.1.3': 'no' }),
    );
    expect(result.gaps.map((g) => g.question)).toEqual(['P2.1.1', 'P1.1.1']);
    expect(gain(result, 'P2.1.1')).toBeCloseTo(100 / 6, 10);
  });
});

describe('methodology 2: imbalance', () => {
  const six = buildFramework({
    domains: ['P1', 'P2', 'P3', 'O1', 'O2', 'O3'].map((key) => ({
      key: key as 'P1',
      subdomains: [{ questions: [{}] }],
    })),
  });

  it('names a neglected domain that a high composite would hide', () => {
    const result = score(six, answersOf({ ...rest, 'P1.1.1': 'no', 'O3.1.1': 'yes' }));
    expect(result.composite.score).toBeCloseTo(500 / 6, 10);
    expect(result.composite.band).toBe('fully_meets');
    expect(result.composite.imbalance).toEqual(['P1']);
  });

  it('is empty when every domain is within one band of the composite', () => {
    const result = score(six, answersOf({ ...rest, 'P1.1.1': 'yes' }));
    expect(result.composite.imbalance).toEqual([]);
  });
});

describe('methodology 2: sensitivity seeded by the assessment id and the scored answers', () => {
  const answers = answersOf({ ...rest, 'P1.1.1': 'draft' });

  it('does not move when what changes is not a scored answer', () => {
    const a = score(gated, answers).composite.uncertainty;
    // A stored answer to a disabled follow-up, and not applicable: no scored answer changes.
    const b = score(gated, new Map(answers).set('P1.1.2', { value: 'yes' })).composite.uncertainty;
    expect(b).toEqual(a);
  });

  it('moves with the assessment and with a scored answer', () => {
    const a = score(gated, answers).composite.uncertainty;
    expect(score(gated, answers, 'assessment-2').composite.uncertainty).not.toEqual(a);
    const changed = score(gated, new Map(answers).set('P1.1.1', { value: 'none' })).composite.uncertainty;
    expect(changed).not.toEqual(a);
  });
});

describe('methodology 2: HMG-I composite', () => {
  it('is the equal-weight mean of the five feature scores, null while one has none', () => {
    const features = [
      'human_rights',
      'human_mobility',
      'socioeconomic_outcomes',
      'mitigating_risks',
      'partnerships',
    ];
    const framework = buildFramework({
      domains: features.map((hmgi) => ({
        subdomains: [
          { questions: [{ hmgi: hmgi as 'partnerships' }, { hmgi: hmgi as 'partnerships', weight: 3 }] },
        ],
      })),
    });
    const all = answersOf({
      'P1.1.1': 'yes',
      'P1.1.2': 'no',
      'P2.1.1': 'yes',
      'P2.1.2': 'yes',
      'P3.1.1': 'no',
      'P3.1.2': 'no',
      'O1.1.1': 'no',
      'O1.1.2': 'yes',
      'O2.1.1': 'yes',
      'O2.1.2': 'yes',
    });
    const result = score(framework, all);
    // 25, 100, 0, 75, 100 -> 60
    expect(result.hmgiComposite).toEqual({ score: 60, band: 'meets' });
    all.delete('O2.1.1');
    all.delete('O2.1.2');
    expect(score(framework, all).hmgiComposite).toEqual({ score: null, band: null });
  });
});

describe('methodology 2: the 10.7.2 view', () => {
  const base = buildFramework({
    domains: [{ subdomains: [{ questions: [{}] }, { questions: [{}] }, { questions: [{}] }] }],
  });
  const framework: Framework = {
    ...base,
    methodology: {
      ...base.methodology,
      version: 2,
      sdg1072: {
        inPlaceMin: 60,
        categories: [
          { key: 'requires_further_progress', min: 0 },
          { key: 'partially_meets', min: 40 },
          { key: 'meets', min: 60 },
          { key: 'fully_meets', min: 80 },
        ],
        domains: [
          {
            number: 1,
            title: 'Migrant rights',
            subcategories: ['a', 'b', 'c'].map((key) => ({ key: key as 'a', label: `Sub-category ${key}` })),
          },
        ],
      },
    },
    domains: [
      {
        ...base.domains[0]!,
        subdomains: base.domains[0]!.subdomains.map((s, i) => ({
          ...s,
          sdg1072: i < 2 ? { domain: 1, subcategory: (['b', 'a'] as const)[i]! } : null,
        })),
      },
    ],
  };

  it('counts a sub-category in place at the threshold and leaves an unmapped one unassessed', () => {
    const view = score(framework, answersOf({ 'P1.1.1': 'yes', 'P1.2.1': 'no', 'P1.3.1': 'yes' })).sdg1072!;
    expect(view.domains[0]).toEqual({
      number: 1,
      subcategories: [
        { key: 'a', subdomain: 'P1.2', score: 0, inPlace: false },
        { key: 'b', subdomain: 'P1.1', score: 100, inPlace: true },
        { key: 'c', subdomain: null, score: null, inPlace: null },
      ],
      inPlace: 1,
      assessed: 2,
      score: 50,
      category: 'partially_meets',
    });
    expect(view.overall).toEqual({ score: 50, category: 'partially_meets' });
  });

  it('refuses two sub-domains mapped to one sub-category, naming both', () => {
    const twice = structuredClone(framework);
    twice.domains[0]!.subdomains[1]!.sdg1072 = { domain: 1, subcategory: 'b' };
    expect(() => compileFramework(twice)).toThrow(/P1.1 and P1.2 both map to 10.7.2 1b/);
  });

  it('is null for a framework without the crosswalk', () => {
    expect(score(base, answersOf({ 'P1.1.1': 'yes' })).sdg1072).toBeNull();
  });
});
