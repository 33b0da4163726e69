/**
 * GET report (en), GET report?lang=fr and the 304 of a revalidation, each against a bare
 * fastify route in its own process (bench/bare-server.ts) answering the same status, bytes and
 * response headers, copied from a real response of the service at the start. 32 connections;
 * the ratio is the median of the rounds' ratios (five in a full run).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BareRoute, replayable } from '../bare-server.ts';
import { type BenchContext, getJob, interleave } from '../context.ts';
import { failures, ratioBar, type Series, series, timings } from '../figures.ts';
import { get, getOk, type Reply, type Server, startServer, stopServer } from '../processes.ts';

const CONNECTIONS = 32;
export const REPORT_GOAL = 0.95;
export const NOT_MODIFIED_GOAL = 0.8;

/** A captured response as the bare server replays it (its body in a file of the run's directory). */
function route(ctx: BenchContext, name: string, reply: Reply): BareRoute {
  const body = reply.status === 304 ? null : join(ctx.base, `bare-${name}.body`);
  if (body) writeFileSync(body, reply.body);
  return { status: reply.status, headers: replayable(reply.headers), body };
}

/** CPU µs per response of a series' server process. */
const cpuPerResponse = (s: Series) => (s.serverCpu / s.responses) * 1e6;

/**
 * Real responses of the service, captured for the bare server to replay: the report in English
 * and in French, and the 304 of a revalidation with the current ETag.
 */
async function capture(ctx: BenchContext) {
  const { service, admin } = ctx;
  const path = `/v1/assessments/${ctx.seeded.reportId}/report`;
  const en = await getOk(service.origin, path, admin);
  const fr = await getOk(service.origin, `${path}?lang=fr`, admin);
  if (fr.headers['content-language'] !== 'fr') throw new Error('the report did not come in French');
  const etag = String(en.headers.etag ?? '');
  const revalidate = { ...admin, 'if-none-match': etag };
  const notModified = await get(service.origin, path, revalidate);
  if (notModified.status !== 304) throw new Error(`If-None-Match ${etag}: ${notModified.status}, not 304`);
  const routesFile = join(ctx.base, 'bare-routes.json');
  const routes = {
    en: route(ctx, 'en', en),
    fr: route(ctx, 'fr', fr),
    '304': route(ctx, '304', notModified),
  };
  writeFileSync(routesFile, JSON.stringify(routes));
  return { path, en, fr, notModified, revalidate, routesFile };
}

/** Checks the bare routes answer what the service did: the status, the header names and values, the bytes. */
async function sameAsService(bare: Server, captured: Record<string, [Reply, Record<string, string>]>) {
  for (const [name, [reply, headers]] of Object.entries(captured)) {
    const replayed = await get(bare.origin, `/same/${name}`, headers);
    const want = replayable(reply.headers);
    const got = replayable(replayed.headers);
    const differ = [...new Set([...Object.keys(want), ...Object.keys(got)])].filter(
      (h) => String(want[h]) !== String(got[h]),
    );
    if (replayed.status !== reply.status || !replayed.body.equals(reply.body) || differ.length) {
      failures.push(
        `bare route ${name} differs from the service's response: status, body or ${differ.join(', ')}`,
      );
    }
  }
}

export async function reports(ctx: BenchContext): Promise<void> {
  const { service, admin } = ctx;
  const { path, en, fr, notModified, revalidate, routesFile } = await capture(ctx);
  const bare = await startServer(
    'bare',
    ['--import', 'tsx', ...ctx.profile('bare'), 'bench/bare-server.ts', '{port}', routesFile],
    {},
  );
  try {
    await sameAsService(bare, { en: [en, admin], fr: [fr, admin], '304': [notModified, revalidate] });
    const headerCount = Object.keys(replayable(en.headers)).length;
    const pairs = [
      {
        name: `GET report, en (${(en.body.length / 1024).toFixed(1)} KB, ${headerCount} headers)`,
        service: getJob(service, path, admin, CONNECTIONS),
        bare: getJob(bare, '/same/en', admin, CONNECTIONS),
        goal: REPORT_GOAL,
      },
      {
        name: `GET report?lang=fr (${(fr.body.length / 1024).toFixed(1)} KB)`,
        service: getJob(service, `${path}?lang=fr`, admin, CONNECTIONS),
        bare: getJob(bare, '/same/fr', admin, CONNECTIONS),
        goal: REPORT_GOAL,
      },
      {
        name: 'GET report, If-None-Match current: 304',
        service: getJob(service, path, revalidate, CONNECTIONS, 304),
        bare: getJob(bare, '/same/304', revalidate, CONNECTIONS, 304),
        goal: NOT_MODIFIED_GOAL,
      },
    ];
    for (const pair of pairs) {
      const measured = series(pair.name, 'service');
      const limit = series(`${pair.name}: same status, bytes and headers`, 'bare');
      await interleave(ctx, [
        { series: measured, job: pair.service },
        { series: limit, job: pair.bare },
      ]);
      ratioBar(`${pair.name} vs a bare route, same bytes and headers`, measured, limit, pair.goal);
      if (pair.goal === NOT_MODIFIED_GOAL) {
        const own = cpuPerResponse(measured);
        const bareCpu = cpuPerResponse(limit);
        timings.push({
          name: 'what a 304 costs the service: CPU per 304, service vs bare route (token check, revision check, hooks)',
          figures: `${own.toFixed(0)} µs vs ${bareCpu.toFixed(0)} µs: ${(own - bareCpu).toFixed(0)} µs more per request`,
        });
      }
    }
  } finally {
    await stopServer(bare);
  }
}
