import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { signToken, tempDir } from '../helper.ts';
import { type ServerProcess, startServer } from './server-process.ts';

/*
 * What only a real socket shows (issue 19, items 2 and 8): deadlines on slow clients, and the
 * answers Node's HTTP parser gives before fastify sees a request.
 */

const dataDir = tempDir('migov-protocol-');
const REQUEST_TIMEOUT_MS = 2000;
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    HEADERS_TIMEOUT_MS: '1500',
  });
}, 60_000);

afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface RawAnswer {
  /** Everything the server sent before it closed the connection (or the test gave up). */
  text: string;
  /** Milliseconds from the first byte sent to the close. */
  closedAfterMs: number | null;
}

/** Opens a socket, lets `drive` write to it, and collects what comes back until it closes. */
function raw(drive: (socket: Socket) => void, giveUpMs = 15_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    const started = Date.now();
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closedAfterMs: null });
    }, giveUpMs);
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closedAfterMs: Date.now() - started });
    });
    socket.on('connect', () => drive(socket));
  });
}

function parse(text: string) {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

function expectSecureProblem(text: string, status: number) {
  const answer = parse(text);
  expect(answer.status, text).toBe(status);
  expect(answer.headers['content-type'], text).toMatch(/^application\/problem\+json/);
  expect(answer.headers['x-content-type-options'], text).toBe('nosniff');
  expect(answer.headers['content-security-policy'], text).toMatch(/default-src 'none'/);
  const body = JSON.parse(answer.body) as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:migov:problem:/) });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(typeof body.instance).toBe('string');
  return body;
}

describe('deadlines on slow clients', () => {
  it('answers 408 problem+json and closes a connection whose body trickles in past REQUEST_TIMEOUT_MS', async () => {
    const token = await signToken(testConfig({ DATA_DIR: dataDir }), { role: 'admin' });
    let timer: NodeJS.Timeout | undefined;
    const answer = await raw((socket) => {
      socket.write(
        'POST /v1/assessments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
          `Authorization: Bearer ${token}\r\nContent-Length: 200\r\n\r\n{`,
      );
      // One byte every 300 ms: never idle long enough for an idle timeout, never finished.
      timer = setInterval(() => socket.writable && socket.write(' '), 300);
    });
    clearInterval(timer);
    expect(answer.closedAfterMs, answer.text).not.toBeNull();
    // The deadline, plus Node's check interval (a quarter of the shorter deadline) and slack.
    expect(answer.closedAfterMs as number).toBeLessThan(REQUEST_TIMEOUT_MS + 3000);
    expectSecureProblem(answer.text, 408);
  }, 20_000);

  it('closes a connection whose headers never finish, without a token', async () => {
    let timer: NodeJS.Timeout | undefined;
    const answer = await raw((socket) => {
      socket.write('GET /v1/me HTTP/1.1\r\nHost: x\r\n');
      timer = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 300);
    });
    clearInterval(timer);
    expect(answer.closedAfterMs, answer.text).not.toBeNull();
    expect(answer.closedAfterMs as number).toBeLessThan(REQUEST_TIMEOUT_MS + 3000);
    expectSecureProblem(answer.text, 408);
  }, 20_000);
});

describe('errors from the HTTP parser', () => {
  it('answers a header block over the limit with 431 problem+json and the security headers', async () => {
    const answer = await raw((socket) => {
      socket.write(`GET /v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    });
    expectSecureProblem(answer.text, 431);
  });

  it('answers a malformed request line with 400 problem+json and the security headers', async () => {
    const answer = await raw((socket) => {
      socket.write('GET /v1/me HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n');
    });
    const body = expectSecureProblem(answer.text, 400);
    expect(body.instance).toBe('/v1/me');
  });
});

describe('authentication and negotiation edges over HTTP', () => {
  it('accepts the Bearer scheme in any case (RFC 9110 11.1)', async () => {
    const token = await signToken(testConfig({ DATA_DIR: dataDir }), { role: 'viewer', sub: 'case' });
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const res = await fetch(`${server.url}/v1/me`, { headers: { authorization: `${scheme} ${token}` } });
      expect(res.status, `${scheme}: ${await res.clone().text()}`).toBe(200);
    }
  });
});

describe('compression over HTTP (issue 26, item 8)', () => {
  it('sends the questionnaire brotli-coded to a client that accepts it, in ~15 KB instead of ~70 KB', async () => {
    const token = await signToken(testConfig({ DATA_DIR: dataDir }), { role: 'viewer', sub: 'zip' });
    const request = (encoding: string) =>
      raw((socket) =>
        socket.write(
          `GET /v1/frameworks/migof/2.0.0 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
            `Accept-Encoding: ${encoding}\r\nConnection: close\r\n\r\n`,
        ),
      );
    const [plain, br] = [parse((await request('identity')).text), parse((await request('gzip, br')).text)];
    expect(plain.status).toBe(200);
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(br.headers['content-length'])).toBeLessThan(16_000);
    expect(Number(plain.headers['content-length'])).toBeGreaterThan(60_000);
    expect(br.headers.etag).not.toBe(plain.headers.etag);
    // What a browser does: fetch decodes it and gets the same tree.
    const decoded = await fetch(`${server.url}/v1/frameworks/migof/2.0.0`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'br' },
    });
    expect(((await decoded.json()) as { version: string }).version).toBe('2.0.0');
  });
});
