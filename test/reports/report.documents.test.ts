/**
 * What the report service keeps between requests besides the report itself (issue 18): the
 * profile PDF, made once per revision and language, and the previous validated round a report
 * compares with, read once. Both must change exactly when what they were made from changes.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AssessmentRow } from '../../src/assessments/assessment.repository.ts';
import { type ReportStates, reportStates } from './report-states.ts';

let states: ReportStates;

beforeAll(async () => {
  states = await reportStates();
  // The outbox's delivery loop writes in the background after every change; a cache fills only
  // once no write is open, so these tests of what is kept stop it.
  await states.ctx.app.events.dispatcher.stop();
}, 120_000);

/** Lets the writes still open (a request's record of its person, in the background) commit. */
const settled = () => states.ctx.app.writes.run(() => undefined);

const pdf = (id: string, language: string) =>
  states.ctx.app.inject({
    method: 'GET',
    url: `/v1/assessments/${id}/profile.pdf`,
    headers: { ...states.admin, 'accept-language': language },
  });

describe('the profile PDF', () => {
  it('is the same bytes for the same revision and language (its ETag is strong), and per language', async () => {
    const id = states.ids.fullWithPrevious;
    const [first, second] = await Promise.all([pdf(id, 'en'), pdf(id, 'en')]);
    const third = await pdf(id, 'en');
    expect(first.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(third.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(third.headers.etag).toBe(first.headers.etag);
    const french = await pdf(id, 'fr');
    expect(french.statusCode).toBe(200);
    expect(french.rawPayload.equals(first.rawPayload)).toBe(false);
  });

  it('is made once for clients asking at the same time, and again for a new revision', async () => {
    const { reports } = states.ctx.app.services;
    const row = { id: 'not-stored', revision: 1, status: 'validated' } as AssessmentRow;
    await settled();
    const make = vi.fn(async () => Buffer.from(`made ${make.mock.calls.length}`));
    const [a, b] = await Promise.all([
      reports.document(row, 'pdf', 'en', make),
      reports.document(row, 'pdf', 'en', make),
    ]);
    expect(make).toHaveBeenCalledTimes(1);
    expect(b).toBe(a);
    expect(await reports.document(row, 'pdf', 'en', make)).toBe(a);
    expect(make).toHaveBeenCalledTimes(1);
    await reports.document({ ...row, revision: 2 }, 'pdf', 'en', make);
    await reports.document(row, 'pdf', 'es', make);
    expect(make).toHaveBeenCalledTimes(3);
  });

  it('is made again after a failed attempt', async () => {
    const { reports } = states.ctx.app.services;
    const row = { id: 'not-stored-2', revision: 1, status: 'validated' } as AssessmentRow;
    await expect(reports.document(row, 'pdf', 'en', () => Promise.reject(new Error('no')))).rejects.toThrow(
      'no',
    );
    expect((await reports.document(row, 'pdf', 'en', async () => Buffer.from('ok'))).toString()).toBe('ok');
  });
});

describe('the previous round a report compares with', () => {
  it('is read from the database once, however many reports compare with it', async () => {
    const { reports, assessments } = states.ctx.app.services;
    const row = assessments.load({ sub: 'ada', role: 'admin' }, states.ids.fullWithPrevious);
    const answers = assessments.answersOf(row);
    const first = reports.build(row, answers, 'arithmetic').report;
    expect(first.comparison).not.toBeNull();
    const read = vi.spyOn(assessments, 'answersOf');
    const again = reports.build(row, answers, 'arithmetic').report;
    expect(read).not.toHaveBeenCalled();
    read.mockRestore();
    expect(again.comparison).toEqual(first.comparison);
  });
});
