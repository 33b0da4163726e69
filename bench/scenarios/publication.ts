/**
 * Publication's reads (issue 28): a published profile's JSON (`GET /v1/public/profiles/{iso3}/
 * {period}`, no token) and its portal page, and the 304 of each revalidation, against a bare
 * fastify route in its own process (bench/bare-server.ts) answering the same status, bytes and
 * headers, copied from real responses of the service. The profile is published through the API
 * first (validate, the government's approval, publication).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BareRoute, replayable } from '../bare-server.ts';
import { type BenchContext, getJob, interleave } from '../context.ts';
import { ratioBar, series } from '../figures.ts';
import { get, getOk, type Reply, startServer, stopServer } from '../processes.ts';

const CONNECTIONS = 32;
const PERIOD = '2099';

async function post(ctx: BenchContext, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${ctx.service.origin}${path}`, {
    method: path.endsWith('/answers') ? 'PUT' : 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return String(res.headers.get('etag'));
}

/** A validated KEN assessment of its own period, approved and published through the API. */
async function publish(ctx: BenchContext): Promise<void> {
  const focal = { authorization: `Bearer ${ctx.focalToken}` };
  const created = await fetch(`${ctx.service.origin}/v1/assessments`, {
    method: 'POST',
    headers: { ...ctx.admin, 'content-type': 'application/json' },
    body: JSON.stringify({ country: 'KEN', period: PERIOD }),
  });
  const { id } = (await created.json()) as { id: string };
  let etag = await post(ctx, `/v1/assessments/${id}/answers`, ctx.admin, { answers: ctx.seeded.answers });
  etag = await post(ctx, `/v1/assessments/${id}/submit`, { ...ctx.admin, 'if-match': etag });
  etag = await post(ctx, `/v1/assessments/${id}/validate`, { ...ctx.admin, 'if-match': etag });
  etag = await post(
    ctx,
    `/v1/assessments/${id}/approve`,
    { ...focal, 'if-match': etag },
    { authority: 'Cabinet' },
  );
  await post(ctx, `/v1/assessments/${id}/publish`, { ...ctx.admin, 'if-match': etag });
}

function route(ctx: BenchContext, name: string, reply: Reply): BareRoute {
  const body = reply.status === 304 ? null : join(ctx.base, `bare-publication-${name}.body`);
  if (body) writeFileSync(body, reply.body);
  return { status: reply.status, headers: replayable(reply.headers), body };
}

export async function publication(ctx: BenchContext): Promise<void> {
  await publish(ctx);
  const paths = { json: `/v1/public/profiles/KEN/${PERIOD}`, page: `/profiles/KEN/${PERIOD}` };
  const routes: Record<string, BareRoute> = {};
  const revalidate: Record<string, Record<string, string>> = {};
  for (const [name, path] of Object.entries(paths)) {
    const ok = await getOk(ctx.service.origin, path, {});
    revalidate[name] = { 'if-none-match': String(ok.headers.etag ?? '') };
    const again = await get(ctx.service.origin, path, revalidate[name]!);
    if (again.status !== 304) throw new Error(`${path} with If-None-Match: ${again.status}, not 304`);
    routes[name] = route(ctx, name, ok);
    routes[`${name}-304`] = route(ctx, `${name}-304`, again);
  }
  const routesFile = join(ctx.base, 'bare-publication-routes.json');
  writeFileSync(routesFile, JSON.stringify(routes));
  const bare = await startServer(
    'bare',
    ['--import', 'tsx', 'bench/bare-server.ts', '{port}', routesFile],
    {},
  );
  try {
    for (const [name, path] of Object.entries(paths)) {
      const what = name === 'json' ? 'GET public profile (JSON, no token)' : 'GET portal profile page';
      for (const [suffix, headers, status, goal] of [
        ['', {}, 200, 0.95],
        ['-304', revalidate[name]!, 304, 0.8],
      ] as const) {
        const label = status === 304 ? `${what}, If-None-Match: 304` : what;
        const measured = series(label, 'service');
        const limit = series(`${label}: same status, bytes and headers`, 'bare');
        await interleave(ctx, [
          { series: measured, job: getJob(ctx.service, path, headers, CONNECTIONS, status) },
          { series: limit, job: getJob(bare, `/same/${name}${suffix}`, headers, CONNECTIONS, status) },
        ]);
        ratioBar(`${label} vs a bare route, same bytes and headers`, measured, limit, goal);
      }
    }
  } finally {
    await stopServer(bare);
  }
}
