import { HMGI_FEATURES } from '../framework/framework.schema.ts';
import { bandKey, clampScore } from './aggregate.ts';
import type { CompiledFramework } from './compile.ts';
import { FLAG_SCORED, type Resolution } from './resolve.ts';
import type { LensResult, ScoreResult } from './types.ts';

/**
 * Lenses (docs/methodology.md section 9): the weighted mean of the scored questions tagged with each HMG-I feature
 * and each SDG target; and the HMG-I composite (3.13), the equal-weight mean of the five feature
 * scores, so the 2015 proposal's reading of the index stands beside MiGOF's.
 */
export function lenses(
  compiled: CompiledFramework,
  resolution: Resolution,
): { lenses: ScoreResult['lenses']; hmgiComposite: ScoreResult['hmgiComposite'] } {
  const nh = HMGI_FEATURES.length;
  const nt = compiled.sdgTargets.length;
  // One accumulator array: [num, den, count] per HMG-I feature, then per SDG target.
  const acc = new Float64Array(3 * (nh + nt));
  const add = (slot: number, w: number, score: number) => {
    acc[3 * slot] = acc[3 * slot]! + w * score;
    acc[3 * slot + 1] = acc[3 * slot + 1]! + w;
    acc[3 * slot + 2] = acc[3 * slot + 2]! + 1;
  };
  const { flags, scores } = resolution;
  const { questionWeight, questionHmgi, sdgStart, sdgOfQuestion } = compiled;
  // MiGOF questions only: the 10.7.2 items (from migofCount on) are outside the lenses.
  for (let q = 0; q < compiled.migofCount; q++) {
    if ((flags[q]! & FLAG_SCORED) === 0) continue;
    add(questionHmgi[q]!, questionWeight[q]!, scores[q]!);
    for (let k = sdgStart[q]!; k < sdgStart[q + 1]!; k++)
      add(nh + sdgOfQuestion[k]!, questionWeight[q]!, scores[q]!);
  }
  const lens = (key: string, slot: number): LensResult => ({
    key,
    score: acc[3 * slot + 1]! > 0 ? clampScore((100 * acc[3 * slot]!) / acc[3 * slot + 1]!) : null,
    questions: acc[3 * slot + 2]!,
  });
  const hmgi = HMGI_FEATURES.map((feature, h) => lens(feature, h));
  let sum = 0;
  for (const feature of hmgi) sum += feature.score ?? Number.NaN;
  const composite = clampScore(sum / nh);
  return {
    lenses: { hmgi, sdgTargets: compiled.sdgTargets.map((target, t) => lens(target, nh + t)) },
    hmgiComposite: { score: !Number.isNaN(composite) ? composite : null, band: bandKey(compiled, composite) },
  };
}
