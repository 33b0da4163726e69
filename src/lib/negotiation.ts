/** The little content negotiation the API does: CSV versus JSON, and gzip. */

/** CSV when the client asks for text/csv and not (also) for JSON. */
export const wantsCsv = (accept: string | undefined): boolean =>
  accept !== undefined && /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept);

/** `gzip` listed and not refused with q=0 (RFC 9110 12.5.3). */
export const acceptsGzip = (header: string | undefined): boolean =>
  header !== undefined && /(^|,)\s*(gzip|\*)\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(header);
