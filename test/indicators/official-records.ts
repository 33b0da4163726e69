import { expect } from 'vitest';
import { type CategoryCode, categoryKey } from '../../src/indicators/sdg1072.official.ts';
import type { ScoreResult } from '../../src/scoring/types.ts';
import type { TestContext } from '../helper.ts';

/** A value in each category (what the category alone says about a country's value). */
const VALUE_OF: Record<CategoryCode, number> = { 1: 20, 2: 60, 3: 80, 4: 100 };

/**
 * Records a validated assessment with the given official categories (`[overall, domain 1..6]`)
 * the way the validation step does, through the indicators service's writer, from a result shaped
 * as methodology 3 gives it (`sdg1072Official`). The assessment is opened through the API and its
 * validation recorded directly (its status stays draft, which the indicator tables do not read):
 * this places records in past rounds, at chosen times and with chosen categories, which the
 * workflow (validation stamped now, categories only through 30 answers) cannot.
 * test/indicators/sdg1072-validated.test.ts covers the real validation of 2.1.0 assessments.
 */
export async function recordOfficial(
  ctx: TestContext,
  options: {
    country: string;
    period: string;
    categories: number[];
    validatedAt?: string;
    framework?: { key: string; version: string };
  },
): Promise<string> {
  const { country, period, categories } = options;
  const focal = await ctx.auth({ role: 'focal_point', country, sub: `focal-${country}` });
  const created = await ctx.app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers: focal,
    payload: { country, period, ...(options.framework ? { framework: options.framework } : {}) },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const entry = (code: number) => ({
    value: VALUE_OF[code as CategoryCode],
    category: { code, key: categoryKey(code as CategoryCode) },
  });
  const [overall = 1, ...domains] = categories;
  const result = {
    composite: { score: null, band: null },
    domains: [],
    sdg1072: null,
    sdg1072Official: {
      answered: 30,
      domains: domains.map((code, i) => ({ number: i + 1, ...entry(code), items: [] })),
      overall: entry(overall),
    },
  } as unknown as ScoreResult;
  const { indicators, countries } = ctx.app.services;
  const validatedAt = options.validatedAt ?? new Date().toISOString();
  indicators.recordValidation({ id, country, period, validatedAt }, result, countries.find(country));
  return id;
}
