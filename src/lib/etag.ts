import { AppError, message } from './errors.ts';

/** The ETag of a resource at a revision. Strong: the revision identifies the content exactly. */
export const etagFor = (revision: number): string => `"r${revision}"`;

/**
 * Checks an If-Match header against the current revision.
 * `required`: state changes must send it (428 without); answer writes only honour it.
 */
export function checkIfMatch(header: string | undefined, revision: number, required: boolean): void {
  if (header === undefined || header.trim() === '') {
    if (required) {
      throw new AppError('precondition_required', message('problem.ifMatchRequired'), {
        currentEtag: etagFor(revision),
      });
    }
    return;
  }
  const current = etagFor(revision);
  const candidates = header.split(',').map((t) => t.trim());
  // Weak comparison is not allowed for If-Match (RFC 9110 13.1.1), so W/ tags never match.
  if (candidates.includes('*') || candidates.includes(current)) return;
  throw new AppError('precondition_failed', message('problem.stale', { current }), {
    currentEtag: current,
  });
}
