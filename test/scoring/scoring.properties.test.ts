import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Framework, HMGI_FEATURES, type Question } from '../../src/framework/framework.schema.ts';
import {
  type Aggregation,
  type AnswerInput,
  bandFor,
  compileFramework,
  questionScore,
  type ScoreResult,
  scoreAssessment,
} from '../../src/scoring/scoring.engine.ts';
import { buildFramework, type QuestionSpec } from './framework-builder.ts';

const TOLERANCE = 1e-9;
const MAX_QUESTIONS = 6 * 5 * 4;

// ---- generated frameworks -------------------------------------------------------------------

const questionArb = fc.record({
  type: fc.constantFrom('yes_no', 'yes_partial_no', 'scale', 'number') as fc.Arbitrary<Question['type']>,
  weight: fc.double({ min: 0.1, max: 10, noNaN: true }),
  scaleScores: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 5 }),
  worst: fc.integer({ min: -100, max: 100 }),
  span: fc.integer({ min: 1, max: 100 }),
  lowerIsBetter: fc.boolean(),
  // Resolved against the earlier choice questions once the tree is laid out.
  gate: fc.option(fc.record({ pick: fc.nat(), mask: fc.nat() }), { freq: 4 }),
  hmgi: fc.constantFrom(...HMGI_FEATURES),
  sdgTargets: fc.subarray(['3.c', '5.2', '8.8', '10.7', '10.c', '17.18'], { minLength: 1 }),
});
type GeneratedQuestion = typeof questionArb extends fc.Arbitrary<infer T> ? T : never;

