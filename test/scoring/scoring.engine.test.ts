import { describe, expect, it } from 'vitest';
import type { Framework } from '../../src/framework/framework.schema.ts';
import { cyrb128, SeededRandom } from '../../src/scoring/random.ts';
import {
  type Aggregation,
  type AnswerInput,
  bandFor,
  compareResults,
  compileFramework,
  questionScore,
  roundScore,
  type ScoreResult,
  scoreAssessment,
} from '../../src/scoring/scoring.engine.ts';
import { percentileSorted } from '../../src/scoring/statistics.ts';
import { answersOf, buildFramework, DEFAULT_BANDS, type QuestionSpec } from './framework-builder.ts';

// Every expected number below is worked out by hand in the comment beside it.

function score(
  framework: Framework,
  answers: Map<string, AnswerInput>,
  aggregation: Aggregation = 'arithmetic',
  seed = 'seed',
): ScoreResult {
  return scoreAssessment(compileFramework(framework), answers, { aggregation, seed });
}

/** One domain, one sub-domain, the given questions. */
function single(questions: QuestionSpec[]): Framework {
  return buildFramework({ domains: [{ subdomains: [{ questions }] }] });
}

function question(result: ScoreResult, key: string) {
  const found = result.questions.find((q) => q.key === key);
  if (!found) throw new Error(`no question ${key}`);
  return found;
}

const SCALE = [
  { value: 'none', label: 'None', score: 0 },
  { value: 'basic', label: 'Basic', score: 0.25 },
  { value: 'developed', label: 'Developed', score: 0.75 },
  { value: 'full', label: 'Full', score: 1 },
];

describe('questionScore', () => {
  const fw = buildFramework({
    domains: [
      {
        subdomains: [
          {
            questions: [
              { type: 'yes_no' },
              { type: 'yes_partial_no' },
              { type: 'scale', options: SCALE },
              { type: 'number', number: { worst: 0, best: 50 } },
              { type: 'number', number: { worst: 10, best: 3 } },
            ],
          },
        ],
      },
    ],
  });
  const [yesNo, yesPartialNo, scale, higherBetter, lowerBetter] = fw.domains[0]!.subdomains[0]!.questions;

  it('scores choice types by the chosen option', () => {
    expect(questionScore(yesNo!, { value: 'yes' })).toBe(1);
    expect(questionScore(yesNo!, { value: 'no' })).toBe(0);
    expect(questionScore(yesPartialNo!, { value: 'partial' })).toBe(0.5);
    expect(questionScore(scale!, { value: 'developed' })).toBe(0.75);
    expect(questionScore(scale!, { value: 'basic' })).toBe(0.25);
  });

  it('treats unknown options, wrong types, no answer and not applicable as unscored', () => {
    expect(questionScore(yesNo!, { value: 'maybe' })).toBeNull();
    expect(questionScore(yesNo!, { value: 1 })).toBeNull();
    expect(questionScore(yesNo!, { value: null })).toBeNull();
    expect(questionScore(yesNo!, {})).toBeNull();
    expect(questionScore(yesNo!, undefined)).toBeNull();
    expect(questionScore(yesNo!, null as never)).toBeNull();
    expect(questionScore(yesNo!, { value: 'yes', notApplicable: true })).toBeNull();
    expect(questionScore(scale!, { value: 'yes' })).toBeNull();
  });

  it('scales numbers linearly from worst to best and clamps outside', () => {
    expect(questionScore(higherBetter!, { value: 25 })).toBe(0.5); // (25 - 0) / (50 - 0)
    expect(questionScore(higherBetter!, { value: 0 })).toBe(0);
    expect(questionScore(higherBetter!, { value: 50 })).toBe(1);
    expect(questionScore(higherBetter!, { value: 60 })).toBe(1); // clamped from 1.2
    expect(questionScore(higherBetter!, { value: -5 })).toBe(0); // clamped from -0.1
  });

  it('handles worst > best (lower is better)', () => {
    expect(questionScore(lowerBetter!, { value: 5.1 })).toBeCloseTo(0.7, 12); // (5.1 - 10) / (3 - 10) = 4.9 / 7
    expect(questionScore(lowerBetter!, { value: 10 })).toBe(0);
    expect(questionScore(lowerBetter!, { value: 3 })).toBe(1);
    expect(questionScore(lowerBetter!, { value: 2 })).toBe(1); // clamped from 8/7
    expect(questionScore(lowerBetter!, { value: 12 })).toBe(0); // clamped from -2/7
  });

  it('refuses non-finite and non-number values for number questions', () => {
    expect(questionScore(higherBetter!, { value: Number.NaN })).toBeNull();
    expect(questionScore(higherBetter!, { value: Number.POSITIVE_INFINITY })).toBeNull();
    expect(questionScore(higherBetter!, { value: '25' })).toBeNull();
  });
});

