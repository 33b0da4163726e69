import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';
import { multipart, samplePdf } from './samples.ts';

let ctx: TestContext;
let focal: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp();
  focal = await ctx.auth({ role: 'focal_point', country: 'GHA', sub: 'amina' });
});

/** Every entry of a zip, inflated (the test's own zip: small). */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

describe('the evidence pack', () => {
  it('holds every document, an index of the evidence pointing at them, and the profile', async () => {
    const { id } = await runAssessment(ctx, {
      focal,
      country: 'GHA',
      period: '2025',
      answers: [],
      until: 'draft',
    });
    const send = async (name: string, bytes: Buffer) => {
      const part = multipart(name, bytes);
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/v1/assessments/${id}/documents`,
        headers: { ...focal, 'content-type': part.contentType },
        payload: part.body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; sha256: string };
    };
    const law = await send('law.pdf', samplePdf());
    const notes = await send('../notes\u202Etxt.csv', Buffer.from('a,b\n1,2\n'));
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: {
        answers: [{ question: 'P1.1.1', value: 'yes', evidence: [{ title: 'The law', document: law.id }] }],
      },
    });
    expect(put.statusCode, put.body).toBe(200);

    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/evidence.zip`,
      headers: focal,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = await unzip(res.rawPayload);
    const names = [...entries.keys()];
    expect(names).toContain('index.csv');
    expect(names.some((n) => /^profile-GHA-2025-en\.pdf$/.test(n))).toBe(true);
    expect(entries.get('profile-GHA-2025-en.pdf')?.subarray(0, 5).toString()).toBe('%PDF-');
    const files = names.filter((n) => n.startsWith('documents/'));
    expect(files).toHaveLength(2);
    // Entry names are plain: no path climbing, no bidirectional override.
    expect(files.every((n) => !n.slice('documents/'.length).includes('/') && !n.includes('\u202E'))).toBe(
      true,
    );
    const hashes = files.map((n) =>
      createHash('sha256')
        .update(entries.get(n) as Buffer)
        .digest('hex'),
    );
    expect(hashes.sort()).toEqual([law.sha256, notes.sha256].sort());
    const index = (entries.get('index.csv') as Buffer)
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(index[0]).toBe('question,evidence_title,file,sha256,uploaded_by,uploaded_at');
    expect(index.find((line) => line.startsWith('P1.1.1,The law,documents/'))).toContain(law.sha256);
    expect(index.some((line) => line.includes(notes.sha256))).toBe(true);
  });
});
