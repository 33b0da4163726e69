import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_TYPES } from '../../src/documents/office-zip.ts';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';
import {
  multipart,
  sampleJpeg,
  sampleOdf,
  sampleOoxml,
  samplePdf,
  samplePng,
  zipBombDocx,
} from './samples.ts';

let ctx: TestContext;
let focal: { authorization: string };
let reviewer: { authorization: string };
let id: string;

beforeAll(async () => {
  ctx = await createTestApp({ DOCUMENT_MAX_BYTES: 64 * 1024, ASSESSMENT_DOCUMENTS_MAX_BYTES: 256 * 1024 });
  focal = await ctx.auth({ role: 'focal_point', country: 'GHA', sub: 'amina' });
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rev' });
  ({ id } = await runAssessment(ctx, { focal, country: 'GHA', period: '2025', answers: [], until: 'draft' }));
});

const upload = (name: string, bytes: Buffer, type?: string, assessment = id, query = '') => {
  const part = multipart(name, bytes, type);
  return ctx.app.inject({
    method: 'POST',
    url: `/v1/assessments/${assessment}/documents${query}`,
    headers: { ...focal, 'content-type': part.contentType },
    payload: part.body,
  });
};

const blobs = () =>
  readdirSync(join(ctx.dataDir, 'documents', 'blobs')).flatMap((p) =>
    readdirSync(join(ctx.dataDir, 'documents', 'blobs', p)),
  );

describe('upload and download of every allowed type', () => {
  const cases: [string, () => Buffer | Promise<Buffer>, string][] = [
    ['policy.pdf', samplePdf, 'application/pdf'],
    ['chart.png', samplePng, 'image/png'],
    ['photo.jpg', sampleJpeg, 'image/jpeg'],
    ['notes.txt', () => Buffer.from('Adopted by Cabinet.\nÉtat: ok\n'), 'text/plain'],
    ['figures.csv', () => Buffer.from('year,count\n2024,12\n'), 'text/csv'],
    ['act.docx', () => sampleOoxml('word/document.xml'), OFFICE_TYPES.docx],
    ['data.xlsx', () => sampleOoxml('xl/workbook.xml'), OFFICE_TYPES.xlsx],
    ['slides.pptx', () => sampleOoxml('ppt/presentation.xml'), OFFICE_TYPES.pptx],
    ['plan.odt', () => sampleOdf(OFFICE_TYPES.odt), OFFICE_TYPES.odt],
    ['sheet.ods', () => sampleOdf(OFFICE_TYPES.ods), OFFICE_TYPES.ods],
    ['deck.odp', () => sampleOdf(OFFICE_TYPES.odp), OFFICE_TYPES.odp],
  ];
  for (const [name, make, mediaType] of cases) {
    it(`stores ${name} as ${mediaType} and gives the same bytes back`, async () => {
      const bytes = await make();
      const res = await upload(name, bytes);
      expect(res.statusCode, res.body).toBe(201);
      const doc = res.json();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(doc).toMatchObject({
        name,
        mediaType,
        size: bytes.length,
        sha256,
        uploadedBy: 'amina',
        question: null,
      });
      expect(res.headers.location).toBe(`/v1/assessments/${id}/documents/${doc.id}`);
      const got = await ctx.app.inject({
        method: 'GET',
        url: res.headers.location as string,
        headers: focal,
      });
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(bytes)).toBe(true);
      expect(got.headers['content-type']).toContain(mediaType);
      expect(got.headers.etag).toBe(`"${sha256}"`);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.headers['content-security-policy']).toMatch(/^sandbox/);
      expect(got.headers['content-disposition']).toMatch(/^attachment; /);
    });
  }

  it('answers Range with 206, an unsatisfiable one with 416, and If-None-Match with 304', async () => {
    const bytes = samplePdf();
    const doc = (await upload('range.pdf', bytes)).json();
    const url = `/v1/assessments/${id}/documents/${doc.id}`;
    const part = await ctx.app.inject({ method: 'GET', url, headers: { ...focal, range: 'bytes=5-9' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 5-9/${bytes.length}`);
    expect(part.rawPayload.equals(bytes.subarray(5, 10))).toBe(true);
    const tail = await ctx.app.inject({ method: 'GET', url, headers: { ...focal, range: 'bytes=-4' } });
    expect(tail.rawPayload.equals(bytes.subarray(-4))).toBe(true);
    const outside = await ctx.app.inject({
      method: 'GET',
      url,
      headers: { ...focal, range: `bytes=${bytes.length}-` },
    });
    expectProblem(outside, 416);
    expect(outside.headers['content-range']).toBe(`bytes */${bytes.length}`);
    const same = await ctx.app.inject({
      method: 'GET',
      url,
      headers: { ...focal, 'if-none-match': `"${doc.sha256}"` },
    });
    expect(same.statusCode).toBe(304);
  });

  it('shows PDF and images inline on ?inline=1, never text', async () => {
    const pdf = (await upload('inline.pdf', samplePdf())).json();
    const text = (await upload('inline.txt', Buffer.from('plain'))).json();
    const base = `/v1/assessments/${id}/documents`;
    const a = await ctx.app.inject({ method: 'GET', url: `${base}/${pdf.id}?inline=1`, headers: focal });
    expect(a.headers['content-disposition']).toMatch(/^inline; /);
    const b = await ctx.app.inject({ method: 'GET', url: `${base}/${text.id}?inline=1`, headers: focal });
    expect(b.headers['content-disposition']).toMatch(/^attachment; /);
  });
});

describe('hostile uploads', () => {
  it.each([
    [
      'an HTML page named .pdf',
      'report.pdf',
      Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'),
      'application/pdf',
    ],
    [
      'an SVG named .pdf',
      'report.pdf',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      'application/octet-stream',
    ],
    [
      'a PNG that is also a web page',
      'image.png',
      Buffer.concat([samplePng().subarray(0, 16), Buffer.from('<html><script>alert(1)</script>')]),
      'image/png',
    ],
    [
      'a program',
      'setup.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]),
      'application/octet-stream',
    ],
    ['a PDF declared as PNG', 'policy.pdf', samplePdf(), 'image/png'],
    ['a PDF named .docx', 'policy.docx', samplePdf(), 'application/octet-stream'],
    ['bytes that are not text', 'data.txt', Buffer.from([0x68, 0x00, 0x69, 0xff, 0xfe]), 'text/plain'],
    ['a plain zip', 'archive.docx', Buffer.alloc(0), 'application/octet-stream'],
  ])('refuses %s with 415', async (_label, name, bytes, type) => {
    const content = bytes.length
      ? bytes
      : await import('./samples.ts').then((s) => s.zipOf({ 'a.txt': 'hello' }));
    const problem = expectProblem(await upload(name, content, type), 415);
    expect(typeof problem.detected).toBe('string');
  });

  it('refuses a zip bomb posing as a DOCX from its declared sizes', async () => {
    const problem = expectProblem(await upload('act.docx', await zipBombDocx()), 415);
    expect(String(problem.detail)).toMatch(/zip bomb/);
  });

  it('keeps names with ../, control characters and RTL overrides for display, never as paths', async () => {
    const name = '../../etc/passwd\u0007\u202Egpj.exe.pdf';
    const res = await upload(name, samplePdf());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe(name);
    const got = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/documents/${res.json().id}`,
      headers: focal,
    });
    const disposition = String(got.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    // Printable ASCII only: no control character or bidirectional override reaches the header.
    expect([...disposition].every((c) => c >= ' ' && c <= '~')).toBe(true);
    expect(blobs().every((file) => /^[0-9a-f]{64}$/.test(file))).toBe(true);
  });

  it('stores the same bytes once and lists each upload as its own document', async () => {
    const bytes = Buffer.from(`same bytes ${Date.now()}`);
    const first = (await upload('one.txt', bytes)).json();
    const second = (await upload('two.txt', bytes)).json();
    expect(first.id).not.toBe(second.id);
    expect(blobs().filter((file) => file === first.sha256)).toHaveLength(1);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/assessments/${id}/documents/${first.id}`,
      headers: focal,
    });
    expect(del.statusCode).toBe(204);
    expect(blobs()).toContain(second.sha256);
    await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/assessments/${id}/documents/${second.id}`,
      headers: focal,
    });
    expect(blobs()).not.toContain(second.sha256);
  });
});

