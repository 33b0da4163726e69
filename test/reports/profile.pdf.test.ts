/**
 * The country profile as a person gets it: parsed back to text with poppler's pdftotext, page 1
 * rendered to PNG with pdftoppm and checked for ink. The PDFs and page images are kept in
 * MIGOV_SHOTS (default: <tmp>/migov-shots) for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../helper.ts';
import { shotsDir } from './browser.ts';
import { type ReportStates, reportStates, type State } from './report-states.ts';

const havePoppler = existsSync('/usr/bin/pdftoppm') || Boolean(process.env.CI);
let states: ReportStates;

beforeAll(async () => {
  states = await reportStates();
}, 120_000);

async function profile(state: State, language = 'en') {
  const res = await states.ctx.app.inject({
    method: 'GET',
    url: `/v1/assessments/${states.ids[state]}/profile.pdf`,
    headers: { ...states.admin, 'accept-language': language },
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const file = join(shotsDir(), `profile-${state}-${language}.pdf`);
  writeFileSync(file, res.rawPayload);
  return { res, file };
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);

/** Renders every page to PNG (kept beside the PDF for a person) and returns each page's share of ink. */
function inkPerPage(file: string, count: number): number[] {
  execFileSync('pdftoppm', ['-png', '-r', '60', file, file.replace(/\.pdf$/, '')]);
  return Array.from({ length: count }, (_, i) => {
    const page = String(i + 1);
    // Greyscale PGM on stdout: a header of three fields, then one byte per pixel.
    const pgm = execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', page, '-l', page, '-singlefile', file]);
    const [, w = 0, h = 0] =
      /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(pgm.toString('latin1', 0, 40))?.map(Number) ?? [];
    let ink = 0;
    for (const p of pgm.subarray(pgm.length - w * h)) if (p < 200) ink++;
    return ink / (w * h);
  });
}

describe('GET /v1/assessments/{id}/profile.pdf', () => {
  it('is a PDF with a sensible file name, an ETag and 304 on a match', async () => {
    const { res } = await profile('fullWithPrevious');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="migov-profile-GHA-2025-en\.pdf"$/);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const again = await states.ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${states.ids.fullWithPrevious}/profile.pdf`,
      headers: { ...states.admin, 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 outside the caller’s scope', async () => {
    const other = await states.ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'wanjiru' });
    expectProblem(
      await states.ctx.app.inject({
        method: 'GET',
        url: `/v1/assessments/${states.ids.fullWithPrevious}/profile.pdf`,
        headers: other,
      }),
      404,
    );
    expectProblem(
      await states.ctx.app.inject({ method: 'GET', url: `/v1/assessments/${states.ids.full}/profile.pdf` }),
      401,
    );
  });
});

describe.skipIf(!havePoppler)('the country profile read back', () => {
  it.each(['full', 'fullWithPrevious', 'partialDraft', 'zeros', 'empty'] as const)(
    '%s: two to four pages, none blank',
    async (state) => {
      const { file } = await profile(state);
      const count = pages(file);
      // The evidence annex (one line per evidence item) starts a page of its own after the profile.
      const annex = Array.from({ length: count }, (_, i) => i + 1).find((page) =>
        /^\s*Evidence\s*$/m.test(
          execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], {
            encoding: 'utf8',
          }),
        ),
      );
      const profilePages = annex === undefined ? count : annex - 1;
      expect(profilePages).toBeGreaterThanOrEqual(2);
      expect(profilePages).toBeLessThanOrEqual(4);
      const ink = inkPerPage(file, count);
      expect(ink).toHaveLength(count);
      expect(ink[0]).toBeGreaterThan(0.03);
      for (const share of ink) expect(share).toBeGreaterThan(0.005);
    },
  );

  it('says what a country profile says', async () => {
    const report = await states.report('fullWithPrevious');
    const { file } = await profile('fullWithPrevious');
    const text = pdfText(file).replace(/\s+/g, ' ');
    expect(text).toContain('Ghana, 2025');
    expect(text).toContain('Migration Governance Indicator (MGI)');
    const band = report.methodology.bands.find((b) => b.key === report.composite.band)?.label;
    expect(text).toContain(`${report.composite.score?.toFixed(1)} out of 100 · ${band}`);
    for (const d of report.domains) expect(text).toContain(`${d.key} `);
    expect(text).toContain('Areas with potential for further development');
    const gap = report.gaps[0];
    expect(text).toContain((gap?.text ?? '').slice(0, 40));
    expect(text).toContain('Change since the last round');
    expect(text).toMatch(/Compared with 2024 \(validated\): MGI from \d+\.\d to \d+\.\d/);
    expect(text).toContain('Method');
    expect(text).toContain('Status: validated');
    expect(text).toMatch(/Validated: \w+ \d+, \d{4}/);
    expect(text).toContain('page 1 of');
  });

  it('marks a draft on its first page, and has no MGI where a domain is unscored', async () => {
    const { file } = await profile('partialDraft');
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(first).toContain('DRAFT · not validated');
    expect(first).toContain('Not available yet: 3 domains have no scored answer');
    expect(first).toMatch(/Provisional: \d+ of \d+ applicable questions answered/);
  });

  it('speaks French and Spanish', async () => {
    const fr = pdfText((await profile('fullWithPrevious', 'fr')).file).replace(/\s+/g, ' ');
    expect(fr).toContain('Indicateur de gouvernance des migrations (IGM)');
    expect(fr).toContain('Domaines susceptibles d’être développés davantage');
    const es = pdfText((await profile('partialDraft', 'es')).file).replace(/\s+/g, ' ');
    expect(es).toContain('BORRADOR');
    expect(es).toContain('Áreas con potencial de desarrollo');
  });
});
