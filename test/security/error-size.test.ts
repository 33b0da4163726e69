/**
 * A refusal stays small whatever the body: a body with 60,000 unknown keys used to get a 700 KB
 * problem listing every one of them back. Now the first keys are named, and the others counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';

let ctx: TestContext;
let admin: { authorization: string };
beforeAll(async () => {
  ctx = await createTestApp();
  admin = await ctx.auth({ role: 'admin' });
});

describe('a problem about many fields', () => {
  it('names the first 20 of 60,000 unknown keys and counts the rest', async () => {
    const body: Record<string, unknown> = { country: 'KEN', period: '2030' };
    for (let i = 0; i < 60_000; i++) body[`k${i}`] = 1;
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: admin,
      payload: body,
    });
    const problem = expectProblem(res, 400);
    expect(res.rawPayload.length).toBeLessThan(4_000);
    const errors = problem.errors as { path: string; message: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('body');
    expect(errors[0]?.message).toContain('60,000 unknown keys');
    expect(errors[0]?.message).toContain('"k0", "k1"');
    expect(errors[0]?.message).toContain('"k19"');
    expect(errors[0]?.message).not.toContain('"k20"');
    expect(errors[0]?.message).toContain('59,980 more');
  });

  it('cuts a long unknown key', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: admin,
      payload: { country: 'KEN', period: '2030', ['x'.repeat(50_000)]: 1 },
    });
    const problem = expectProblem(res, 400);
    expect(res.rawPayload.length).toBeLessThan(2_000);
    expect((problem.errors as { message: string }[])[0]?.message).toMatch(/unknown key: "x{40}…"/);
  });

  it('lists 20 field errors and counts the others', async () => {
    const answers = Array.from({ length: 300 }, () => ({ question: 'P1.1.1', value: 'yes', extra: 1 }));
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${'0'.repeat(8)}-0000-7000-8000-${'0'.repeat(12)}/answers`,
      headers: admin,
      payload: { answers },
    });
    const problem = expectProblem(res, 400);
    expect(problem.errors).toHaveLength(20);
    expect(problem.errorsOmitted).toBe(280);
    expect(problem.detail).toMatch(/300/);
  });
});
