/** `npm run demo -- --exit`: a newcomer's first run prints the scored report and cleans up. */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/server-process.ts';
import { tempDir } from '../helper.ts';

const run = promisify(execFile);
const dataDir = join(tempDir('migov-demo-test-'), 'data');

afterAll(() => {
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

const demo = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', ...args], {
    cwd: ROOT,
    timeout: 50_000,
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('scripts/demo.ts', () => {
  it('runs two rounds of the fictional country and prints the 2025 summary', async () => {
    const { stdout, stderr } = await demo(['--exit', '--data-dir', dataDir]);

    // Progress for the long steps, on stderr.
    expect(stderr).toMatch(/Starting migov on .*migov-demo-test-/);
    for (const round of ['2024', '2025']) {
      for (const step of ['opens its assessment', 'answering \\d+ questions', 'submitting', 'validates']) {
        expect(stderr).toMatch(new RegExp(`\\[${round}\\] .*${step}`));
      }
    }

    expect(stdout).toContain('Republic of Examplia: migration governance self-assessment 2025');
    expect(stdout).toContain(
      'Fictional demo data: the ISO code ATA is borrowed, so the report and chart say',
    );
    expect(stdout).toMatch(
      /Composite MGI\s+\d+\.\d\d {2}(Requires further progress|Partially meets|Meets|Fully meets)/,
    );
    expect(stdout).toMatch(
      /Uncertainty\s+p5 \d+\.\d\d · p50 \d+\.\d\d · p95 \d+\.\d\d · band stability \d+%/,
    );
    for (const domain of ['P1', 'P2', 'P3', 'O1', 'O2', 'O3']) {
      expect(stdout).toMatch(new RegExp(`\\n {4}${domain} {2}.+ \\d+\\.\\d\\d {2}\\S`));
    }
    const gaps = stdout.match(/\n {4}\d\. +[+-]\d+\.\d\d {2}[PO]\d\.\d\.\d +\S.*/g) ?? [];
    expect(gaps, stdout).toHaveLength(5);
    expect(stdout).toMatch(/Compared with 2024: composite [+-]\d+\.\d\d; P1 [+-]\d+\.\d\d/);
    // The server has stopped: no link to it, but how to serve the kept data and get a token,
    // with the TOKEN= line before the curl line that uses it.
    expect(stdout).not.toMatch(/http:\/\/127\.0\.0\.1:(?!3000\b)\d+/);
    expect(stdout).toContain(`The demo server has stopped (--exit); its data is kept in ${dataDir}`);
    expect(stdout).toContain(`DATA_DIR=${dataDir} npm start`);
    expect(stdout.indexOf('TOKEN=$(')).toBeGreaterThan(-1);
    expect(stdout.indexOf('TOKEN=$(')).toBeLessThan(stdout.indexOf('curl -H "Authorization: Bearer $TOKEN"'));
    expect(stdout).not.toContain('Serving at');

    // --data-dir keeps the data; only a temporary directory is removed.
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['migov.sqlite', 'jwt-signing-key.json']));
  });

  it('removes its temporary data directory when it exits', async () => {
    const { stderr } = await demo(['--exit']);
    const used = /Starting migov on (\S+) \(temporary\)/.exec(stderr)?.[1];
    expect(used, stderr).toBeTruthy();
    expect(existsSync(used ?? '')).toBe(false);
  });

  it('refuses unknown options with its usage', async () => {
    const result = await demo(['--nope']).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/usage: npm run demo/);
  });
});
