/**
 * The limit the service's reads are measured against, in a process of its own: bare fastify
 * routes that do no work. `GET /same/<name>` answers, as they are, the status, the body and the
 * response headers the service sent for a real request (captured by the bench at the start,
 * minus the hop-by-hop headers and Date, which Node writes itself), so the limit sends the same
 * bytes with the same headers. `GET /small` sends a small object (to check the server is up).
 * Same fastify, same socket settings as the service (keep-alive, requests per socket, timeouts),
 * no hooks, no plugins.
 *
 *   node --import tsx bench/bare-server.ts <port> <routes.json>
 *   routes.json: {"name": {"status": 200, "headers": {...}, "body": "file or null"}}
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { configSchema } from '../src/config.ts';

export interface BareRoute {
  status: number;
  headers: Record<string, string | string[]>;
  /** A file holding the body, or null for none (a 304). */
  body: string | null;
}

/** Headers a server does not replay: they belong to the connection, or Node writes them itself. */
const NOT_REPLAYED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'date',
  'content-length',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
]);

/** A captured response's headers as the bare route replays them. */
export function replayable(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !NOT_REPLAYED.has(name.toLowerCase())) kept[name] = value;
  }
  return kept;
}

async function main() {
  const [port, routesFile] = process.argv.slice(2);
  if (!port || !routesFile) throw new Error('usage: bare-server.ts <port> <routes.json>');
  const config = configSchema.parse({});
  const routes = JSON.parse(readFileSync(routesFile, 'utf8')) as Record<string, BareRoute>;
  const app = Fastify({
    logger: false,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: config.CONNECTION_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    maxRequestsPerSocket: config.MAX_REQUESTS_PER_SOCKET,
  });
  app.get('/small', async () => ({ hello: 'world', ok: true }));
  for (const [name, route] of Object.entries(routes)) {
    const bytes = route.body === null ? null : readFileSync(route.body);
    // An async handler that returns the reply, as the service's report route is.
    app.get(`/same/${name}`, async (_request, reply) => {
      reply.code(route.status).headers(route.headers);
      return bytes === null ? reply.send() : reply.send(bytes);
    });
  }
  await app.listen({ port: Number(port), host: '127.0.0.1' });
  process.on('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

if (process.argv[1]?.endsWith('bare-server.ts')) await main();