describe('scoreAssessment: questions, not applicable and enableWhen', () => {
  it('agrees with questionScore and keeps framework order', () => {
    const fw = single([
      { type: 'yes_no' },
      { type: 'yes_partial_no' },
      { type: 'scale', options: SCALE },
      { type: 'number', number: { worst: 10, best: 3 } },
    ]);
    const answers = answersOf({ 'P1.1.1': 'yes', 'P1.1.2': 'partial', 'P1.1.3': 'developed', 'P1.1.4': 5.1 });
    const result = score(fw, answers);
    expect(result.questions.map((q) => q.key)).toEqual(['P1.1.1', 'P1.1.2', 'P1.1.3', 'P1.1.4']);
    for (const q of fw.domains[0]!.subdomains[0]!.questions) {
      expect(question(result, q.key).score).toBe(questionScore(q, answers.get(q.key)));
    }
    // (1 + 0.5 + 0.75 + 0.7) / 4 = 0.7375
    expect(result.domains[0]!.subdomains[0]!.score).toBeCloseTo(73.75, 10);
  });

  it('counts not applicable as answered but leaves it out of the score', () => {
    const fw = single([{ weight: 1 }, { weight: 3 }]);
    const result = score(fw, answersOf({ 'P1.1.1': 'yes', 'P1.1.2': 'NA' }));
    expect(question(result, 'P1.1.2')).toMatchObject({
      answered: true,
      notApplicable: true,
      scored: false,
      score: null,
    });
    // Only P1.1.1 is scored: 100 * 1 * 1 / 1; had NA counted as 0 it would be 25.
    expect(result.domains[0]!.subdomains[0]!.score).toBe(100);
    expect(result.coverage).toEqual({ answered: 2, enabled: 2, coverage: 1, scored: 1 });
    expect(result.composite.provisional).toBe(false);
  });

  it('counts an unknown option or a junk value as not answered, without throwing', () => {
    const fw = single([{}, {}, { type: 'number', number: { worst: 0, best: 10 } }, {}, {}]);
    const answers = new Map<string, AnswerInput>([
      ['P1.1.1', { value: 'yes' }],
      ['P1.1.2', { value: 'perhaps' }],
      ['P1.1.3', { value: Number.NaN }],
      ['P1.1.4', { value: { nested: true } as never }],
      ['P1.1.5', null as never],
      ['Z9.9.9', { value: 'yes' }], // a key the framework does not know
    ]);
    const result = score(fw, answers);
    expect(result.questions.map((q) => q.answered)).toEqual([true, false, false, false, false]);
    expect(result.coverage).toEqual({ answered: 1, enabled: 5, coverage: 0.2, scored: 1 });
    expect(result.composite.provisional).toBe(true);
    expect(result.composite.score).toBe(100);
  });

  const gated = single([
    { type: 'yes_no' },
    { type: 'yes_no', enableWhen: { question: 'P1.1.1', in: ['yes'] } },
    { type: 'yes_no', enableWhen: { question: 'P1.1.2', in: ['yes'] } },
    { type: 'yes_partial_no', weight: 2 },
  ]);

  it('enables a question when the referenced answer is in the list', () => {
    const result = score(gated, answersOf({ 'P1.1.1': 'yes', 'P1.1.2': 'no', 'P1.1.4': 'partial' }));
    expect(result.questions.map((q) => q.enabled)).toEqual([true, true, false, true]);
    // P1.1.3 is off because P1.1.2 = no. Scored: 1*1 + 1*0 + 2*0.5 over 1 + 1 + 2 = 2 / 4
    expect(result.domains[0]!.score).toBe(50);
    expect(result.coverage).toEqual({ answered: 3, enabled: 3, coverage: 1, scored: 3 });
  });

  it('switches a chain of conditions off together and ignores answers kept for disabled questions', () => {
    // P1.1.2 and P1.1.3 keep stored answers 'yes', but P1.1.1 = no switches P1.1.2 off, and with it P1.1.3.
    const answers = answersOf({ 'P1.1.1': 'no', 'P1.1.2': 'yes', 'P1.1.3': 'yes', 'P1.1.4': 'yes' });
    const result = score(gated, answers);
    expect(result.questions.map((q) => q.enabled)).toEqual([true, false, false, true]);
    expect(question(result, 'P1.1.2')).toMatchObject({
      answered: false,
      scored: false,
      score: null,
      notApplicable: false,
    });
    // Only P1.1.1 (0, w 1) and P1.1.4 (1, w 2): 100 * 2 / 3
    expect(result.domains[0]!.score).toBeCloseTo(200 / 3, 10);
    expect(result.coverage).toEqual({ answered: 2, enabled: 2, coverage: 1, scored: 2 });
    // Disabled questions are no gaps and carry no lens weight either.
    expect(result.gaps.map((g) => g.question)).toEqual(['P1.1.1']);
    expect(result.lenses.hmgi[0]).toEqual({ key: 'human_rights', score: (100 * 2) / 3, questions: 2 });
  });

  it('keeps a question off while its target is unanswered or not applicable', () => {
    const unanswered = score(gated, answersOf({ 'P1.1.2': 'yes', 'P1.1.3': 'yes' }));
    expect(unanswered.questions.map((q) => q.enabled)).toEqual([true, false, false, true]);
    const notApplicable = score(gated, answersOf({ 'P1.1.1': 'NA', 'P1.1.2': 'yes', 'P1.1.3': 'yes' }));
    expect(notApplicable.questions.map((q) => q.enabled)).toEqual([true, false, false, true]);
  });

  it('reports an empty sub-domain coverage as 1 when all its questions are switched off', () => {
    const fw = buildFramework({
      domains: [
        {
          subdomains: [
            { questions: [{}] },
            { questions: [{ enableWhen: { question: 'P1.1.1', in: ['yes'] } }] },
          ],
        },
      ],
    });
    const result = score(fw, answersOf({ 'P1.1.1': 'no', 'P1.2.1': 'yes' }));
    expect(result.domains[0]!.subdomains[1]).toMatchObject({
      score: null,
      band: null,
      coverage: { answered: 0, enabled: 0, coverage: 1, scored: 0 },
    });
    expect(result.domains[0]!.score).toBe(0); // only P1.1 counts
  });
});

