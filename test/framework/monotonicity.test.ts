import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrameworkDefinition } from '../../src/framework/framework.loader.ts';
import type { Question } from '../../src/framework/framework.schema.ts';
import { FRAMEWORKS_DIR } from '../../src/paths.ts';
import { type AnswerInput, compileFramework, scoreAssessment } from '../../src/scoring/scoring.engine.ts';

/**
 * The content rule "improving policy never lowers a score" (docs/questionnaire.md), checked over the real 2.0.0 and 2.1.0 files:
 * for every question and every pair of its options, moving to the better option never lowers the
 * sub-domain score. A follow-up the better option newly switches on is answered at its worst; one
 * the lower option switches on (and the better one does not) may hold any answer; one both switch
 * on keeps its answer. The rest of the sub-domain is held at several backgrounds (all worst, all
 * best, and seeded random answers), because a follow-up's effect depends on what surrounds it.
 */

type Value = string | number;
const worstOf = (q: Question): Value =>
  q.type === 'number'
    ? (q.number?.worst ?? 0)
    : ([...(q.options ?? [])].sort((a, b) => a.score - b.score)[0]?.value ?? '');
const bestOf = (q: Question): Value =>
  q.type === 'number'
    ? (q.number?.best ?? 0)
    : ([...(q.options ?? [])].sort((a, b) => b.score - a.score)[0]?.value ?? '');
const valuesOf = (q: Question): Value[] =>
  q.type === 'number' ? [worstOf(q), bestOf(q)] : (q.options ?? []).map((o) => o.value);

/** A small deterministic generator, so that a failure names a background that can be replayed. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function subdomainScore(
  compiled: ReturnType<typeof compileFramework>,
  subdomainKey: string,
  answers: Map<string, Value>,
): number | null {
  const map = new Map<string, AnswerInput>([...answers].map(([k, v]) => [k, { value: v }]));
  const result = scoreAssessment(compiled, map, { seed: 'monotonicity', draws: 1 });
  for (const d of result.domains) {
    const s = d.subdomains.find((x) => x.key === subdomainKey);
    if (s) return s.score;
  }
  throw new Error(`no sub-domain ${subdomainKey}`);
}

describe.each(['migof-2.0.0.json', 'migof-2.1.0.json'])(
  '%s: a better answer never lowers its sub-domain score',
  (file) => {
    const framework = parseFrameworkDefinition(
      JSON.parse(readFileSync(join(FRAMEWORKS_DIR, file), 'utf8')),
      file,
    );
    const compiled = compileFramework(framework);
    const cases = framework.domains.flatMap((d) =>
      d.subdomains.flatMap((s) =>
        s.questions.filter((q) => q.options).map((q) => [q.key, s.key, q, s] as const),
      ),
    );

    it.each(cases)('%s (sub-domain %s)', (_key, subdomainKey, question, subdomain) => {
      const followUps = subdomain.questions.filter((f) => f.enableWhen?.question === question.key);
      const others = subdomain.questions.filter((o) => o !== question && !followUps.includes(o));
      const random = seeded([...question.key].reduce((a, c) => a * 31 + c.charCodeAt(0), 7));
      const backgrounds: Map<string, Value>[] = [
        new Map(others.map((o) => [o.key, worstOf(o)])),
        new Map(others.map((o) => [o.key, bestOf(o)])),
        ...Array.from({ length: 6 }, () => {
          return new Map(
            others.map((o) => {
              const values = valuesOf(o);
              return [o.key, values[Math.floor(random() * values.length)] as Value];
            }),
          );
        }),
      ];
      const options = question.options ?? [];
      const failures: string[] = [];
      for (const lower of options) {
        for (const better of options) {
          if (better.score <= lower.score) continue;
          const onLower = followUps.filter((f) => f.enableWhen?.in.includes(lower.value));
          const onBetter = followUps.filter((f) => f.enableWhen?.in.includes(better.value));
          // Every combination of answers to the follow-ups the lower option switches on.
          let combos: Map<string, Value>[] = [new Map()];
          for (const f of onLower) {
            combos = combos.flatMap((c) => valuesOf(f).map((v) => new Map([...c, [f.key, v]])));
          }
          for (const background of backgrounds) {
            for (const combo of combos) {
              const before = new Map([...background, ...combo, [question.key, lower.value]]);
              const after = new Map([...background, [question.key, better.value] as [string, Value]]);
              for (const f of onBetter) after.set(f.key, combo.get(f.key) ?? worstOf(f));
              const a = subdomainScore(compiled, subdomainKey, before);
              const b = subdomainScore(compiled, subdomainKey, after);
              if (a !== null && b !== null && b < a - 1e-9) {
                failures.push(
                  `${lower.value} -> ${better.value}: ${a.toFixed(2)} -> ${b.toFixed(2)} with ${JSON.stringify([...after])}`,
                );
              }
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });
  },
);
