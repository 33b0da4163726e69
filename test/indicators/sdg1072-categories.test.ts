import { beforeAll, describe, expect, it } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

/** The 10.7.2 count by category (methodology 2) beside the count by MiGOF band. */

let ctx: TestContext;
let reviewer: { authorization: string };
const second = migof('2.0.0');

beforeAll(async () => {
  ctx = await createTestApp();
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
});

async function validated(country: string, version: string, level: number) {
  const focal = await ctx.auth({ role: 'focal_point', country, sub: `focal-${country}` });
  const answers = answerSet(version === '2.0.0' ? second : migof(), level);
  const framework = { key: 'migof', version };
  return (await runAssessment(ctx, { focal, reviewer, country, period: '2026', framework, answers })).id;
}

describe('GET /v1/indicators/sdg-10-7-2: 10.7.2 categories', () => {
  beforeAll(async () => {
    await validated('GHA', '2.0.0', 1);
    await validated('SEN', '2.0.0', 0);
    await validated('KEN', '1.0.0', 1);
  });

  it('counts 2.0.0 assessments by the category their 10.7.2 view gives, beside the MiGOF bands', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2026',
      headers: reviewer,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(3);
    const { overall, domains } = body.sdg1072Categories;
    // Only the two 2.0.0 assessments carry the crosswalk.
    expect(overall.total).toBe(2);
    const count = (key: string) => overall.bands.find((b: { key: string }) => b.key === key).count;
    expect(count('fully_meets')).toBe(1);
    expect(count('requires_further_progress')).toBe(1);
    expect(overall.meetsOrFullyMeets).toEqual({ count: 1, proportion: 0.5 });
    expect(domains.map((d: { number: number }) => d.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(domains.every((d: { total: number }) => d.total === 2)).toBe(true);
  });

  it('gives the categories in the report of each 2.0.0 assessment too', async () => {
    const id = await validated('NGA', '2.0.0', 1);
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/report`,
      headers: reviewer,
    });
    const { sdg1072 } = res.json();
    expect(sdg1072.domains).toHaveLength(6);
    expect(sdg1072.overall.category).toBe('fully_meets');
    expect(sdg1072.domains[0].subcategories[0]).toMatchObject({ key: 'a', inPlace: true });
    expect(sdg1072.domains[0].subcategories[0].label.length).toBeGreaterThan(10);
  });

  it('lists the 10.7.2 rows in the CSV', async () => {
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2026',
      headers: { ...reviewer, accept: 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain(',sdg1072,');
    expect(res.body).toContain(',sdg1072.6,');
  });
});