describe('scoreAssessment: weighted means, nulls and coverage', () => {
  const weighted = buildFramework({
    domains: [
      {
        weight: 2,
        subdomains: [
          { weight: 1, questions: [{ weight: 1 }, { weight: 3 }] },
          { weight: 3, questions: [{}] },
        ],
      },
      { weight: 1, subdomains: [{ questions: [{}] }] },
    ],
  });

  it('weights questions, sub-domains and domains', () => {
    const result = score(
      weighted,
      answersOf({ 'P1.1.1': 'yes', 'P1.1.2': 'no', 'P1.2.1': 'yes', 'P2.1.1': 'no' }),
    );
    const [p1, p2] = result.domains;
    expect(p1!.subdomains[0]!.score).toBe(25); // 100 * (1*1 + 3*0) / 4
    expect(p1!.subdomains[1]!.score).toBe(100);
    expect(p1!.score).toBe(81.25); // (1*25 + 3*100) / 4
    expect(p2!.score).toBe(0);
    expect(result.composite.score).toBeCloseTo(54.166666666666664, 10); // (2*81.25 + 1*0) / 3
    expect(p1!.band).toBe('fully_meets');
    expect(p1!.subdomains[0]!.band).toBe('requires_further_progress');
    expect(result.composite.band).toBe('partially_meets');
  });

  it('leaves null sub-domains out of the domain and makes the composite null when a domain is null', () => {
    const result = score(weighted, answersOf({ 'P1.1.1': 'yes', 'P1.1.2': 'no' }));
    const [p1, p2] = result.domains;
    expect(p1!.subdomains[1]!.score).toBeNull();
    expect(p1!.score).toBe(25); // only P1.1 is non-null
    expect(p2!.score).toBeNull();
    expect(p2!.band).toBeNull();
    expect(result.composite).toEqual({
      score: null,
      band: null,
      provisional: true,
      imbalance: [],
      uncertainty: null,
    });
    // Gaps are still listed, in framework order, without a gain.
    expect(result.gaps).toEqual([
      { question: 'P1.1.2', domain: 'P1', subdomain: 'P1.1', score: 0, weight: 3, potentialGain: null },
    ]);
    expect(score(weighted, answersOf({}), 'geometric').composite.score).toBeNull();
  });

  it('computes coverage at each level and flags the composite provisional', () => {
    const result = score(weighted, answersOf({ 'P1.1.1': 'yes', 'P1.2.1': 'NA', 'P2.1.1': 'no' }));
    expect(result.domains[0]!.subdomains[0]!.coverage).toEqual({
      answered: 1,
      enabled: 2,
      coverage: 0.5,
      scored: 1,
    });
    expect(result.domains[0]!.subdomains[1]!.coverage).toEqual({
      answered: 1,
      enabled: 1,
      coverage: 1,
      scored: 0,
    });
    expect(result.domains[0]!.coverage).toEqual({ answered: 2, enabled: 3, coverage: 2 / 3, scored: 1 });
    expect(result.domains[1]!.coverage).toEqual({ answered: 1, enabled: 1, coverage: 1, scored: 1 });
    expect(result.coverage).toEqual({ answered: 3, enabled: 4, coverage: 0.75, scored: 2 });
    expect(result.composite.provisional).toBe(true);
    expect(result.composite.score).toBeCloseTo(200 / 3, 10); // (2*100 + 1*0) / 3
  });
});

