/**
 * The first-run trap: `npm run token` and the server must read the same configuration. Both go
 * through loadConfig, which reads `.env` under the environment; the token command says which key
 * signed, and the server's 401 for a token signed by another key says why.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, readEnvFile } from '../../src/config.ts';
import { createTestApp, expectProblem, foreignToken, tempDir } from '../helper.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Runs scripts/token.ts from `cwd`, as `npm run token` would there; stdout is the token. */
function token(cwd: string, args: string[], env: Record<string, string> = {}) {
  const { DATA_DIR: _ignored, ...rest } = process.env;
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/token.ts'), ...args],
    { cwd, env: { ...rest, ...env }, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  expect(run.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  return { stdout: run.stdout, stderr: run.stderr };
}

describe('.env', () => {
  it('is read under the environment, which wins', () => {
    const dir = tempDir();
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nDATA_DIR=./from-dotenv\nPORT="4000"\n');
    expect(readEnvFile(file)).toEqual({ DATA_DIR: './from-dotenv', PORT: '4000' });
    expect(readEnvFile(join(dir, 'missing.env'))).toEqual({});
    const config = loadConfig({ ...readEnvFile(file), PORT: '5000' });
    expect(config.DATA_DIR).toBe('./from-dotenv');
    expect(config.PORT).toBe(5000);
  });
});

describe('npm run token', () => {
  it('uses the DATA_DIR of .env and says which key signed', { timeout: 60_000 }, () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'DATA_DIR=./keys-here\n');
    const first = token(dir, ['--role', 'admin']);
    expect(first.stderr).toContain(join(dir, 'keys-here', 'jwt-signing-key.json'));
    expect(first.stderr).toContain('from .env');
    expect(first.stderr).toContain('there was no key in that directory');
    const again = token(dir, ['--role', 'admin']);
    expect(again.stderr).not.toContain('there was no key');
    // The environment wins over .env.
    const other = join(dir, 'elsewhere');
    mkdirSync(other);
    const overridden = token(dir, ['--role', 'admin'], { DATA_DIR: other });
    expect(overridden.stderr).toContain(join(other, 'jwt-signing-key.json'));
    expect(overridden.stderr).toContain('from environment');
  });
});

describe('a contributor token', () => {
  it('carries the ministry code (upper-cased) and the e-mail; without --ministry it is refused', {
    timeout: 60_000,
  }, () => {
    const dir = tempDir();
    const { stdout, stderr } = token(dir, [
      '--role',
      'contributor',
      '--country',
      'ken',
      '--ministry',
      'mol',
      '--email',
      'lea@labour.example',
    ]);
    const payload = JSON.parse(Buffer.from(stdout.trim().split('.')[1] ?? '', 'base64url').toString('utf8'));
    expect(payload).toMatchObject({
      role: 'contributor',
      country: 'KEN',
      ministry: 'MOL',
      email: 'lea@labour.example',
    });
    expect(stderr).toContain('KEN, MOL');
    expect(() => token(dir, ['--role', 'contributor', '--country', 'KEN'])).toThrow(/ministry/);
  });
});

describe('a token signed by another key', () => {
  it('answers 401 saying the key is unknown', async () => {
    const ctx = await createTestApp();
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${await foreignToken(ctx.config)}` },
    });
    expectProblem(res, 401);
    expect(res.json().detail).toContain('signed with a key this server does not know');
  });
});
