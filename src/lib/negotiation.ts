/** The little content negotiation the API does: CSV versus JSON (content codings: content-coding.ts). */

/**
 * The quality the Accept header gives a media type: that of the most specific range matching
 * it (RFC 9110 12.5.1), 0 when none does; `exact` tells whether the type itself was named.
 */
function quality(ranges: { type: string; q: number }[], type: string): { q: number; exact: boolean } {
  const [major] = type.split('/');
  let best = { q: 0, exact: false, rank: -1 };
  for (const range of ranges) {
    const rank = range.type === type ? 2 : range.type === `${major}/*` ? 1 : range.type === '*/*' ? 0 : -1;
    if (rank > best.rank) best = { q: range.q, exact: rank === 2, rank };
  }
  return best;
}

function parseAccept(accept: string): { type: string; q: number }[] {
  return accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    return { type, q: Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0 };
  });
}

/**
 * CSV when the client prefers text/csv to JSON. `q=0` refuses a type; on a tie, the type the
 * client named beats one it only reached through a wildcard, and JSON beats CSV otherwise.
 */
export const wantsCsv = (accept: string | undefined): boolean => {
  if (accept === undefined || !/text\/csv/i.test(accept)) return false;
  const ranges = parseAccept(accept);
  const csv = quality(ranges, 'text/csv');
  const json = quality(ranges, 'application/json');
  if (csv.q === 0) return false;
  return csv.q > json.q || (csv.q === json.q && csv.exact && !json.exact);
};
