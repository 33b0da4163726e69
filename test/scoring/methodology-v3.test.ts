import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameworkDefinitionError, parseFrameworkDefinition } from '../../src/framework/framework.loader.ts';
import { localizeOfficial, officialSection } from '../../src/reports/report.sdg1072.ts';
import {
  type AnswerInput,
  bandFor,
  compileFramework,
  roundScore,
  scoreAssessment,
} from '../../src/scoring/scoring.engine.ts';
import { officialCategory, officialDomainValue } from '../../src/scoring/sdg1072.official.ts';
import { ITEM_KEYS, LETTERS, v3Definition, v3Framework } from '../fixtures/v3-framework.ts';
import { DEFAULT_BANDS } from './framework-builder.ts';

/** Methodology 3 (issue 24): the official 10.7.2 rule, the crosswalk's suggestions, bands as displayed. */

const answers = (entries: Record<string, string | number | AnswerInput>) =>
  new Map<string, AnswerInput>(
    Object.entries(entries).map(([k, v]) => [k, typeof v === 'object' ? v : { value: v }]),
  );
const compiled = compileFramework(v3Framework());
/** Every MiGOF question answered at its first option (or the best number). */
const fullMigof = Object.fromEntries(
  compiled.questions
    .slice(0, compiled.migofCount)
    .filter((q) => !q.enableWhen)
    .map((q) => [q.key, q.options?.[1]?.value ?? q.options?.[0]?.value ?? q.number?.best ?? 0]),
);

describe('the official coding table (metadata March 2021, 4.c and 4.f)', () => {
  it('five yes/no answers: 0-1 yes is category 1, 2-3 is 2, 4 is 3, 5 is 4', () => {
    const expected = [1, 1, 2, 2, 3, 4];
    for (let yes = 0; yes <= 5; yes++) {
      const values = [...Array(5)].map((_, i) => (i < yes ? 1 : 0));
      expect(officialCategory(officialDomainValue(values)).code, `${yes} yes`).toBe(expected[yes]);
    }
  });
  it('cut-offs at 40, 80 and exactly 100', () => {
    expect(officialCategory(39.99).code).toBe(1);
    expect(officialCategory(40).code).toBe(2);
    expect(officialCategory(79.99).code).toBe(2);
    expect(officialCategory(80).code).toBe(3);
    expect(officialCategory(99.99).code).toBe(3);
    expect(officialCategory(100)).toEqual({ code: 4, key: 'fully_meets' });
  });
  it('any mix of 1 / 0.5 / 0: the value is 100 x sum / 5 and the category follows the cut-offs', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0.5, 1), { minLength: 5, maxLength: 5 }), (values) => {
        const value = officialDomainValue(values);
        expect(value).toBeCloseTo((100 * values.reduce((a: number, b) => a + b, 0)) / 5, 10);
        const code = officialCategory(value).code;
        expect(code).toBe(value < 40 ? 1 : value < 80 ? 2 : value < 100 ? 3 : 4);
      }),
    );
  });

  it('the engine: domain 1 halves, missing answers count 0, overall is the mean of the 30', () => {
    const direct: Record<string, string> = {};
    // Domain 1: a and b "yes, regardless", c to e "legal status only" -> 2 + 1.5 = 3.5 -> 70.
    for (const l of LETTERS) direct[`S1072.1${l}`] = l === 'a' || l === 'b' ? 'yes_all' : 'yes_legal';
    // Domain 2: four yes, one no -> 80 (category 3). Domain 3: all yes -> 100 (4).
    for (const l of LETTERS) direct[`S1072.2${l}`] = l === 'e' ? 'no' : 'yes';
    for (const l of LETTERS) direct[`S1072.3${l}`] = 'yes';
    // Domain 4: two yes, the rest unanswered -> 40 (2). Domains 5 and 6: unanswered -> 0 (1).
    direct['S1072.4a'] = 'yes';
    direct['S1072.4b'] = 'yes';
    const view = scoreAssessment(compiled, answers(direct), { seed: 'x', draws: 10 }).sdg1072Official!;
    expect(view.domains.map((d) => d.value)).toEqual([70, 80, 100, 40, 0, 0]);
    expect(view.domains.map((d) => d.category.code)).toEqual([2, 3, 4, 2, 1, 1]);
    expect(view.answered).toBe(17);
    expect(view.overall.value).toBeCloseTo((3.5 + 4 + 5 + 2) / 0.3, 10);
    expect(view.overall.category.code).toBe(2);
    expect(view.domains[3]!.items[2]).toMatchObject({ key: 'S1072.4c', answer: null, value: 0 });
  });
});

