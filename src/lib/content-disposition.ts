/**
 * A Content-Disposition with the name as RFC 6266 wants it: `filename*` carrying the exact name
 * (UTF-8, percent-encoded, so control characters, quotes and bidirectional overrides arrive
 * escaped and cannot end the header or reorder it), and an ASCII `filename` for old clients with
 * everything else replaced. The name is the uploader's: only ever a label here, never a path.
 */
export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\/%;]/g, '_').trim() || 'document';
  const wellFormed = name.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
  const encoded = encodeURIComponent(wellFormed).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
