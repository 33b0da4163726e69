import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helper.ts';
import { ROOT, type ServerProcess, startServer } from './server-process.ts';

const run = promisify(execFile);
const dataDir = tempDir('migov-e2e-');
let server: ServerProcess | undefined;

afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function mintToken(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', 'scripts/token.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, ...env },
  });
}

describe('the server process', () => {
  it('starts, accepts a token minted by `npm run token`, logs one line per request, and stops on SIGTERM', async () => {
    server = await startServer({ DATA_DIR: dataDir });
    const { stdout } = await mintToken(['--role', 'focal_point', '--country', 'KEN', '--sub', 'e2e-user']);
    const token = stdout.trim().split('\n').at(-1) ?? '';

    const me = await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    // GET /v1/me is the person record: the verified claims, and what the server keeps of the person.
    expect(await me.json()).toMatchObject({ sub: 'e2e-user', role: 'focal_point', country: 'KEN' });

    const refused = await fetch(`${server.url}/v1/me`, { headers: { authorization: 'Bearer x.y.z' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const spec = await fetch(`${server.url}/openapi.json`);
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0');
    const docs = await fetch(`${server.url}/docs/`);
    expect(docs.status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = lines.filter((l) => l.msg === 'request');
    expect(requestLines.length).toBeGreaterThanOrEqual(4);
    expect(requestLines.every((l) => typeof l.requestId === 'string')).toBe(true);
    expect(server.output()).not.toContain(token);
    expect(lines.some((l) => l.msg === 'shutting down')).toBe(true);
  });

  it('refuses a bad configuration with one line naming the variable', async () => {
    const result = await run(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: 'not-a-port' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).toBe(78);
    expect((result as { stderr: string }).stderr).toMatch(/invalid configuration: PORT: must be a number/);
  });

  it('the token script refuses when AUTH_JWKS_URL is set', async () => {
    const result = await mintToken(['--role', 'admin'], { AUTH_JWKS_URL: 'https://idp.example/jwks' }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/AUTH_JWKS_URL is set/);
  });
});
