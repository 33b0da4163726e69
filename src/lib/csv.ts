/**
 * RFC 4180 CSV. Text cells that a spreadsheet would read as a formula (starting with
 * = + - @, tab or carriage return) are prefixed with an apostrophe (OWASP CSV injection).
 */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * A CSV for people to open: a UTF-8 byte order mark first, without which Excel reads the file in
 * the machine's legacy code page and garbles every accent ("Côte" as "CÃ´te"). Machine formats
 * (SDMX-CSV and the like) stay without one: their readers take the BOM for part of the first
 * column's name.
 */
export const forSpreadsheets = (csv: string): string => `\ufeff${csv}`;
