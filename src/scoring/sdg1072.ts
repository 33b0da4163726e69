import type { Framework, Sdg1072Mapping } from '../framework/framework.schema.ts';
import { bandPosition } from './bands.ts';
import { checkAscendingFromZero, fail } from './checks.ts';
import type { Sdg1072View } from './types.ts';

/** The 10.7.2 crosswalk compiled: thresholds as arrays, each sub-category with its sub-domain index. */
export interface CompiledSdg1072 {
  readonly inPlaceMin: number;
  readonly categoryMins: Float64Array;
  readonly categoryKeys: readonly string[];
  /** Per 10.7.2 domain: its number and, per sub-category, its key and the sub-domain index or -1. */
  readonly domains: readonly {
    readonly number: number;
    readonly subcategories: readonly { readonly key: string; readonly subdomain: number }[];
  }[];
}

/** Checks the crosswalk (each mapping to a listed sub-category, at most one sub-domain each) and indexes it. */
export function compileSdg1072(
  framework: Framework,
  mappings: (Sdg1072Mapping | undefined)[],
  subdomainKeys: readonly string[],
): CompiledSdg1072 | null {
  const spec = framework.methodology.sdg1072;
  if (spec === undefined) {
    // Methodology 3 reads 10.7.2 from the official instrument; its sub-domain mappings are documentation.
    if (framework.sdg1072 === undefined && mappings.some((m) => m))
      fail('sub-domains map to 10.7.2 but methodology.sdg1072 is missing');
    return null;
  }
  checkAscendingFromZero(spec.categories, 'methodology.sdg1072 category');
  const position = new Map<string, [number, number]>();
  const domains = spec.domains.map((domain, i) => ({
    number: domain.number,
    subcategories: domain.subcategories.map((sub, j) => {
      position.set(`${domain.number}${sub.key}`, [i, j]);
      return { key: sub.key, subdomain: -1 };
    }),
  }));
  mappings.forEach((mapping, s) => {
    if (!mapping) return;
    const at = position.get(`${mapping.domain}${mapping.subcategory}`);
    if (!at)
      fail(
        `sub-domain ${subdomainKeys[s]} maps to unknown 10.7.2 sub-category ${mapping.domain}${mapping.subcategory}`,
      );
    const target = domains[at[0]]!.subcategories[at[1]]!;
    if (target.subdomain >= 0)
      fail(
        `${subdomainKeys[target.subdomain]} and ${subdomainKeys[s]} both map to 10.7.2 ${mapping.domain}${mapping.subcategory}`,
      );
    target.subdomain = s;
  });
  return {
    inPlaceMin: spec.inPlaceMin,
    categoryMins: Float64Array.from(spec.categories, (c) => c.min),
    categoryKeys: spec.categories.map((c) => c.key),
    domains,
  };
}

/**
 * The 10.7.2 view (docs/methodology.md section 11): per 10.7.2 domain, which sub-categories are in place (a
 * sub-category is in place when the sub-domain the crosswalk maps to it scores at least
 * `inPlaceMin`), the share of the assessed ones in place, and the category that share falls in
 * (cut-offs from the methodology data). Sub-categories the framework does not measure, or whose
 * sub-domain has no score, are not assessed and do not count either way.
 */
export function sdg1072View(
  // The fields it reads, not CompiledFramework: compile.ts imports this file, so this one cannot import it back.
  compiled: { readonly sdg1072: CompiledSdg1072 | null; readonly subdomainKeys: readonly string[] },
  subdomainScores: Float64Array,
): Sdg1072View | null {
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