describe('bands', () => {
  it('picks the last band whose min is at or below the score', () => {
    expect(bandFor(DEFAULT_BANDS, 0)).toBe('requires_further_progress');
    expect(bandFor(DEFAULT_BANDS, 39.994)).toBe('requires_further_progress');
    // Displayed as 40.00, so banded as 40 (methodology 3's rule, applied to every report built).
    expect(bandFor(DEFAULT_BANDS, 39.999)).toBe('partially_meets');
    expect(bandFor(DEFAULT_BANDS, 40)).toBe('partially_meets');
    expect(bandFor(DEFAULT_BANDS, 59.99)).toBe('partially_meets');
    expect(bandFor(DEFAULT_BANDS, 60)).toBe('meets');
    expect(bandFor(DEFAULT_BANDS, 79.994)).toBe('meets');
    expect(bandFor(DEFAULT_BANDS, 79.996)).toBe('fully_meets');
    expect(bandFor(DEFAULT_BANDS, 80)).toBe('fully_meets');
    expect(bandFor(DEFAULT_BANDS, 100)).toBe('fully_meets');
    expect(bandFor(DEFAULT_BANDS, null)).toBeNull();
  });

  it('uses the framework band table, at exact boundaries too', () => {
    // Five equal yes/no questions, two yes: exactly 40.
    const fw = single([{}, {}, {}, {}, {}]);
    const forty = score(
      fw,
      answersOf({ 'P1.1.1': 'yes', 'P1.1.2': 'yes', 'P1.1.3': 'no', 'P1.1.4': 'no', 'P1.1.5': 'no' }),
    );
    expect(forty.composite.score).toBe(40);
    expect(forty.composite.band).toBe('partially_meets');
    const custom = buildFramework({
      bands: [
        { key: 'low', label: 'Low', min: 0 },
        { key: 'high', label: 'High', min: 50 },
      ],
      domains: [{ subdomains: [{ questions: [{ type: 'yes_partial_no' }] }] }],
    });
    expect(score(custom, answersOf({ 'P1.1.1': 'partial' })).composite.band).toBe('high');
    expect(score(custom, answersOf({ 'P1.1.1': 'no' })).composite.band).toBe('low');
  });
});

describe('geometric aggregation', () => {
  const twoDomains = (weights: [number, number]) =>
    buildFramework({
      domains: [
        { weight: weights[0], subdomains: [{ questions: [{ type: 'yes_partial_no' }] }] },
        { weight: weights[1], subdomains: [{ questions: [{ type: 'yes_partial_no' }] }] },
      ],
    });

  it('floors a zero domain at 1 instead of zeroing the composite', () => {
    const answers = answersOf({ 'P1.1.1': 'no', 'P2.1.1': 'yes' });
    const geometric = score(twoDomains([1, 1]), answers, 'geometric');
    expect(geometric.aggregation).toBe('geometric');
    expect(geometric.composite.score).toBeCloseTo(10, 10); // sqrt(max(0, 1) * 100)
    expect(geometric.composite.band).toBe('requires_further_progress');
    expect(score(twoDomains([1, 1]), answers).composite.score).toBe(50);
  });

  it('uses normalised domain weights as exponents', () => {
    const answers = answersOf({ 'P1.1.1': 'yes', 'P2.1.1': 'partial' });
    // 100^(3/4) * 50^(1/4) = 31.6227766 * 2.6591479 = 84.0896415
    expect(score(twoDomains([3, 1]), answers, 'geometric').composite.score).toBeCloseTo(84.08964152537145, 9);
  });
});

