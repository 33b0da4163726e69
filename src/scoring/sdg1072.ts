import { bandPosition } from './aggregate.ts';
import type { CompiledFramework } from './compile.ts';
import type { Sdg1072View } from './types.ts';

/**
 * The 10.7.2 view (DESIGN 3.12, v2): per 10.7.2 domain, which sub-categories are in place (a
 * sub-category is in place when the sub-domain the crosswalk maps to it scores at least
 * `inPlaceMin`), the share of the assessed ones in place, and the category that share falls in
 * (cut-offs from the methodology data). Sub-categories the framework does not measure, or whose
 * sub-domain has no score, are not assessed and do not count either way.
 */
export function sdg1072View(compiled: CompiledFramework, subdomainScores: Float64Array): Sdg1072View | null {
  const spec = compiled.sdg1072;
  if (spec === null) return null;
  const category = (share: number) => {
    const b = bandPosition(spec.categoryMins, share);
    return b < 0 ? null : spec.categoryKeys[b]!;
  };
  let sum = 0;
  const domains = spec.domains.map((domain) => {
    let inPlace = 0;
    let assessed = 0;
    const subcategories = domain.subcategories.map(({ key, subdomain }) => {
      const score = subdomain >= 0 ? subdomainScores[subdomain]! : Number.NaN;
      const known = !Number.isNaN(score);
      if (known) assessed++;
      if (known && score >= spec.inPlaceMin) inPlace++;
      return {
        key,
        subdomain: subdomain >= 0 ? compiled.subdomainKeys[subdomain]! : null,
        score: known ? score : null,
        inPlace: known ? score >= spec.inPlaceMin : null,
      };
    });
    const share = assessed > 0 ? (100 * inPlace) / assessed : Number.NaN;
    sum += share;
    return {
      number: domain.number,
      subcategories,
      inPlace,
      assessed,
      score: !Number.isNaN(share) ? share : null,
      category: category(share),
    };
  });
  const overall = sum / domains.length;
  return {
    inPlaceMin: spec.inPlaceMin,
    domains,
    overall: { score: !Number.isNaN(overall) ? overall : null, category: category(overall) },
  };
}
