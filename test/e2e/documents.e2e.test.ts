import { createHash } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { multipart, samplePdf } from '../documents/samples.ts';
import { signToken, tempDir } from '../helper.ts';
import { type ServerProcess, startServer } from './server-process.ts';

/*
 * What only a real socket and a real process show for uploads (issue 27): an upload's own time
 * policy (a slow one passes the 2 s request deadline, a stalled one is cut), a truncated body, a
 * body past the limit without Content-Length, and kill -9 in the middle of an upload.
 */

const dataDir = tempDir('migov-documents-e2e-');
const env = {
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  REQUEST_TIMEOUT_MS: '2000',
  HEADERS_TIMEOUT_MS: '1500',
  DOCUMENT_IDLE_TIMEOUT_MS: '1500',
  DOCUMENT_MAX_BYTES: String(1024 * 1024),
};
let server: ServerProcess;
let auth: string;
let id: string;

beforeAll(async () => {
  server = await startServer(env);
  auth = `Bearer ${await signToken(testConfig({ DATA_DIR: dataDir }), { role: 'focal_point', country: 'GHA', sub: 'amina' })}`;
  const created = await fetch(`${server.url}/v1/assessments`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({ country: 'GHA', period: '2025' }),
  });
  id = ((await created.json()) as { id: string }).id;
}, 60_000);

afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const staged = () => readdirSync(join(dataDir, 'documents', 'tmp'));
const blobs = () =>
  readdirSync(join(dataDir, 'documents', 'blobs')).flatMap((p) =>
    readdirSync(join(dataDir, 'documents', 'blobs', p)),
  );

/** Waits (up to 10 s) for what the server cleans up after an interrupted upload. */
async function eventually(check: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100 && !check(); i++) await sleep(100);
  return check();
}

async function list(): Promise<{ documents: { id: string; name: string; sha256: string }[] }> {
  const res = await fetch(`${server.url}/v1/assessments/${id}/documents`, {
    headers: { authorization: auth },
  });
  return (await res.json()) as never;
}

/**
 * Sends an upload over a raw socket: the head, then `chunks` with `pauseMs` between them, then
 * `finish` (end the body, half-close the socket, or leave it open). Resolves with what came back.
 */
function rawUpload(options: {
  chunks: Buffer[];
  contentType: string;
  contentLength?: number;
  pauseMs?: number;
  finish?: 'complete' | 'close' | 'stall';
  onSent?: (sent: number) => void;
}): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    let text = '';
    const done = () => resolve({ status: Number(text.split(' ')[1] ?? 0), text });
    const giveUp = setTimeout(() => {
      socket.destroy();
      done();
    }, 20_000);
    socket.on('data', (c) => {
      text += c.toString('utf8');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      done();
    });
    socket.on('connect', async () => {
      const length =
        options.contentLength === undefined
          ? 'transfer-encoding: chunked'
          : `content-length: ${options.contentLength}`;
      socket.write(
        `POST /v1/assessments/${id}/documents HTTP/1.1\r\nhost: x\r\nauthorization: ${auth}\r\n` +
          `content-type: ${options.contentType}\r\n${length}\r\nconnection: close\r\n\r\n`,
      );
      let sent = 0;
      for (const chunk of options.chunks) {
        if (socket.destroyed) return;
        socket.write(
          options.contentLength === undefined
            ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
            : chunk,
        );
        sent += chunk.length;
        options.onSent?.(sent);
        if (options.pauseMs) await sleep(options.pauseMs);
      }
      if (options.finish === 'close') socket.end();
      else if (options.finish !== 'stall' && options.contentLength === undefined) socket.write('0\r\n\r\n');
    });
  });
}

const split = (bytes: Buffer, parts: number) =>
  Array.from({ length: parts }, (_, i) =>
    bytes.subarray(Math.floor((i * bytes.length) / parts), Math.floor(((i + 1) * bytes.length) / parts)),
  );

describe('uploads over real HTTP', () => {
  it('takes an upload as browsers send it (FormData)', async () => {
    const form = new FormData();
    form.append('file', new Blob([samplePdf()], { type: 'application/pdf' }), 'policy.pdf');
    const res = await fetch(`${server.url}/v1/assessments/${id}/documents`, {
      method: 'POST',
      headers: { authorization: auth },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ name: 'policy.pdf', mediaType: 'application/pdf' });
  });

  it('lets a slow upload run past the 2 s request deadline while bytes keep coming', async () => {
    const part = multipart('slow.txt', Buffer.alloc(60_000, 0x61), 'text/plain');
    const res = await rawUpload({
      chunks: split(part.body, 8),
      contentType: part.contentType,
      contentLength: part.body.length,
      pauseMs: 500,
      finish: 'complete',
    });
    expect(res.status, res.text).toBe(201);
  });

  it('cuts a stalled upload (408) and keeps nothing of it', async () => {
    const part = multipart('stalled.txt', Buffer.alloc(60_000, 0x62), 'text/plain');
    const res = await rawUpload({
      chunks: [part.body.subarray(0, 30_000)],
      contentType: part.contentType,
      contentLength: part.body.length,
      finish: 'stall',
    });
    expect(res.status, res.text).toBe(408);
    expect(res.text).toContain('application/problem+json');
    expect(await eventually(() => staged().length === 0)).toBe(true);
    expect((await list()).documents.map((d) => d.name)).not.toContain('stalled.txt');
  });

  it('keeps nothing of a truncated upload', async () => {
    const part = multipart('truncated.txt', Buffer.alloc(60_000, 0x63), 'text/plain');
    await rawUpload({
      chunks: [part.body.subarray(0, 40_000)],
      contentType: part.contentType,
      contentLength: part.body.length,
      finish: 'close',
    });
    expect(await eventually(() => staged().length === 0)).toBe(true);
    expect((await list()).documents.map((d) => d.name)).not.toContain('truncated.txt');
  });

  it('answers 413 as soon as a body without Content-Length crosses the limit', async () => {
    const part = multipart('big.txt', Buffer.alloc(1536 * 1024, 0x64), 'text/plain');
    const res = await rawUpload({
      chunks: split(part.body, 24),
      contentType: part.contentType,
      finish: 'complete',
    });
    expect(res.status, res.text.slice(0, 500)).toBe(413);
    expect(res.text).toContain('"limitBytes":1048576');
    expect(await eventually(() => staged().length === 0)).toBe(true);
  });

  it('leaves a consistent store when the server is killed (-9) in the middle of an upload', async () => {
    const before = await list();
    const part = multipart('killed.txt', Buffer.alloc(500_000, 0x65), 'text/plain');
    let killed = false;
    await rawUpload({
      chunks: split(part.body, 20),
      contentType: part.contentType,
      contentLength: part.body.length,
      pauseMs: 50,
      finish: 'complete',
      onSent: (sent) => {
        if (!killed && sent > 200_000) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      },
    });
    await server.exited;
    // The killed upload left its temporary file (never a blob, never a row)...
    expect(staged()).toHaveLength(1);
    server = await startServer(env);
    // The restart swept what the upload left; every blob is named by a row and reads back whole.
    expect(staged()).toEqual([]);
    const after = await list();
    expect(after.documents.map((d) => d.id)).toEqual(before.documents.map((d) => d.id));
    expect(blobs().sort()).toEqual([...new Set(after.documents.map((d) => d.sha256))].sort());
    for (const document of after.documents) {
      const res = await fetch(`${server.url}/v1/assessments/${id}/documents/${document.id}`, {
        headers: { authorization: auth },
      });
      const sha256 = createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex');
      expect(sha256).toBe(document.sha256);
    }
  }, 60_000);
});