const weightArb = fc.double({ min: 0.1, max: 10, noNaN: true });
const frameworkArb = fc
  .array(
    fc.record({
      weight: weightArb,
      subdomains: fc.array(
        fc.record({ weight: weightArb, questions: fc.array(questionArb, { minLength: 1, maxLength: 4 }) }),
        { minLength: 1, maxLength: 5 },
      ),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((domains) => {
    const earlierChoices: { key: string; values: string[] }[] = [];
    return buildFramework({
      domains: domains.map((domain, d) => ({
        weight: domain.weight,
        subdomains: domain.subdomains.map((subdomain, s) => ({
          weight: subdomain.weight,
          questions: subdomain.questions.map((generated, q) => {
            const spec = questionSpec(generated, earlierChoices);
            if (generated.type !== 'number') {
              const values =
                generated.type === 'scale'
                  ? spec.options!.map((o) => o.value)
                  : generated.type === 'yes_no'
                    ? ['yes', 'no']
                    : ['yes', 'partial', 'no'];
              earlierChoices.push({ key: keyAt(d, s, q), values });
            }
            return spec;
          }),
        })),
      })),
    });
  });

const DOMAIN_ORDER = ['P1', 'P2', 'P3', 'O1', 'O2', 'O3'];
function keyAt(d: number, s: number, q: number): string {
  return `${DOMAIN_ORDER[d]}.${s + 1}.${q + 1}`;
}

function questionSpec(
  generated: GeneratedQuestion,
  earlierChoices: { key: string; values: string[] }[],
): QuestionSpec {
  const spec: QuestionSpec = {
    type: generated.type,
    weight: generated.weight,
    hmgi: generated.hmgi,
    sdgTargets: generated.sdgTargets,
  };
  if (generated.type === 'scale') {
    spec.options = generated.scaleScores.map((score, i) => ({ value: `o${i}`, label: `Level ${i}`, score }));
  }
  if (generated.type === 'number') {
    const best = generated.lowerIsBetter
      ? generated.worst - generated.span
      : generated.worst + generated.span;
    spec.number = { worst: generated.worst, best };
  }
  if (generated.gate && earlierChoices.length > 0) {
    const target = earlierChoices[generated.gate.pick % earlierChoices.length]!;
    const chosen = target.values.filter((_, i) => (generated.gate!.mask >> i) & 1);
    spec.enableWhen = { question: target.key, in: chosen.length > 0 ? chosen : [target.values[0]!] };
  }
  return spec;
}

// ---- generated answers ----------------------------------------------------------------------

const answerArb = fc.record({
  kind: fc.constantFrom('none', 'none', 'value', 'value', 'value', 'value', 'notApplicable', 'junk'),
  pick: fc.nat(),
  number: fc.double({ min: -250, max: 250, noNaN: true }),
});
type GeneratedAnswer = typeof answerArb extends fc.Arbitrary<infer T> ? T : never;
const answersArb = fc.array(answerArb, { minLength: MAX_QUESTIONS, maxLength: MAX_QUESTIONS });

function allQuestions(framework: Framework): Question[] {
  return framework.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions));
}

function toAnswers(framework: Framework, generated: GeneratedAnswer[]): Map<string, AnswerInput> {
  const answers = new Map<string, AnswerInput>();
  allQuestions(framework).forEach((question, i) => {
    const g = generated[i]!;
    if (g.kind === 'none') return;
    if (g.kind === 'notApplicable') answers.set(question.key, { notApplicable: true });
    else if (g.kind === 'junk')
      answers.set(question.key, { value: question.type === 'number' ? Number.NaN : 'bogus' });
    else if (question.type === 'number') answers.set(question.key, { value: g.number });
    else answers.set(question.key, { value: question.options![g.pick % question.options!.length]!.value });
  });
  return answers;
}

const caseArb = fc.tuple(frameworkArb, answersArb).map(([framework, generated]) => ({
  framework,
  answers: toAnswers(framework, generated),
}));

// ---- a deliberately naive reference, written from the rules rather than from the engine --------

interface Reference {
  subdomains: (number | null)[];
  domains: (number | null)[];
  arithmetic: number | null;
  geometric: number | null;
  answered: number;
  enabled: number;
}

/** Methodology 2: a raised question takes its best value (so its follow-ups are re-evaluated) and s = 1. */
function raisedAnswers(framework: Framework, answers: Map<string, AnswerInput>, key: string) {
  const question = allQuestions(framework).find((q) => q.key === key)!;
  const best =
    question.type === 'number'
      ? question.number!.best
      : question.options!.reduce((a, b) => (b.score > a.score ? b : a)).value;
  return new Map(answers).set(key, { value: best });
}

function reference(framework: Framework, given: Map<string, AnswerInput>, raise?: string): Reference {
  const answers = raise === undefined ? given : raisedAnswers(framework, given, raise);
  const enabled = new Map<string, boolean>();
  const mean = (pairs: [number, number][]) =>
    pairs.length === 0
      ? null
      : pairs.reduce((a, [w, x]) => a + w * x, 0) / pairs.reduce((a, [w]) => a + w, 0);
  let answered = 0;
  let enabledCount = 0;
  const subdomains: (number | null)[] = [];
  const domains = framework.domains.map((domain) => {
    const subScores = domain.subdomains.map((subdomain) => {
      const pairs: [number, number][] = [];
      for (const question of subdomain.questions) {
        const when = question.enableWhen;
        const target = when ? answers.get(when.question) : undefined;
        const on =
          !when ||
          (enabled.get(when.question) === true &&
            target?.notApplicable !== true &&
            typeof target?.value === 'string' &&
            when.in.includes(target.value));
        enabled.set(question.key, on);
        if (!on) continue;
        enabledCount++;
        const answer = answers.get(question.key);
        const s = questionScore(question, answer);
        if (answer?.notApplicable === true || s !== null) answered++;
        if (s !== null) pairs.push([question.weight, question.key === raise ? 1 : s]);
      }
      const score = mean(pairs);
      subdomains.push(score === null ? null : 100 * score);
      return score === null ? null : 100 * score;
    });
    return mean(
      domain.subdomains.flatMap((s, i) => (subScores[i] === null ? [] : [[s.weight, subScores[i]!]])),
    );
  });
  const complete = domains.every((d) => d !== null);
  const total = framework.domains.reduce((a, d) => a + d.weight, 0);
  return {
    subdomains,
    domains,
    arithmetic: complete
      ? framework.domains.reduce((a, d, i) => a + (d.weight * domains[i]!) / total, 0)
      : null,
    geometric: complete
      ? framework.domains.reduce((a, d, i) => a * Math.max(domains[i]!, 1) ** (d.weight / total), 1)
      : null,
    answered,
    enabled: enabledCount,
  };
}

// ---- helpers ----------------------------------------------------------------------------------

function run(
  framework: Framework,
  answers: Map<string, AnswerInput>,
  aggregation: Aggregation = 'arithmetic',
) {
  return scoreAssessment(compileFramework(framework), answers, { aggregation, seed: 'property', draws: 200 });
}

function close(actual: number | null, expected: number | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Math.abs(actual - expected) <= TOLERANCE * Math.max(1, Math.abs(expected));
}

/** Every score a result holds, in a fixed order, for before/after comparisons. */
function allScores(result: ScoreResult): (number | null)[] {
  const u = result.composite.uncertainty;
  return [
    result.composite.score,
    ...(u ? [u.p5, u.p50, u.p95] : [null, null, null]),
    ...result.domains.flatMap((d) => [d.score, ...d.subdomains.map((s) => s.score)]),
    ...result.lenses.hmgi.map((l) => l.score),
    ...result.lenses.sdgTargets.map((l) => l.score),
    result.hmgiComposite.score,
  ];
}

function expectAllClose(actual: (number | null)[], expected: (number | null)[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((x, i) => {
    if (!close(x, expected[i]!)) expect.fail(`score #${i}: ${x} differs from ${expected[i]}`);
  });
}

function inRange(x: number | null): boolean {
  return x === null || (x >= 0 && x <= 100);
}

// ---- properties ---------------------------------------------------------------------------------

describe('scoring properties', () => {
  it('agrees with a naive reference at every level; each gain equals a full recompute with that question raised', () => {
    fc.assert(
      fc.property(caseArb, ({ framework, answers }) => {
        const expected = reference(framework, answers);
        const arithmetic = run(framework, answers);
        const geometric = run(framework, answers, 'geometric');
        expect(close(arithmetic.composite.score, expected.arithmetic)).toBe(true);
        expect(close(geometric.composite.score, expected.geometric)).toBe(true);
        expectAllClose(
          arithmetic.domains.map((d) => d.score),
          expected.domains,
        );
        expectAllClose(
          arithmetic.domains.flatMap((d) => d.subdomains.map((s) => s.score)),
          expected.subdomains,
        );
        expect(arithmetic.coverage.answered).toBe(expected.answered);
        expect(arithmetic.coverage.enabled).toBe(expected.enabled);

        const candidates = arithmetic.questions.filter((q) => q.scored && q.score! < 1).map((q) => q.key);
        expect(arithmetic.gaps.map((g) => g.question).sort()).toEqual(candidates.sort());
        for (const gap of arithmetic.gaps) {
          const raised = reference(framework, answers, gap.question).arithmetic;
          const gain = raised === null || expected.arithmetic === null ? null : raised - expected.arithmetic;
          if (!close(gap.potentialGain, gain))
            expect.fail(`gap ${gap.question}: ${gap.potentialGain} vs ${gain}`);
        }
        for (let i = 1; i < arithmetic.gaps.length; i++) {
          const [a, b] = [arithmetic.gaps[i - 1]!.potentialGain, arithmetic.gaps[i]!.potentialGain];
          if (a !== null && b !== null) expect(a).toBeGreaterThanOrEqual(b - TOLERANCE);
        }
      }),
    );
  });

  it('keeps every score in [0, 100], bands consistent, coverage in [0, 1] and uncertainty ordered', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.constantFrom<Aggregation>('arithmetic', 'geometric'),
        ({ framework, answers }, agg) => {
          const result = run(framework, answers, agg);
          const bands = framework.methodology.bands;
          allScores(result).forEach((x, i) => {
            if (!inRange(x)) expect.fail(`score #${i} = ${x} is outside [0, 100]`);
          });
          // A gain can be negative (a follow-up switched on with a low stored answer), never beyond 100.
          for (const gap of result.gaps) {
            if (gap.potentialGain !== null && Math.abs(gap.potentialGain) > 100 + TOLERANCE)
              expect.fail(`gain ${gap.question} = ${gap.potentialGain}`);
          }
          const position = (band: string | null) => bands.findIndex((b) => b.key === band);
          const imbalanced = result.domains
            .filter((d) => d.score !== null && position(result.composite.band) - position(d.band) >= 2)
            .map((d) => d.key);
          expect(result.composite.imbalance).toEqual(result.composite.score === null ? [] : imbalanced);
          for (const q of result.questions) {
            if (q.score !== null && !(q.score >= 0 && q.score <= 1))
              expect.fail(`${q.key} scores ${q.score}`);
          }
          expect(result.composite.band).toBe(bandFor(bands, result.composite.score));
          for (const d of result.domains) {
            expect(d.band).toBe(bandFor(bands, d.score));
            for (const s of d.subdomains) expect(s.band).toBe(bandFor(bands, s.score));
            for (const c of [d.coverage, ...d.subdomains.map((s) => s.coverage)]) {
              expect(c.coverage).toBeGreaterThanOrEqual(0);
              expect(c.coverage).toBeLessThanOrEqual(1);
            }
          }
          expect(result.coverage.coverage).toBeGreaterThanOrEqual(0);
          expect(result.coverage.coverage).toBeLessThanOrEqual(1);
          expect(result.composite.provisional).toBe(result.coverage.coverage < 1);
          const u = result.composite.uncertainty;
          expect(u === null).toBe(result.composite.score === null);
          if (u) {
            expect(u.p5).toBeLessThanOrEqual(u.p50);
            expect(u.p50).toBeLessThanOrEqual(u.p95);
            expect(u.bandStability).toBeGreaterThanOrEqual(0);
            expect(u.bandStability).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('never lowers a sub-domain, domain or composite when one answer improves', () => {
    // Only questions no other question depends on: improving a gate question can switch on
    // follow-up questions that score low, which is the method working as intended.
    fc.assert(
      fc.property(
        caseArb,
        fc.nat(),
        fc.nat(),
        fc.double({ min: 0, max: 300, noNaN: true }),
        (c, which, pick, step) => {
          const { framework, answers } = c;
          const gates = new Set(
            allQuestions(framework).flatMap((q) => (q.enableWhen ? [q.enableWhen.question] : [])),
          );
          const before = run(framework, answers);
          const candidates = before.questions.filter((q) => q.scored && !gates.has(q.key));
          fc.pre(candidates.length > 0);
          const target = candidates[which % candidates.length]!;
          const question = allQuestions(framework).find((q) => q.key === target.key)!;
          const improved = new Map(answers);
          if (question.type === 'number') {
            const direction = Math.sign(question.number!.best - question.number!.worst);
            improved.set(question.key, {
              value: (answers.get(question.key)!.value as number) + direction * step,
            });
          } else {
            const better = question.options!.filter((o) => o.score >= target.score!);
            improved.set(question.key, { value: better[pick % better.length]!.value });
          }
          for (const aggregation of ['arithmetic', 'geometric'] as const) {
            const a = run(framework, answers, aggregation);
            const b = run(framework, improved, aggregation);
            const d = framework.domains.findIndex((x) => x.key === target.domain);
            const s = framework.domains[d]!.subdomains.findIndex((x) => x.key === target.subdomain);
            expect(b.domains[d]!.subdomains[s]!.score!).toBeGreaterThanOrEqual(
              a.domains[d]!.subdomains[s]!.score! - TOLERANCE,
            );
            expect(b.domains[d]!.score!).toBeGreaterThanOrEqual(a.domains[d]!.score! - TOLERANCE);
            if (a.composite.score !== null) {
              expect(b.composite.score!).toBeGreaterThanOrEqual(a.composite.score - TOLERANCE);
            }
          }
        },
      ),
    );
  });

  it('is unchanged when every weight of one level is multiplied by the same constant', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.constantFrom('questions', 'subdomains', 'domains'),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        ({ framework, answers }, level, factor) => {
          const scaled = structuredClone(framework);
          for (const domain of scaled.domains) {
            if (level === 'domains') domain.weight *= factor;
            for (const subdomain of domain.subdomains) {
              if (level === 'subdomains') subdomain.weight *= factor;
              if (level === 'questions') for (const q of subdomain.questions) q.weight *= factor;
            }
          }
          for (const aggregation of ['arithmetic', 'geometric'] as const) {
            expectAllClose(
              allScores(run(scaled, answers, aggregation)),
              allScores(run(framework, answers, aggregation)),
            );
          }
        },
      ),
    );
  });

  it('is unchanged when unanswered questions are marked not applicable', () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.array(fc.boolean(), { minLength: MAX_QUESTIONS, maxLength: MAX_QUESTIONS }),
        (c, marks) => {
          const { framework, answers } = c;
          const marked = new Map(answers);
          allQuestions(framework).forEach((q, i) => {
            if (!answers.has(q.key) && marks[i]) marked.set(q.key, { notApplicable: true });
          });
          for (const aggregation of ['arithmetic', 'geometric'] as const) {
            const a = run(framework, answers, aggregation);
            const b = run(framework, marked, aggregation);
            expect(allScores(b)).toEqual(allScores(a));
            expect(b.gaps).toEqual(a.gaps);
            expect(b.composite.uncertainty).toEqual(a.composite.uncertainty);
          }
        },
      ),
    );
  });

  it('gives identical uncertainty for the same seed', () => {
    fc.assert(
      fc.property(caseArb, fc.string(), ({ framework, answers }, seed) => {
        const compiled = compileFramework(framework);
        const a = scoreAssessment(compiled, answers, { seed, draws: 300 });
        const b = scoreAssessment(compileFramework(framework), answers, { seed, draws: 300 });
        expect(b.composite.uncertainty).toEqual(a.composite.uncertainty);
      }),
    );
  });
});
