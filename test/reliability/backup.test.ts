import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.ts';
import { samplePdf } from '../documents/samples.ts';
import { ROOT, type ServerProcess, startServer } from '../e2e/server-process.ts';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, FIRST_EDITION, signToken, tempDir } from '../helper.ts';

const run = promisify(execFile);
const dataDir = tempDir('migov-backup-');
const restoredDir = tempDir('migov-restored-');
let server: ServerProcess | undefined;

afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(restoredDir, { recursive: true, force: true });
});

describe('npm run backup', () => {
  it('takes an online backup while the server writes, and a restore finds every answer', async () => {
    server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    const config = testConfig({ DATA_DIR: dataDir });
    const authorization = `Bearer ${await signToken(config, { role: 'admin', sub: 'backup-test' })}`;
    const headers = { authorization, 'content-type': 'application/json' };
    const created = await fetch(`${server.url}/v1/assessments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ country: 'SEN', period: '2025', framework: FIRST_EDITION }),
    });
    const { id } = (await created.json()) as { id: string };
    const answers = answerSet(migof(), 1);
    const put = await fetch(`${server.url}/v1/assessments/${id}/answers`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ answers }),
    });
    expect(put.status).toBe(200);
    // An evidence document: the backup carries its bytes beside the database (documents/blobs/).
    const form = new FormData();
    form.append('file', new Blob([samplePdf()], { type: 'application/pdf' }), 'law.pdf');
    const uploaded = await fetch(`${server.url}/v1/assessments/${id}/documents`, {
      method: 'POST',
      headers: { authorization },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const document = (await uploaded.json()) as { id: string; sha256: string };

    // Keep writing to another assessment while the backup runs.
    let writing = true;
    const other = (await (
      await fetch(`${server.url}/v1/assessments`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ country: 'SEN', period: '2026', framework: FIRST_EDITION }),
      })
    ).json()) as { id: string };
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        await fetch(`${server?.url}/v1/assessments/${other.id}/answers`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({
            answers: [{ question: answers[0]?.question, value: i % 2 ? 'yes' : 'no' }],
          }),
        }).catch(() => undefined);
      }
    })();

    const file = join(restoredDir, 'migov.sqlite');
    const result = await run(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    writing = false;
    await writer;
    expect(result.stdout).toContain('backup written to');
    expect(result.stderr).toMatch(/backup: 100%/);

    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();

    // Restore: a service started on the backup's directory serves every answer.
    const restored = await createTestApp({ DATA_DIR: restoredDir });
    const res = await restored.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/answers`,
      headers: {
        authorization: `Bearer ${await signToken(testConfig({ DATA_DIR: dataDir }), { role: 'admin' })}`,
      },
    });
    // The restored directory has its own key pair, so tokens of the old one are refused…
    expect(res.statusCode).toBe(401);
    const fresh = await restored.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/answers`,
      headers: await restored.auth({ role: 'admin' }),
    });
    // …and the data is all there.
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json().answers).toHaveLength(answers.length);
    const restoredDocument = await restored.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/documents/${document.id}`,
      headers: await restored.auth({ role: 'admin' }),
    });
    expect(restoredDocument.statusCode).toBe(200);
    expect(createHash('sha256').update(restoredDocument.rawPayload).digest('hex')).toBe(document.sha256);
  }, 60_000);

  it('refuses to overwrite an existing file', async () => {
    const result = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/backup.ts', join(restoredDir, 'migov.sqlite')],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir },
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect((result as { code: number }).code).toBe(2);
    expect((result as { stderr: string }).stderr).toMatch(/exists/);
  });
});