describe('gaps', () => {
  const fw = buildFramework({
    domains: [
      {
        subdomains: [
          { questions: [{ type: 'yes_partial_no', weight: 2 }, {}] },
          { questions: [{ type: 'scale', options: SCALE }] },
        ],
      },
      { subdomains: [{ questions: [{}, { type: 'yes_partial_no' }] }] },
    ],
  });
  const answers = answersOf({
    'P1.1.1': 'partial',
    'P1.1.2': 'yes',
    'P1.2.1': 'developed',
    'P2.1.1': 'no',
    'P2.1.2': 'NA',
  });

  it('lists every scored question below 1 by potential gain, ties in framework order', () => {
    const result = score(fw, answers);
    // P1.1 = 100 * (2*0.5 + 1) / 3 = 66.67, P1.2 = 75, P1 = 70.83; P2 = 0 (P2.1.2 is not applicable).
    // P1.1.1 to 1: P1.1 + 33.33, P1 + 16.67, composite + 8.33
    // P1.2.1 to 1: P1.2 + 25, P1 + 12.5, composite + 6.25
    // P2.1.1 to 1: P2.1 + 100, P2 + 100, composite + 50
    expect(result.gaps.map((g) => [g.question, g.potentialGain])).toEqual([
      ['P2.1.1', expect.closeTo(50, 10)],
      ['P1.1.1', expect.closeTo(25 / 3, 10)],
      ['P1.2.1', expect.closeTo(6.25, 10)],
    ]);
    expect(result.gaps[1]).toMatchObject({ domain: 'P1', subdomain: 'P1.1', score: 0.5, weight: 2 });
  });

  it('matches rescoring with the question raised to 1', () => {
    const now = score(fw, answers).composite.score!;
    const raised = score(fw, new Map([...answers, ['P1.2.1', { value: 'full' }]])).composite.score!;
    const gap = score(fw, answers).gaps.find((g) => g.question === 'P1.2.1')!;
    expect(gap.potentialGain).toBeCloseTo(raised - now, 12);
  });

  it('breaks exact ties by framework order', () => {
    const tie = buildFramework({
      domains: [{ subdomains: [{ questions: [{}] }] }, { subdomains: [{ questions: [{}] }] }],
    });
    const result = score(tie, answersOf({ 'P1.1.1': 'no', 'P2.1.1': 'no' }));
    expect(result.gaps.map((g) => [g.question, g.potentialGain])).toEqual([
      ['P1.1.1', 50],
      ['P2.1.1', 50],
    ]);
  });

  it('reports arithmetic gains when the geometric composite is requested', () => {
    const arithmetic = score(fw, answers);
    const geometric = score(fw, answers, 'geometric');
    expect(geometric.composite.score).not.toBeCloseTo(arithmetic.composite.score!, 3);
    expect(geometric.gaps).toEqual(arithmetic.gaps);
  });
});

describe('lenses', () => {
  it('scores each HMGI feature and SDG target over its scored questions, targets in natural order', () => {
    const fw = single([
      { hmgi: 'partnerships', sdgTargets: ['17.18', '10.c'] },
      { hmgi: 'partnerships', sdgTargets: ['8.8', '10.7'], weight: 3 },
      { hmgi: 'mitigating_risks', sdgTargets: ['16.2', '5.2', '8.7'] },
      { hmgi: 'human_mobility', sdgTargets: ['3.c', '4.b'] },
      { hmgi: 'socioeconomic_outcomes', sdgTargets: ['10.7', '10.7'] },
    ]);
    const result = score(fw, answersOf({ 'P1.1.1': 'yes', 'P1.1.2': 'no', 'P1.1.3': 'NA', 'P1.1.5': 'yes' }));
    expect(result.lenses.hmgi).toEqual([
      { key: 'human_rights', score: null, questions: 0 },
      { key: 'human_mobility', score: null, questions: 0 }, // unanswered
      { key: 'socioeconomic_outcomes', score: 100, questions: 1 },
      { key: 'mitigating_risks', score: null, questions: 0 }, // not applicable
      { key: 'partnerships', score: 25, questions: 2 }, // 100 * (1*1 + 3*0) / 4
    ]);
    expect(result.lenses.sdgTargets).toEqual([
      { key: '3.c', score: null, questions: 0 },
      { key: '4.b', score: null, questions: 0 },
      { key: '5.2', score: null, questions: 0 },
      { key: '8.7', score: null, questions: 0 },
      { key: '8.8', score: 0, questions: 1 },
      { key: '10.7', score: 25, questions: 2 }, // P1.1.2 (0, w 3) and P1.1.5 (1, w 1), the latter once
      { key: '10.c', score: 100, questions: 1 },
      { key: '16.2', score: null, questions: 0 },
      { key: '17.18', score: 100, questions: 1 },
    ]);
  });
});

