import type { z } from 'zod';
import type { frameworkInputSchema } from './framework.schema.ts';

type ParsedFramework = z.output<typeof frameworkInputSchema>;

/**
 * The sub-domain -> 10.7.2 sub-category mappings. Methodology 2: the methodology lists the
 * domains, sub-categories and category cut-offs, and each mapping must point at one of them.
 * Methodology 3: the official instrument lists all 30. Either way no two sub-domains map to the
 * same sub-category (one sub-category must rest on one score, not on whichever of two was read).
 */

const mappingsOf = (input: ParsedFramework) =>
  input.domains.flatMap((d) =>
    d.subdomains.flatMap((s) => (s.sdg1072 ? [{ key: s.key, ...s.sdg1072 }] : [])),
  );

/** Each mapping points at a listed sub-category, and no two sub-domains at the same one. */
function checkMappings(
  mapped: ReturnType<typeof mappingsOf>,
  listed: ReadonlySet<string>,
  problems: string[],
) {
  const taken = new Map<string, string>();
  for (const m of mapped) {
    const id = `${m.domain}${m.subcategory}`;
    if (!listed.has(id)) {
      problems.push(
        `${m.key}: sdg1072 ${m.domain}.${m.subcategory} is not a sub-category listed in methodology.sdg1072`,
      );
      continue;
    }
    const other = taken.get(id);
    if (other) problems.push(`${m.key}: sdg1072 ${m.domain}.${m.subcategory} is already mapped to ${other}`);
    else taken.set(id, m.key);
  }
}

/** Methodology 3: the instrument lists all 30 sub-categories, so only uniqueness can fail. */
export function checkSubdomainMappingsUnique(input: ParsedFramework, problems: string[]) {
  const all = new Set(input.sdg1072?.domains.flatMap((d) => d.items.map((i) => i.key.slice(6))) ?? []);
  checkMappings(mappingsOf(input), all, problems);
}

/**
 * The 10.7.2 crosswalk: the methodology lists the domains, sub-categories and category cut-offs,
 * and each sub-domain mapping must point at one of them, no two at the same sub-category (one
 * sub-category in place must rest on one score, not on whichever of two was read).
 */
export function checkSdg1072(input: ParsedFramework, problems: string[]) {
  const sdg = input.methodology.sdg1072;
  const mapped = mappingsOf(input);
  if (!sdg) {
    if (mapped.length)
      problems.push(
        `methodology.sdg1072: required when a sub-domain has an sdg1072 mapping (${mapped[0]?.key})`,
      );
    return;
  }
  const categories = sdg.categories;
  if (categories[0]?.min !== 0) problems.push(`methodology.sdg1072.categories: the first must start at 0`);
  categories.forEach((category, i) => {
    const previous = categories[i - 1];
    if (previous && category.min <= previous.min)
      problems.push(`methodology.sdg1072.categories: ${category.key}: minimums must increase`);
  });
  if (new Set(categories.map((c) => c.key)).size !== categories.length)
    problems.push(`methodology.sdg1072.categories: duplicate key`);

  const listed = new Set<string>();
  for (const domain of sdg.domains) {
    if (listed.has(`${domain.number}`))
      problems.push(`methodology.sdg1072.domains: duplicate domain ${domain.number}`);
    listed.add(`${domain.number}`);
    for (const sub of domain.subcategories) {
      const id = `${domain.number}${sub.key}`;
      if (listed.has(id))
        problems.push(`methodology.sdg1072: duplicate sub-category ${domain.number}.${sub.key}`);
      listed.add(id);
    }
  }
  checkMappings(mappingsOf(input), listed, problems);
}
