/** The 10.7.2 aggregate over 10,000 validated assessments of the latest framework, one request at a time over HTTP. */
import type { BenchContext } from '../context.ts';
import { goalBar, median, timings } from '../figures.ts';
import { getOk, log } from '../processes.ts';

export const AGGREGATE_MS = 50;

export async function aggregate(ctx: BenchContext): Promise<void> {
  log('10.7.2 aggregate…');
  const { seeded } = ctx;
  const times: number[] = [];
  let countries = 0;
  for (let i = 0; i < (ctx.quick ? 5 : 20); i++) {
    const reply = await getOk(
      ctx.service.origin,
      `/v1/indicators/sdg-10-7-2?period=${seeded.validatedPeriod}`,
      ctx.admin,
    );
    times.push(reply.ms);
    countries = (JSON.parse(reply.body.toString()) as { total: number }).total;
  }
  const label = `10.7.2 aggregate over ${seeded.validated.toLocaleString('en')} validated ${seeded.frameworkLabel}`;
  timings.push({
    name: `${label}, over HTTP, one at a time`,
    figures: `median ${median(times).toFixed(1)} ms, slowest ${Math.max(...times).toFixed(1)} ms over ${times.length} (${countries} countries counted)`,
  });
  goalBar(`${label} (slowest call)`, Math.max(...times), 'ms', AGGREGATE_MS);
  goalBar(`${label} (median call)`, median(times), 'ms', AGGREGATE_MS);
}