describe('uncertainty', () => {
  const fw = buildFramework({
    domains: [
      { subdomains: [{ questions: [{ type: 'yes_partial_no' }, {}] }] },
      { subdomains: [{ questions: [{}, {}] }] },
      { subdomains: [{ questions: [{ type: 'yes_partial_no' }] }] },
    ],
  });
  const answers = answersOf({
    'P1.1.1': 'partial',
    'P1.1.2': 'yes',
    'P2.1.1': 'yes',
    'P2.1.2': 'no',
    'P3.1.1': 'no',
  });

  it('is reproducible for a seed and moves with the seed', () => {
    const compiled = compileFramework(fw);
    const a = scoreAssessment(compiled, answers, { seed: 'assessment-1:4' }).composite.uncertainty!;
    const b = scoreAssessment(compiled, answers, { seed: 'assessment-1:4' }).composite.uncertainty!;
    const c = scoreAssessment(compiled, answers, { seed: 'assessment-1:5' }).composite.uncertainty!;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a.p5).toBeLessThanOrEqual(a.p50);
    expect(a.p50).toBeLessThanOrEqual(a.p95);
    // Domains 75, 50, 0: every draw lies between the smallest and largest weighted mean a draw can make.
    expect(a.p5).toBeGreaterThan(0);
    expect(a.p95).toBeLessThan(75);
    expect(a.bandStability).toBeGreaterThanOrEqual(0);
    expect(a.bandStability).toBeLessThanOrEqual(1);
  });

  it('is tight and fully stable when all domains agree', () => {
    const agree = buildFramework({
      domains: [{ subdomains: [{ questions: [{}] }] }, { subdomains: [{ questions: [{}] }] }],
    });
    const u = score(agree, answersOf({ 'P1.1.1': 'yes', 'P2.1.1': 'yes' })).composite.uncertainty!;
    expect(u.p5).toBeCloseTo(100, 9);
    expect(u.p95).toBeCloseTo(100, 9);
    expect(u.bandStability).toBe(1);
  });

  it('measures stability against the band of the requested aggregation', () => {
    // Domains 100 and 0: arithmetic 50 (partially_meets), geometric 10 (requires_further_progress).
    const split = buildFramework({
      domains: [{ subdomains: [{ questions: [{}] }] }, { subdomains: [{ questions: [{}] }] }],
    });
    const answersSplit = answersOf({ 'P1.1.1': 'yes', 'P2.1.1': 'no' });
    const arithmetic = score(split, answersSplit).composite.uncertainty!;
    const geometric = score(split, answersSplit, 'geometric').composite.uncertainty!;
    expect(geometric.p50).toBe(arithmetic.p50);
    // Arithmetic draws land in [33.3, 66.7] (weights within 1:3), geometric draws in [3.2, 31.6]:
    // each point band catches its own aggregation's draws, about half of them.
    expect(arithmetic.bandStability + geometric.bandStability).toBeGreaterThan(0.8);
    expect(arithmetic.bandStability).toBeGreaterThan(0.3);
    expect(geometric.bandStability).toBeGreaterThan(0.3);
  });

  it('honours the number of draws and refuses a bad one', () => {
    const compiled = compileFramework(fw);
    const one = scoreAssessment(compiled, answers, { seed: 's', draws: 1 }).composite.uncertainty!;
    expect(one.p5).toBe(one.p95);
    expect([0, 1]).toContain(one.bandStability);
    expect(() => scoreAssessment(compiled, answers, { seed: 's', draws: 0 })).toThrow(RangeError);
    expect(() => scoreAssessment(compiled, answers, { seed: 's', draws: 2.5 })).toThrow(RangeError);
  });
});

