/**
 * The official SDG 10.7.2 coding (UN DESA and IOM metadata, March 2021, sections 4.c, 4.f and
 * 4.g; summarised in docs/sdg-10-7-2.md): pure, so the aggregate and its tests share one reading.
 */

// The four official categories, in code order (code 1-4 is what `SG_CPA_MIGRS` publishes), and the
// cut-offs: one table, the engine's, which computes the values in the reports.
import { OFFICIAL_CATEGORIES, officialCategory } from '../scoring/sdg1072.official.ts';

export { OFFICIAL_CATEGORIES };

export type CategoryCode = (typeof OFFICIAL_CATEGORIES)[number]['code'];
export type CategoryKey = (typeof OFFICIAL_CATEGORIES)[number]['key'];

/** Policy domains 1-6; 0 stands for the overall value (SDMX `_T`). */
export const OFFICIAL_DOMAINS = [0, 1, 2, 3, 4, 5, 6] as const;

/** A sub-category answer: yes, no, or (domain 1 only) yes for those with legal status only. */
export type OfficialAnswer = 'yes' | 'yes_legal_status_only' | 'no' | null;

/**
 * The value of one sub-category answer: 1 for yes, 0.5 for the domain-1 answer "only for those
 * with legal immigration status", 0 for no. A missing answer counts 0 (M2021; M2018 left it out).
 */
export function subcategoryValue(answer: OfficialAnswer, domain: number): number {
  if (answer === 'yes') return 1;
  if (answer === 'yes_legal_status_only') {
    if (domain !== 1) throw new RangeError('the 0.5 answer exists in domain 1 only');
    return 0.5;
  }
  return 0;
}

/** Domain value = 100 x sum / 5: the denominator stays 5 whatever is missing. */
export function domainValue(answers: readonly OfficialAnswer[], domain: number): number {
  if (answers.length > 5) throw new RangeError('a domain has five sub-categories');
  return (100 * answers.reduce((sum, a) => sum + subcategoryValue(a, domain), 0)) / 5;
}

/** Overall value = the unweighted mean of the 30 sub-category values = the mean of the six domain values. */
export function overallValue(domainValues: readonly number[]): number {
  if (domainValues.length !== 6) throw new RangeError('six domain values are needed');
  return domainValues.reduce((sum, v) => sum + v, 0) / 6;
}

/**
 * The category of a domain or overall value: under 40 -> 1, 40 to under 80 -> 2, 80 to under
 * 100 -> 3, exactly 100 -> 4. Values are compared at 1e-9 so that a mean such as 100 * 29.5/30
 * computed in floating point lands where its exact value does.
 */
export function categoryOf(value: number): CategoryCode {
  if (!Number.isFinite(value) || value < 0 || value > 100 + 1e-9)
    throw new RangeError(`not a 10.7.2 value: ${value}`);
  return officialCategory(value).code;
}

export const categoryKey = (code: CategoryCode): CategoryKey => OFFICIAL_CATEGORIES[code - 1]!.key;

/** "Meets" or "fully meets": what the headline share (`SG_CPA_MIGRP`) counts. */
export const meetsOrFullyMeets = (code: number): boolean => code >= 3;

/** One row of `validated_sdg1072_official`: domain 0 is the overall value. */
export interface OfficialRow {
  domain: number;
  value: number;
  category: CategoryCode;
}

interface OfficialValue {
  value: unknown;
  category: unknown;
}

const isCode = (code: unknown): code is CategoryCode =>
  typeof code === 'number' && OFFICIAL_CATEGORIES.some((c) => c.code === code);

function rowOf(domain: number, entry: OfficialValue | undefined): OfficialRow | null {
  if (!entry || typeof entry.value !== 'number') return null;
  const category = (entry.category as { code?: unknown } | null)?.code;
  // The report's category is what the government's report shows; a value it does not fit is a
  // broken report, which must not become a published figure.
  if (!isCode(category) || category !== categoryOf(entry.value)) return null;
  return { domain, value: entry.value, category };
}

/**
 * The official values of methodology 3 (framework 2.1.0 on), as the engine gives them
 * (`sdg1072Official`) or as the report does (`sdg1072` with `official: true`): the overall value
 * (domain 0) and domains 1-6. Empty for null, for the unofficial view of 2.0.0 (`official: false`,
 * or a crosswalk view without values) and for anything incomplete, so that only a complete
 * official record is ever counted.
 */
export function officialRows(view: unknown): OfficialRow[] {
  if (typeof view !== 'object' || view === null) return [];
  const given = view as { official?: unknown; domains?: unknown; overall?: unknown };
  if ('official' in given && given.official !== true) return [];
  if (!Array.isArray(given.domains)) return [];
  const domains = given.domains as ({ number?: unknown } & OfficialValue)[];
  const rows = [rowOf(0, given.overall as OfficialValue | undefined)];
  for (const number of [1, 2, 3, 4, 5, 6])
    rows.push(
      rowOf(
        number,
        domains.find((d) => d.number === number),
      ),
    );
  return rows.every((r) => r !== null) ? (rows as OfficialRow[]) : [];
}
