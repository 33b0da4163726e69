import { describe, expect, it } from 'vitest';
import { chooseCoding, ifNoneMatch } from '../../src/lib/content-coding.ts';
import { wantsCsv } from '../../src/lib/negotiation.ts';

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

describe('chooseCoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip;q=0', 'identity'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br, gzip;q=0.8', 'br'],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
  ])('Accept-Encoding %j gives %s', (header, coding) => {
    expect(chooseCoding(header)).toBe(coding);
  });
});

describe('ifNoneMatch', () => {
  it('compares weakly, in a list, with *', () => {
    expect(ifNoneMatch('"a-br"', '"a-br"')).toBe(true);
    expect(ifNoneMatch('W/"a-br"', '"a-br"')).toBe(true);
    expect(ifNoneMatch('"x", "a-br"', '"a-br"')).toBe(true);
    expect(ifNoneMatch('*', '"a"')).toBe(true);
    expect(ifNoneMatch('"a-gzip"', '"a-br"')).toBe(false);
    expect(ifNoneMatch(undefined, '"a"')).toBe(false);
  });
});