describe('random and statistics', () => {
  it('produces the same uniforms in [0, 1) for the same seed, one at a time or in bulk', () => {
    const bulk = new Float64Array(50);
    new SeededRandom('abc').fill(bulk);
    const single = new SeededRandom('abc');
    const one = Array.from({ length: 50 }, () => single.next());
    expect(one).toEqual(Array.from(bulk));
    expect(bulk.every((x) => x >= 0 && x < 1)).toBe(true);
    const other = new Float64Array(50);
    new SeededRandom('abd').fill(other);
    expect(Array.from(other)).not.toEqual(Array.from(bulk));
    expect(cyrb128('abc')).not.toEqual(cyrb128('abd'));
  });

  it('is roughly uniform', () => {
    const sample = new Float64Array(20_000);
    new SeededRandom('uniformity').fill(sample);
    let sum = 0;
    let below = 0;
    for (const x of sample) {
      sum += x;
      if (x < 0.5) below++;
    }
    expect(sum / sample.length).toBeCloseTo(0.5, 1);
    expect(below / sample.length).toBeCloseTo(0.5, 1);
  });

  it('interpolates percentiles between closest ranks (type 7)', () => {
    const sorted = Float64Array.of(1, 2, 3, 4);
    expect(percentileSorted(sorted, 0.05)).toBeCloseTo(1.15, 12); // position 0.15
    expect(percentileSorted(sorted, 0.5)).toBe(2.5); // position 1.5
    expect(percentileSorted(sorted, 0.95)).toBeCloseTo(3.85, 12); // position 2.85
    expect(percentileSorted(sorted, 1)).toBe(4);
    expect(percentileSorted(Float64Array.of(7), 0.05)).toBe(7);
  });
});

describe('compareResults', () => {
  const v1 = buildFramework({
    version: '1.0.0',
    domains: [
      { subdomains: [{ questions: [{}, {}, { enableWhen: { question: 'P1.1.2', in: ['yes'] } }] }] },
      { subdomains: [{ questions: [{}, {}] }] },
    ],
  });

  function run(framework: Framework, answers: Map<string, AnswerInput>) {
    const compiled = compileFramework(framework);
    return { compiled, answers, result: scoreAssessment(compiled, answers, { seed: 'x' }) };
  }

  it('reports deltas and changed answers within one framework version', () => {
    const previous = run(
      v1,
      answersOf({ 'P1.1.1': 'no', 'P1.1.2': 'no', 'P1.1.3': 'yes', 'P2.1.1': 'yes', 'P2.1.2': 'NA' }),
    );
    const current = run(v1, answersOf({ 'P1.1.1': 'yes', 'P1.1.2': 'no', 'P1.1.3': 'no', 'P2.1.1': 'yes' }));
    const comparison = compareResults(current, previous);
    // Previous: P1 = 0, P2 = 100, composite 50. Current: P1 = 50, P2 = 100, composite 75.
    expect(comparison).toEqual({
      composite: 50,
      compositeDelta: 25,
      domains: [
        { key: 'P1', score: 0, delta: 50 },
        { key: 'P2', score: 100, delta: 0 },
      ],
      // P1.1.3 changed its stored answer but is disabled both times; P2.1.2 went from NA to unanswered.
      changedQuestions: [
        { question: 'P1.1.1', before: 'no', after: 'yes' },
        { question: 'P2.1.2', before: { notApplicable: true }, after: null },
      ],
      commonQuestionsOnly: false,
    });
  });

  it('counts a question that became enabled as changed', () => {
    const previous = run(v1, answersOf({ 'P1.1.2': 'no', 'P1.1.3': 'yes' }));
    const current = run(v1, answersOf({ 'P1.1.2': 'yes', 'P1.1.3': 'yes' }));
    expect(compareResults(current, previous).changedQuestions).toEqual([
      { question: 'P1.1.2', before: 'no', after: 'yes' },
      // Stored 'yes' both times, but disabled before: absent then, present now.
      { question: 'P1.1.3', before: null, after: 'yes' },
    ]);
  });

  it('compares only common questions across framework versions and says so', () => {
    const v2 = buildFramework({
      version: '2.0.0',
      domains: [
        { subdomains: [{ questions: [{}, {}] }] }, // P1.1.3 dropped
        { subdomains: [{ questions: [{}, {}, {}] }] }, // P2.1.3 added
        { subdomains: [{ questions: [{}] }] }, // P3 added
      ],
    });
    const previous = run(
      v1,
      answersOf({ 'P1.1.1': 'no', 'P1.1.2': 'yes', 'P1.1.3': 'yes', 'P2.1.1': 'yes', 'P2.1.2': 'no' }),
    );
    const current = run(
      v2,
      answersOf({
        'P1.1.1': 'no',
        'P1.1.2': 'yes',
        'P2.1.1': 'no',
        'P2.1.2': 'no',
        'P2.1.3': 'yes',
        'P3.1.1': 'yes',
      }),
    );
    const comparison = compareResults(current, previous);
    expect(comparison.commonQuestionsOnly).toBe(true);
    expect(comparison.changedQuestions).toEqual([{ question: 'P2.1.1', before: 'yes', after: 'no' }]);
    // Previous: P1 = 100 * 2 / 3, P2 = 50, composite 58.33. Current: P1 = 50, P2 = 33.33, P3 = 100, composite 61.11.
    expect(comparison.domains).toEqual([
      { key: 'P1', score: expect.closeTo(200 / 3, 10), delta: expect.closeTo(50 - 200 / 3, 10) },
      { key: 'P2', score: 50, delta: expect.closeTo(100 / 3 - 50, 10) },
      { key: 'P3', score: null, delta: null },
    ]);
    expect(comparison.compositeDelta).toBeCloseTo((50 + 100 / 3 + 100) / 3 - (200 / 3 + 50) / 2, 10);
  });

  it('gives null deltas when either side is null', () => {
    const previous = run(v1, answersOf({ 'P1.1.1': 'yes' }));
    const current = run(v1, answersOf({ 'P1.1.1': 'yes', 'P2.1.1': 'yes' }));
    const comparison = compareResults(current, previous);
    expect(comparison.compositeDelta).toBeNull();
    expect(comparison.domains).toEqual([
      { key: 'P1', score: 100, delta: 0 },
      { key: 'P2', score: null, delta: null },
    ]);
  });
});