describe('the report section', () => {
  it('names the official categories, and reads the same numbers in French', () => {
    const framework = v3Framework();
    const questions = new Map(compileFramework(framework).questions.map((q) => [q.key, q]));
    const direct = Object.fromEntries(
      ITEM_KEYS.map((k) => [k, k.startsWith('S1072.1') ? 'yes_legal' : 'yes']),
    );
    const view = scoreAssessment(compiled, answers(direct), { seed: 'x', draws: 10 }).sdg1072Official;
    const en = officialSection(framework, questions, view)!;
    expect(en.domains[0]).toMatchObject({ value: 50, category: { code: 2, label: 'Partially meets' } });
    expect(en.overall).toEqual({ value: 91.67, category: { code: 3, key: 'meets', label: 'Meets' } });
    expect(en.domains[0]!.items[0]!.answerLabel).toBe('Yes, only for those with legal immigration status');
    const fr = localizeOfficial(en, framework, questions, 'fr');
    expect(fr.domains[0]!.category.label).toBe('Satisfait en partie');
    expect(fr.overall.value).toBe(en.overall.value);
    expect(fr.domains[1]!.items[0]!.suggestionLabel).toBe('Indéterminé');
  });
});

describe('the 10.7.2 items sit outside the MiGOF scores', () => {
  it('answering them changes no composite, gap or lens, but counts for coverage', () => {
    const migofOnly = scoreAssessment(compiled, answers(fullMigof), { seed: 'a', draws: 50 });
    const items = Object.fromEntries(ITEM_KEYS.map((k) => [k, k.startsWith('S1072.1') ? 'yes_all' : 'yes']));
    const both = scoreAssessment(compiled, answers({ ...fullMigof, ...items }), { seed: 'a', draws: 50 });
    expect(both.composite.score).toBe(migofOnly.composite.score);
    expect(both.domains).toEqual(migofOnly.domains);
    expect(both.lenses).toEqual(migofOnly.lenses);
    expect(both.gaps).toEqual(migofOnly.gaps);
    expect(both.gaps.some((g) => g.question.startsWith('S1072'))).toBe(false);
    expect(migofOnly.composite.provisional).toBe(true);
    expect(both.coverage.enabled - migofOnly.coverage.enabled).toBe(0);
    expect(both.coverage.answered - migofOnly.coverage.answered).toBe(30);
    expect(both.questions.filter((q) => q.domain === 'S1072')).toHaveLength(30);
  });
});

describe('the crosswalk suggests, warns, and never changes an answer', () => {
  const withLinks = compileFramework(
    v3Framework({
      'S1072.1a': [{ question: 'P1.2.1', suggests: { same_as_nationals: 'yes_all', none: 'no' } }],
      'S1072.2a': [
        { question: 'P2.1.1', suggests: { yes: 'yes', no: 'no' } },
        { question: 'P2.2.1', suggests: { yes: 'yes', no: 'no' } },
      ],
    }),
  );
  const item = (a: Record<string, string | AnswerInput>, key: string) =>
    scoreAssessment(withLinks, answers(a), { seed: 's', draws: 10 })
      .sdg1072Official!.domains.flatMap((d) => d.items)
      .find((i) => i.key === key)!;

  it('one clear signal gives a suggestion; a disagreeing direct answer is flagged, and kept', () => {
    const i = item({ 'P1.2.1': 'none', 'S1072.1a': 'yes_all' }, 'S1072.1a');
    expect(i).toMatchObject({ answer: 'yes_all', value: 1, suggestion: 'no', disagrees: true });
    expect(item({ 'P1.2.1': 'none', 'S1072.1a': 'no' }, 'S1072.1a').disagrees).toBe(false);
  });
  it('values not listed, not applicable and no answer give no signal: "unclear"', () => {
    expect(item({ 'P1.2.1': 'essential', 'S1072.1a': 'no' }, 'S1072.1a')).toMatchObject({
      suggestion: 'unclear',
      disagrees: false,
    });
    expect(item({ 'S1072.1a': 'no' }, 'S1072.1a').suggestion).toBe('unclear');
  });
  it('signals that differ give "unclear"; signals that agree give their answer', () => {
    expect(item({ 'P2.1.1': 'yes', 'P2.2.1': 'no' }, 'S1072.2a').suggestion).toBe('unclear');
    expect(item({ 'P2.1.1': 'yes', 'P2.2.1': 'yes' }, 'S1072.2a').suggestion).toBe('yes');
    expect(item({ 'P2.1.1': 'yes' }, 'S1072.2a').suggestion).toBe('yes');
  });
});

