/**
 * The limits the service's reads are measured against, in a process of their own: bare fastify
 * routes that do no work. `GET /small` sends a small object; `GET /same/<name>` sends, as it is,
 * a body the service sent (a file named in the routes file), with the service's content type.
 * Same fastify, same socket settings as the service (keep-alive, requests per socket, timeouts),
 * no hooks, no plugins.
 *
 *   node --import tsx bench/bare-server.ts <port> <routes.json>   (routes.json: {"name": "file"})
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { configSchema } from '../src/config.ts';

const [port, routesFile] = process.argv.slice(2);
if (!port || !routesFile) throw new Error('usage: bare-server.ts <port> <routes.json>');
const config = configSchema.parse({});
const bodies = JSON.parse(readFileSync(routesFile, 'utf8')) as Record<string, string>;

const app = Fastify({
  logger: false,
  requestTimeout: config.REQUEST_TIMEOUT_MS,
  connectionTimeout: config.CONNECTION_TIMEOUT_MS,
  keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
  maxRequestsPerSocket: config.MAX_REQUESTS_PER_SOCKET,
});
app.get('/small', async () => ({ hello: 'world', ok: true }));
for (const [name, file] of Object.entries(bodies)) {
  const bytes = readFileSync(file);
  const type = name.endsWith('pdf') ? 'application/pdf' : 'application/json; charset=utf-8';
  // An async handler that returns the reply, as the service's report route is.
  app.get(`/same/${name}`, async (_request, reply) => reply.type(type).send(bytes));
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