describe('compileFramework', () => {
  const base = () => buildFramework({ domains: [{ subdomains: [{ questions: [{}, {}] }] }] });

  it('refuses frameworks the arithmetic cannot handle, naming the key', () => {
    const duplicate = base();
    duplicate.domains[0]!.subdomains[0]!.questions[1]!.key = 'P1.1.1';
    expect(() => compileFramework(duplicate)).toThrow(/duplicate question key P1\.1\.1/);

    const forward = base();
    forward.domains[0]!.subdomains[0]!.questions[0]!.enableWhen = { question: 'P1.1.2', in: ['yes'] };
    expect(() => compileFramework(forward)).toThrow(/P1\.1\.1 enableWhen refers to P1\.1\.2/);

    const badValue = base();
    badValue.domains[0]!.subdomains[0]!.questions[1]!.enableWhen = { question: 'P1.1.1', in: ['maybe'] };
    expect(() => compileFramework(badValue)).toThrow(/P1\.1\.2 enableWhen expects P1\.1\.1 = maybe/);

    const flat = base();
    Object.assign(flat.domains[0]!.subdomains[0]!.questions[0]!, {
      type: 'number',
      options: undefined,
      number: { unit: 'x', worst: 5, best: 5 },
    });
    expect(() => compileFramework(flat)).toThrow(/number question P1\.1\.1/);

    const zero = base();
    zero.domains[0]!.subdomains[0]!.weight = 0;
    expect(() => compileFramework(zero)).toThrow(/sub-domain P1\.1 has weight 0/);

    const bands = base();
    bands.methodology.bands = [{ key: 'a', label: 'A', min: 10 }];
    expect(() => compileFramework(bands)).toThrow(/band a must start at 0/);
  });
});

describe('roundScore', () => {
  it('rounds to two decimals, half away from zero, for output only', () => {
    expect(roundScore(57.916666666666664)).toBe(57.92);
    expect(roundScore(1.005)).toBe(1.01);
    expect(roundScore(2.675)).toBe(2.68);
    expect(roundScore(-1.005)).toBe(-1.01);
    expect(roundScore(-8.333333333333334)).toBe(-8.33);
    expect(Object.is(roundScore(-0.001), 0)).toBe(true);
    expect(roundScore(100)).toBe(100);
  });
});
