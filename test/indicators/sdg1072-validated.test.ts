import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

/**
 * The official aggregate from assessments validated through the workflow on the published 2.1.0
 * (methodology 3, with the official 10.7.2 instrument), beside one on 2.0.0, which has none.
 */

const V3 = { key: 'migof', version: '2.1.0' };
const V2 = { key: 'migof', version: '2.0.0' };

let ctx: TestContext;
let reviewer: { authorization: string };
const ids: Record<string, string> = {};

async function validate(country: string, framework: typeof V3, level: number) {
  const focal = await ctx.auth({ role: 'focal_point', country, sub: `focal-${country}` });
  const answers = answerSet(migof(framework.version), level);
  ids[country] = (
    await runAssessment(ctx, { focal, reviewer, country, period: '2030', framework, answers })
  ).id;
}

beforeAll(async () => {
  ctx = await createTestApp({ LOG_LEVEL: 'error' });
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
  await validate('KEN', V3, 1);
  await validate('GHA', V3, 0);
  await validate('SEN', V2, 1);
}, 60_000);

describe('the official aggregate from validated 2.1.0 assessments', () => {
  it('counts each country by the categories its validated report shows', async () => {
    const report = async (country: string) =>
      (await ctx.app.inject({ url: `/v1/assessments/${ids[country]}/report`, headers: reviewer })).json()
        .sdg1072;
    const kenya = await report('KEN');
    const ghana = await report('GHA');
    expect(kenya.official).toBe(true);
    const res = await ctx.app.inject({ url: '/v1/indicators/sdg-10-7-2?period=2030', headers: reviewer });
    expect(res.statusCode, res.body).toBe(200);
    const { official } = res.json();
    expect(official.total).toBe(2);
    const expected = [0, 0, 0, 0];
    for (const r of [kenya, ghana]) expected[r.overall.category.code - 1]! += 1;
    // All yes and all no: the two ends of the scale.
    expect(expected).toEqual([1, 0, 0, 1]);
    expect(official.overall.categories.map((c: { count: number }) => c.count)).toEqual(expected);
    for (const n of [1, 2, 3, 4, 5, 6]) {
      const counts = [0, 0, 0, 0];
      for (const r of [kenya, ghana]) counts[r.domains[n - 1].category.code - 1]! += 1;
      expect(
        official.domains[n - 1].categories.map((c: { count: number }) => c.count),
        `domain ${n}`,
      ).toEqual(counts);
    }
    expect(official.excluded).toEqual([
      { reason: 'framework_without_official_instrument', count: 1 },
      { reason: 'superseded_by_later_answers', count: 0 },
    ]);
  });

  it('gives the same categories to the SDG database', async () => {
    const res = await ctx.app.inject({
      url: '/v1/indicators/sdg-10-7-2.sdmx.csv?period=2030',
      headers: reviewer,
    });
    const kenya = (
      await ctx.app.inject({ url: `/v1/assessments/${ids.KEN}/report`, headers: reviewer })
    ).json().sdg1072;
    const rows = parse(res.body, { columns: true }) as Record<string, string>[];
    const values = rows
      .filter((r) => r.SERIES === 'SG_CPA_MIGRS' && r.REF_AREA === '404')
      .map((r) => [r.COMPOSITE_BREAKDOWN, Number(r.OBS_VALUE)]);
    expect(values).toEqual([
      ['_T', kenya.overall.category.code],
      ...kenya.domains.map((d: { number: number; category: { code: number } }) => [
        `PD_${d.number}`,
        d.category.code,
      ]),
    ]);
  });
});