describe('limits', () => {
  it('answers 413 naming the file limit from Content-Length, before the body is read', async () => {
    const problem = expectProblem(await upload('big.txt', Buffer.alloc(200 * 1024, 0x61)), 413);
    expect(problem).toMatchObject({ scope: 'file', limitBytes: 64 * 1024, limit: '0.1 MiB' });
  });

  it('answers 413 naming the assessment limit when its documents are full', async () => {
    const { id: other } = await runAssessment(ctx, {
      focal,
      country: 'GHA',
      period: '2031',
      answers: [],
      until: 'draft',
    });
    for (let i = 0; i < 4; i++) {
      const res = await upload(`part-${i}.txt`, Buffer.alloc(60 * 1024, 0x61 + i), undefined, other);
      expect(res.statusCode, res.body).toBe(201);
    }
    const problem = expectProblem(
      await upload('more.txt', Buffer.alloc(60 * 1024, 0x7a), undefined, other),
      413,
    );
    expect(problem).toMatchObject({ scope: 'assessment', limitBytes: 256 * 1024 });
    const list = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${other}/documents`,
      headers: focal,
    });
    expect(list.json()).toMatchObject({
      usedBytes: 4 * 60 * 1024,
      limitBytes: 256 * 1024,
      fileLimitBytes: 64 * 1024,
    });
  });

  it('refuses a body that is not multipart, and one without a file part', async () => {
    const json = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/documents`,
      headers: focal,
      payload: { file: 'x' },
    });
    expectProblem(json, 415);
    const wrong = multipart('a.txt', Buffer.from('x'), 'text/plain', 'attachment');
    const res = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/documents`,
      headers: { ...focal, 'content-type': wrong.contentType },
      payload: wrong.body,
    });
    expectProblem(res, 400);
  });
});

describe('evidence that points at documents', () => {
  it('links evidence to a document, lists the reference, and refuses to delete it while referenced', async () => {
    const doc = (await upload('law.pdf', samplePdf(), undefined, id, '?question=P1.1.1')).json();
    expect(doc.question).toBe('P1.1.1');
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: {
        answers: [{ question: 'P1.1.1', value: 'yes', evidence: [{ title: 'The law', document: doc.id }] }],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const answers = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
    });
    const answer = answers.json().answers.find((a: { question: string }) => a.question === 'P1.1.1');
    expect(answer.evidence).toEqual([{ title: 'The law', document: doc.id }]);
    const list = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/documents`,
      headers: focal,
    });
    expect(list.json().documents.find((d: { id: string }) => d.id === doc.id).referencedBy).toEqual([
      'P1.1.1',
    ]);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/assessments/${id}/documents/${doc.id}`,
      headers: focal,
    });
    expect(expectProblem(del, 409).referencedBy).toEqual(['P1.1.1']);
    const csv = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/report`,
      headers: { ...focal, accept: 'text/csv' },
    });
    expect(csv.body.split('\r\n').find((line) => line.includes(',P1.1.1,'))).toContain(
      `The law [document ${doc.id}]`,
    );
    const history = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/history`,
      headers: focal,
    });
    const set = history.json().events.find((e: { type: string }) => e.type === 'answer_set');
    expect(JSON.stringify(set)).toContain(doc.id);
  });

  it('refuses evidence naming a document of another assessment, or none', async () => {
    const { id: other } = await runAssessment(ctx, {
      focal,
      country: 'GHA',
      period: '2032',
      answers: [],
      until: 'draft',
    });
    const foreign = (await upload('other.pdf', samplePdf(), undefined, other)).json();
    for (const document of [foreign.id, '01938a1e-7c00-7a6b-9f10-1c2d3e4f5a6b']) {
      const put = await ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${id}/answers`,
        headers: focal,
        payload: { answers: [{ question: 'P1.1.1', value: 'yes', evidence: [{ title: 'x', document }] }] },
      });
      const problem = expectProblem(put, 400);
      expect(problem.errors).toEqual([
        expect.objectContaining({ path: 'body.answers[0].evidence[0].document' }),
      ]);
    }
  });

  it('makes documents read-only once the assessment is submitted', async () => {
    const framework = migof();
    const { id: done } = await runAssessment(ctx, {
      focal,
      country: 'GHA',
      period: '2033',
      answers: answerSet(framework),
      until: 'draft',
    });
    const doc = (await upload('kept.pdf', samplePdf(), undefined, done)).json();
    const list = await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${done}`, headers: focal });
    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${done}/submit`,
      headers: { ...focal, 'if-match': String(list.headers.etag) },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    expectProblem(await upload('late.pdf', samplePdf(), undefined, done), 409);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/assessments/${done}/documents/${doc.id}`,
      headers: focal,
    });
    expectProblem(del, 409);
    const read = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${done}/documents/${doc.id}`,
      headers: reviewer,
    });
    expect(read.statusCode).toBe(200);
  });

  it('hides the documents of an assessment out of scope (404)', async () => {
    const other = await ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'ken' });
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${id}/documents`,
      headers: other,
    });
    expectProblem(res, 404);
  });
});

describe('a new period copied from the last validated one', () => {
  it('brings the documents along, and the copied evidence points at the new assessment’s copies', async () => {
    const answers = answerSet(migof()).map((a) =>
      a.question === 'P1.1.1' ? { ...a, evidence: [{ title: 'The law' }] } : a,
    );
    const { id: first } = await runAssessment(ctx, {
      focal,
      country: 'GHA',
      period: '2040',
      answers,
      until: 'draft',
    });
    const doc = (await upload('law.pdf', samplePdf(), undefined, first)).json();
    const linked = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${first}/answers`,
      headers: focal,
      payload: {
        answers: [{ question: 'P1.1.1', value: 'yes', evidence: [{ title: 'The law', document: doc.id }] }],
      },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${first}/submit`,
      headers: { ...focal, 'if-match': String(linked.headers.etag) },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const validated = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${first}/validate`,
      headers: { ...reviewer, 'if-match': String(submit.headers.etag) },
    });
    expect(validated.statusCode, validated.body).toBe(200);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'GHA', period: '2041', copyFrom: first },
    });
    expect(created.statusCode, created.body).toBe(201);
    const next = created.json().id as string;
    const list = (
      await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${next}/documents`, headers: focal })
    ).json();
    expect(list.documents).toHaveLength(1);
    const copy = list.documents[0];
    expect(copy).toMatchObject({ name: 'law.pdf', sha256: doc.sha256, referencedBy: ['P1.1.1'] });
    expect(copy.id).not.toBe(doc.id);
    const answersNow = (
      await ctx.app.inject({ method: 'GET', url: `/v1/assessments/${next}/answers`, headers: focal })
    ).json();
    const p111 = answersNow.answers.find((a: { question: string }) => a.question === 'P1.1.1');
    expect(p111.evidence).toEqual([{ title: 'The law', document: copy.id }]);
  });
});
