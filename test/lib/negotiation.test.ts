import { describe, expect, it } from 'vitest';
import { acceptsGzip, wantsCsv } from '../../src/lib/negotiation.ts';

describe('wantsCsv', () => {
  it.each([
    ['text/csv', true],
    ['TEXT/CSV', true],
    ['text/csv; charset=utf-8', true],
    ['text/csv, */*;q=0.5', true],
    ['text/csv, */*', true],
    ['text/*', false],
    [undefined, false],
    ['application/json', false],
    ['*/*', false],
    ['text/csv, application/json', false],
    ['application/json;q=0.5, text/csv', true],
    ['text/csv;q=0.5, application/json', false],
    // issue 19, item 8: q=0 means "not this one" (RFC 9110 12.4.2).
    ['text/csv;q=0, */*;q=0.5', false],
    ['text/csv;q=0', false],
    ['text/csv;q=0.0, application/*', false],
    ['text/csv;q=0.001', true],
    ['text/csv;q=banana', false],
  ])('%s -> %s', (accept, csv) => {
    expect(wantsCsv(accept)).toBe(csv);
  });
});

describe('acceptsGzip', () => {
  it('honours q=0', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
