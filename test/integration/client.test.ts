/**
 * The typed client example (examples/client) against the real thing: its types are regenerated
 * from openapi/openapi.json, journey.ts must type-check against them, and the journey must run
 * end to end against a real server process.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSchemaTypes, SCHEMA_FILE, SPEC_FILE } from '../../examples/client/generate.ts';
import { JourneyError, runJourney } from '../../examples/client/journey.ts';
import { testConfig } from '../../src/config.ts';
import { ROOT, type ServerProcess, startServer } from '../e2e/server-process.ts';
import { signToken, tempDir } from '../helper.ts';

const run = promisify(execFile);
const EXAMPLE = join(ROOT, 'examples/client');
const work = tempDir('migov-client-');
const dataDir = tempDir('migov-client-data-');
let fresh = '';

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

/** A copy of the example next to the given schema.d.ts, in its own directory under `work`. */
function exampleWith(name: string, schema: string) {
  const dir = join(work, name);
  mkdirSync(dir);
  copyFileSync(join(EXAMPLE, 'journey.ts'), join(dir, 'journey.ts'));
  writeFileSync(join(dir, 'schema.d.ts'), schema);
}

describe('the generated client types', () => {
  beforeAll(async () => {
    fresh = await generateSchemaTypes(SPEC_FILE);
  });

  it('are committed as generated (run `npx tsx examples/client/generate.ts` after `npm run openapi`)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed === fresh, 'examples/client/schema.d.ts is stale').toBe(true);
  });

  it('type-check journey.ts, and a change to the API that breaks it is caught', async () => {
    // The same example twice: next to the fresh types, and next to types of an API whose report
    // lost `composite`. One tsc run checks both.
    exampleWith('fresh', fresh);
    const spec = JSON.parse(readFileSync(SPEC_FILE, 'utf8'));
    const report = spec.components.schemas.Report;
    delete report.properties.composite;
    report.required = report.required.filter((field: string) => field !== 'composite');
    const driftedSpec = join(work, 'drifted-openapi.json');
    writeFileSync(driftedSpec, JSON.stringify(spec));
    exampleWith('drifted', await generateSchemaTypes(driftedSpec));

    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    writeFileSync(join(work, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    const tsconfig = JSON.parse(readFileSync(join(EXAMPLE, 'tsconfig.json'), 'utf8'));
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({ ...tsconfig, include: ['fresh/*.ts', 'drifted/*.ts'] }),
    );

    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', work], {
      cwd: work,
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(
      errors.filter((line) => !line.startsWith('drifted/')),
      'journey.ts does not type-check against the current API',
    ).toEqual([]);
    expect(errors.some((line) => line.startsWith('drifted/journey.ts') && /composite/.test(line))).toBe(true);
  }, 60_000);
});

describe('the journey against a real server', () => {
  let server: ServerProcess | undefined;
  const config = testConfig({ DATA_DIR: dataDir });
  let reviewerToken = '';

  beforeAll(async () => {
    server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    reviewerToken = await signToken(config, { role: 'reviewer', sub: 'rita' });
  });

  afterAll(async () => {
    if (!server) return;
    server.child.kill('SIGTERM');
    await server.exited;
  });

  const journey = async (country: string, level: number) =>
    runJourney({
      baseUrl: server?.url ?? '',
      focalToken: await signToken(config, { role: 'focal_point', country, sub: `focal-${country}` }),
      reviewerToken,
      country,
      period: '2025',
      level,
    });

  it('opens, answers, submits, validates and reads the report and the aggregate', async () => {
    const summary = await journey('KEN', 0.75);
    // New assessments open on 2.1.0, whose top band is named `advanced` (0.75 everywhere lands in it).
    expect(summary).toMatchObject({ status: 'validated', band: 'advanced', aggregateTotal: 1 });
    expect(summary.answered).toBeGreaterThanOrEqual(60);
    expect(summary.composite).toBeGreaterThanOrEqual(80);
    expect(summary.composite).toBeLessThan(100);
    const { p5, p95 } = summary.uncertainty ?? { p5: Number.NaN, p95: Number.NaN };
    expect(p5).toBeLessThanOrEqual(summary.composite ?? 0);
    expect(p95).toBeGreaterThanOrEqual(summary.composite ?? 0);

    // What the journey returned is what the API says to anyone else.
    const report = await fetch(`${server?.url}/v1/assessments/${summary.assessmentId}/report`, {
      headers: { authorization: `Bearer ${reviewerToken}` },
    });
    expect(((await report.json()) as { composite: { score: number } }).composite.score).toBe(
      summary.composite,
    );
  });

  it('counts a second country in the aggregate, in a lower band', async () => {
    const summary = await journey('GHA', 0.3);
    expect(summary.status).toBe('validated');
    expect(summary.aggregateTotal).toBe(2);
    expect(summary.composite).toBeLessThan(60);
  });

  it('stops at the first refusal with the problem the API gave', async () => {
    const refused = runJourney({
      baseUrl: server?.url ?? '',
      focalToken: await signToken(config, { role: 'focal_point', country: 'KEN' }),
      reviewerToken,
      country: 'GHA',
      period: '2026',
    });
    await expect(refused).rejects.toThrow(JourneyError);
    await expect(refused).rejects.toMatchObject({ step: 'create the assessment', status: 403 });
  });
});
