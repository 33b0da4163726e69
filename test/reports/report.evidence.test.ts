import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerRow } from '../../src/assessments/assessment.repository.ts';
import { evidenceSection } from '../../src/reports/report.evidence.ts';
import { multipart } from '../documents/samples.ts';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

// Issue 27: evidence that points at an uploaded document shows in the report JSON (and the
// snapshot stored at validation) with the document's name and sha256, and in the country profile.

let ctx: TestContext;
let focal: { authorization: string };
let reviewer: { authorization: string };
const framework = { key: 'migof', version: '2.0.0' };
const answers = answerSet(migof('2.0.0'), 1);
const first = answers[0];
const FILE = 'labour-act-2024.txt';

interface Evidence {
  question: string;
  items: {
    title: string;
    url?: string;
    document?: { id: string; name?: string; mediaType?: string; size?: number; sha256?: string };
  }[];
}

const get = (url: string, headers: Record<string, string> = focal) =>
  ctx.app.inject({ method: 'GET', url, headers });

/** The text a reader of the PDF sees, as poppler extracts it. */
const pdfText = (bytes: Buffer) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: bytes }).toString();

beforeAll(async () => {
  ctx = await createTestApp();
  focal = await ctx.auth({ role: 'focal_point', country: 'SEN', sub: 'amina' });
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
});

describe('the report’s evidence', () => {
  it('lists evidence pointing at a document, in the JSON, the profile and the validated snapshot', async () => {
    if (!first) throw new Error('no question');
    const { id } = await runAssessment(ctx, {
      focal,
      country: 'SEN',
      period: '2031',
      framework,
      answers,
      until: 'draft',
    });
    const part = multipart(FILE, Buffer.from('The Labour Migration Act, 2024.\nSection 12.\n'));
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/documents`,
      headers: { ...focal, 'content-type': part.contentType },
      payload: part.body,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const doc = upload.json() as { id: string; sha256: string; size: number };
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/answers`,
      headers: focal,
      payload: {
        answers: [
          {
            ...first,
            evidence: [
              { title: 'Loi sur la migration de main-d’œuvre', document: doc.id },
              { title: 'Ministry page', url: 'https://example.org/act' },
            ],
          },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);

    const expected: Evidence = {
      question: first.question,
      items: [
        {
          title: 'Loi sur la migration de main-d’œuvre',
          document: { id: doc.id, name: FILE, mediaType: 'text/plain', size: doc.size, sha256: doc.sha256 },
        },
        { title: 'Ministry page', url: 'https://example.org/act' },
      ],
    };
    const report = (await get(`/v1/assessments/${id}/report`)).json() as { evidence: Evidence[] };
    expect(report.evidence[0]).toEqual(expected);
    // Every question with evidence, once, in framework order.
    const withEvidence = answers
      .filter((a, i) => i === 0 || (a.evidence ?? []).length > 0)
      .map((a) => a.question);
    expect(report.evidence.map((e) => e.question)).toEqual(withEvidence);
    // People's titles are not translated.
    const french = (await get(`/v1/assessments/${id}/report?lang=fr`)).json() as { evidence: Evidence[] };
    expect(french.evidence[0]).toEqual(expected);

    for (const [lang, heading] of [
      ['en', 'Evidence'],
      ['fr', 'Justificatifs'],
    ]) {
      const pdf = await get(`/v1/assessments/${id}/profile.pdf?lang=${lang}`);
      expect(pdf.statusCode).toBe(200);
      const text = pdfText(pdf.rawPayload);
      expect(text).toContain(heading);
      expect(text).toContain(FILE);
      expect(text).toContain(doc.sha256.slice(0, 12));
      expect(text).toContain('https://example.org/act');
    }

    const submit = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/submit`,
      headers: { ...focal, 'if-match': String(put.headers.etag) },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const validate = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/validate`,
      headers: { ...reviewer, 'if-match': String(submit.headers.etag) },
    });
    expect(validate.statusCode, validate.body).toBe(200);
    const stored = ctx.app.db.$client
      .prepare('SELECT arithmetic, geometric FROM report_snapshots WHERE assessment_id = ?')
      .get(id) as { arithmetic: string; geometric: string };
    expect(JSON.parse(stored.arithmetic).evidence[0]).toEqual(expected);
    expect(JSON.parse(stored.geometric).evidence[0]).toEqual(expected);
    const validated = (await get(`/v1/assessments/${id}/report`)).json() as { evidence: Evidence[] };
    expect(validated.evidence[0]).toEqual(expected);
  });

  it('still reads a snapshot validated before the report listed evidence', async () => {
    const { id } = await runAssessment(ctx, {
      focal,
      reviewer,
      country: 'SEN',
      period: '2032',
      framework,
      answers,
    });
    const strip = (json: string) => {
      const { evidence: _, ...old } = JSON.parse(json);
      return JSON.stringify(old);
    };
    const client = ctx.app.db.$client;
    const row = client
      .prepare('SELECT arithmetic, geometric FROM report_snapshots WHERE assessment_id = ?')
      .get(id) as { arithmetic: string; geometric: string };
    client
      .prepare('UPDATE report_snapshots SET arithmetic = ?, geometric = ? WHERE assessment_id = ?')
      .run(strip(row.arithmetic), strip(row.geometric), id);

    for (const lang of ['en', 'fr']) {
      const res = await get(`/v1/assessments/${id}/report?lang=${lang}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).not.toHaveProperty('evidence');
    }
    const pdf = await get(`/v1/assessments/${id}/profile.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdfText(pdf.rawPayload)).not.toContain('SHA-256');
  });

  it('shows a document that no longer exists by its id alone', () => {
    const gone = '01938a1e-7c00-7a6b-9f10-1c2d3e4f5a6b';
    const row = { question: 'P1.1.1', evidence: JSON.stringify([{ title: 'Plan', document: gone }]) };
    expect(evidenceSection(['P1.1.1'], [row as AnswerRow], [])).toEqual([
      { question: 'P1.1.1', items: [{ title: 'Plan', document: { id: gone } }] },
    ]);
  });
});