describe('bands are taken from the score as displayed', () => {
  it('every two-decimal score gets the band its displayed value falls in', () => {
    const mins = DEFAULT_BANDS.map((b) => b.min);
    for (let hundredths = 0; hundredths <= 10_000; hundredths++) {
      const x = hundredths / 100;
      const expected = DEFAULT_BANDS[mins.filter((m) => m <= x).length - 1]!.key;
      expect(bandFor(DEFAULT_BANDS, x)).toBe(expected);
    }
  });
  it('any raw score is banded as the number a reader sees', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (raw) => {
        expect(bandFor(DEFAULT_BANDS, raw)).toBe(bandFor(DEFAULT_BANDS, roundScore(raw)));
      }),
    );
    expect(bandFor(DEFAULT_BANDS, 39.996)).toBe('partially_meets');
  });
});

describe('methodology 3 sensitivity also shifts option scores', () => {
  const noSpread = compileFramework(v3Framework({}, 0));
  it('is deterministic, and differs from weights-only draws when intermediate options are chosen', () => {
    const a = answers(fullMigof);
    const one = scoreAssessment(compiled, a, { seed: 'z', draws: 400 }).composite.uncertainty;
    const again = scoreAssessment(compiled, a, { seed: 'z', draws: 400 }).composite.uncertainty;
    const weightsOnly = scoreAssessment(noSpread, a, { seed: 'z', draws: 400 }).composite.uncertainty;
    expect(one).toEqual(again);
    expect(one).not.toEqual(weightsOnly);
  });
  it('changes nothing when every chosen option scores 0 or 1', () => {
    const extremes = Object.fromEntries(
      compiled.questions
        .slice(0, compiled.migofCount)
        .filter((q) => !q.enableWhen)
        .map((q) => [q.key, q.options?.[0]?.value ?? q.number?.best ?? 0]),
    );
    const a = answers(extremes);
    expect(scoreAssessment(compiled, a, { seed: 'z', draws: 300 }).composite.uncertainty).toEqual(
      scoreAssessment(noSpread, a, { seed: 'z', draws: 300 }).composite.uncertainty,
    );
  });
});

describe('the loader checks the instrument', () => {
  const refuse = (edit: (d: ReturnType<typeof v3Definition>) => void, message: RegExp) => {
    const d = v3Definition();
    edit(d);
    expect(() => parseFrameworkDefinition(d, 'x')).toThrow(FrameworkDefinitionError);
    try {
      parseFrameworkDefinition(d, 'x');
    } catch (e) {
      expect((e as FrameworkDefinitionError).problems.join('\n')).toMatch(message);
    }
  };
  it('refuses items out of order, the wrong domain 1 values, and crosswalks to nothing', () => {
    refuse((d) => {
      d.sdg1072.domains[2].items[0].key = 'S1072.3b';
    }, /S1072\.3b: expected S1072\.3a/);
    refuse((d) => {
      d.sdg1072.domains[0].items[0].options[1].score = 0.4;
    }, /S1072\.1a: option yes_legal must score 0\.5/);
    refuse((d) => {
      d.sdg1072.domains[1].items[0].crosswalk = [{ question: 'P9.9.9', suggests: { yes: 'yes' } }];
    }, /crosswalk/);
    refuse((d) => {
      d.sdg1072.domains[1].items[0].crosswalk = [{ question: 'P2.1.1', suggests: { maybe: 'yes' } }];
    }, /"maybe" is not an option of P2\.1\.1/);
    refuse((d) => {
      d.sdg1072.domains[1].items[0].crosswalk = [{ question: 'P2.1.1', suggests: { yes: 'yes_all' } }];
    }, /not an answer of domain 2/);
    refuse((d) => {
      delete d.sdg1072;
    }, /required from methodology version 3/);
  });
});
