/**
 * `npm start` as an operator runs it: the PID npm prints, or the npm process a supervisor
 * started, receives SIGTERM, and the server must stop and free its port (before, npm's child
 * `tsx` wrapper left the server listening).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helper.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.pid) child.kill('SIGKILL');
});

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

describe('npm start', () => {
  it('stops the server when the npm process gets SIGTERM', { timeout: 90_000 }, async () => {
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: tempDir(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(child);
    let output = '';
    const port = await new Promise<number>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no "listening" line in 60 s:\n${output}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          done(Number(match[1]));
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
    });
    expect(await portOpen(port)).toBe(true);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    await exited;
    // The server closes its listener before it exits; give the kernel a moment.
    let open = true;
    for (let i = 0; i < 50 && open; i++) {
      open = await portOpen(port);
      if (open) await new Promise((r) => setTimeout(r, 100));
    }
    expect(open, `port ${port} still open after SIGTERM to npm:\n${output}`).toBe(false);
  });
});
