/**
 * The limit the service's uploads are measured against, in a process of its own: a bare fastify
 * route that streams the request body, as it arrives, to a file on disk and answers 201. Same
 * fastify and socket settings as the service; no multipart parsing, hashing, type check or row.
 *
 *   node --import tsx bench/bare-upload.ts <port> <dir>
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import Fastify from 'fastify';
import { configSchema } from '../src/config.ts';

const [port, dir] = process.argv.slice(2);
if (!port || !dir) throw new Error('usage: bare-upload.ts <port> <dir>');
const config = configSchema.parse({});

const app = Fastify({
  logger: false,
  requestTimeout: 0,
  connectionTimeout: config.CONNECTION_TIMEOUT_MS,
  keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
});
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', (_request, _payload, done) => done(null));
app.get('/healthz', async () => ({ status: 'ok' }));
app.post('/upload', async (request, reply) => {
  const file = join(dir, `${randomUUID()}.bin`);
  await pipeline(request.raw, createWriteStream(file));
  await rm(file, { force: true });
  return reply.code(201).send({ ok: true });
});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
