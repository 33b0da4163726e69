/**
 * The CSV exports read as a person (and a spreadsheet) would: the per-question table with units
 * and evidence titles, and the scores table with the country, period, status and the previous
 * round on every row. Parsed back with csv-parse, strict about RFC 4180.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_CSV_HEADER, SCORES_CSV_COLUMNS } from '../../src/reports/report.csv.ts';
import { type ReportStates, reportStates, type State } from './report-states.ts';

let states: ReportStates;
beforeAll(async () => {
  states = await reportStates();
}, 120_000);

async function get(state: State, path: string, headers: Record<string, string> = {}) {
  const res = await states.ctx.app.inject({
    method: 'GET',
    url: `/v1/assessments/${states.ids[state]}${path}`,
    headers: { ...states.admin, ...headers },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  return { res, rows: parse(res.body, { bom: true, relaxColumnCount: false }) as string[][] };
}

const BOM = [0xef, 0xbb, 0xbf];

describe('the CSVs people download', () => {
  it.each([
    ['the per-question table', '/report', { accept: 'text/csv' }],
    ['the scores table', '/scores.csv', {}],
  ])('start %s with a UTF-8 BOM, so that a spreadsheet reads the accents', async (_, path, headers) => {
    const { res, rows } = await get('fullWithPrevious', path, { ...headers, 'accept-language': 'fr' });
    expect([...res.rawPayload.subarray(0, 3)]).toEqual(BOM);
    // Once: the first column's name is the name, not the BOM and the name.
    expect(rows[0]?.[0]).toMatch(/^[a-z]/);
  });

  it('leave the machine format (SDG 10.7.2 CSV) without one', async () => {
    const res = await states.ctx.app.inject({
      method: 'GET',
      url: '/v1/indicators/sdg-10-7-2?period=2025',
      headers: { ...states.admin, accept: 'text/csv' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.startsWith('period,')).toBe(true);
  });
});

describe('the per-question CSV', () => {
  it('keeps its columns and adds the unit of number answers and the evidence titles', async () => {
    const { rows } = await get('fullWithPrevious', '/report', { accept: 'text/csv' });
    expect(rows[0]).toEqual(REPORT_CSV_HEADER);
    // The consultation (issue #25) added `ministry` last, after `unit` and `evidence`.
    expect(rows[0]?.slice(-3)).toEqual(['unit', 'evidence', 'ministry']);
    const framework = (
      await states.ctx.app.inject({ method: 'GET', url: '/v1/frameworks/migof/2.0.0', headers: states.admin })
    ).json() as {
      domains: { subdomains: { questions: { key: string; type: string; number?: { unit: string } }[] }[] }[];
    };
    const numbers = framework.domains
      .flatMap((d) => d.subdomains.flatMap((s) => s.questions))
      .filter((q) => q.type === 'number');
    expect(numbers.length).toBeGreaterThan(0);
    for (const q of numbers) {
      const row = rows.find((r) => r[2] === q.key);
      expect(row?.[11], q.key).toBe(q.number?.unit);
    }
    const withEvidence = rows.filter((r) => Number(r[10]) > 0);
    expect(withEvidence.length).toBeGreaterThan(0);
    for (const row of withEvidence) expect(row[12]?.split('; ')).toHaveLength(Number(row[10]));
  });

  it('speaks French in its header', async () => {
    const { rows } = await get('fullWithPrevious', '/report', {
      accept: 'text/csv',
      'accept-language': 'fr',
    });
    expect(rows[0]?.slice(0, 4)).toEqual(['domaine', 'sous_domaine', 'question', 'texte']);
  });

  it.each(['fr', 'es'] as const)('gives question text, answer labels and units in %s', async (lang) => {
    const { rows } = await get('fullWithPrevious', '/report', {
      accept: 'text/csv',
      'accept-language': lang,
    });
    const framework = (
      await states.ctx.app.inject({
        method: 'GET',
        url: '/v1/frameworks/migof/2.0.0',
        headers: { ...states.admin, 'accept-language': lang },
      })
    ).json() as {
      domains: {
        subdomains: {
          questions: {
            key: string;
            text: string;
            options?: { label: string }[];
            number?: { unit: string };
          }[];
        }[];
      }[];
    };
    const questions = framework.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions));
    const english = (await get('fullWithPrevious', '/report', { accept: 'text/csv' })).rows;
    let labels = 0;
    for (const q of questions) {
      const row = rows.find((r) => r[2] === q.key);
      expect(row?.[3], q.key).toBe(q.text);
      expect(row?.[3], q.key).not.toBe(english.find((r) => r[2] === q.key)?.[3]);
      if (q.number) expect(row?.[11], q.key).toBe(q.number.unit);
      if (q.options && row?.[4]) {
        expect(
          q.options.map((o) => o.label),
          q.key,
        ).toContain(row[4]);
        labels++;
      }
    }
    expect(labels).toBeGreaterThan(10);
    // Units in the language too ("ans", "años"), not only the English ones.
    const units = rows
      .slice(1)
      .map((r) => r[11])
      .filter(Boolean);
    expect(units.some((u) => !english.slice(1).some((r) => r[11] === u))).toBe(true);
  });
});

describe('GET /v1/assessments/{id}/scores.csv', () => {
  it('gives the MGI, the six domains and the thirty sub-domains, each row self-describing', async () => {
    const report = await states.report('fullWithPrevious');
    const { res, rows } = await get('fullWithPrevious', '/scores.csv');
    expect(res.headers['content-disposition']).toBe('attachment; filename="migov-scores-GHA-2025.csv"');
    const [header, ...body] = rows;
    expect(header).toEqual([...SCORES_CSV_COLUMNS]);
    const at = (row: string[] | undefined, column: (typeof SCORES_CSV_COLUMNS)[number]) =>
      row?.[SCORES_CSV_COLUMNS.indexOf(column)];
    for (const row of body) {
      expect(at(row, 'country')).toBe('GHA');
      expect(at(row, 'period')).toBe('2025');
      expect(at(row, 'status')).toBe('validated');
      expect(at(row, 'framework')).toBe(`${report.framework.key} ${report.framework.version}`);
      expect(at(row, 'unit')).toBe('points (0-100)');
    }
    const composite = body.find((r) => at(r, 'level') === 'composite');
    expect(Number(at(composite, 'score'))).toBe(report.composite.score);
    expect(at(composite, 'band')).toBe(report.composite.band);
    expect(at(composite, 'previous_period')).toBe('2024');
    expect(Number(at(composite, 'change'))).toBeCloseTo(report.comparison?.compositeDelta ?? Number.NaN, 1);
    expect(body.filter((r) => at(r, 'level') === 'domain')).toHaveLength(6);
    expect(body.filter((r) => at(r, 'level') === 'subdomain')).toHaveLength(
      report.domains.reduce((n, d) => n + d.subdomains.length, 0),
    );
    const p1 = body.find((r) => at(r, 'key') === 'P1');
    expect(Number(at(p1, 'score'))).toBe(report.domains[0]?.score);
    expect(at(p1, 'band_label')).toBe(
      report.methodology.bands.find((b) => b.key === report.domains[0]?.band)?.label,
    );
  });

  it('leaves unscored domains and the missing MGI empty, never 0', async () => {
    const { rows } = await get('partialDraft', '/scores.csv');
    const at = (row: string[] | undefined, column: (typeof SCORES_CSV_COLUMNS)[number]) =>
      row?.[SCORES_CSV_COLUMNS.indexOf(column)];
    const composite = rows.find((r) => at(r, 'level') === 'composite');
    expect(at(composite, 'score')).toBe('');
    expect(at(composite, 'provisional')).toBe('true');
    expect(at(composite, 'status')).toBe('draft');
    for (const key of ['O1', 'O2', 'O3'])
      expect(
        at(
          rows.find((r) => at(r, 'key') === key),
          'score',
        ),
      ).toBe('');
  });

  it('answers 404 outside the caller’s scope, 304 on a matching ETag', async () => {
    const other = await states.ctx.auth({ role: 'focal_point', country: 'KEN', sub: 'wanjiru' });
    const res = await states.ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${states.ids.fullWithPrevious}/scores.csv`,
      headers: other,
    });
    expect(res.statusCode).toBe(404);
    const { res: first } = await get('full', '/scores.csv');
    const again = await states.ctx.app.inject({
      method: 'GET',
      url: `/v1/assessments/${states.ids.full}/scores.csv`,
      headers: { ...states.admin, 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });
});
