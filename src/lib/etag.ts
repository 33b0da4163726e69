import { AppError } from './errors.ts';

/** The ETag of a resource at a revision. Strong: the revision identifies the content exactly. */
export const etagFor = (revision: number): string => `"r${revision}"`;

/**
 * Checks an If-Match header against the current revision.
 * `required`: state changes must send it (428 without); answer writes only honour it.
 */
export function checkIfMatch(header: string | undefined, revision: number, required: boolean): void {
  if (header === undefined || header.trim() === '') {
    if (required) {
      throw new AppError('precondition_required', 'Send If-Match with the ETag you last read', {
        currentEtag: etagFor(revision),
      });
    }
    return;
  }
  const current = etagFor(revision);
  const candidates = header.split(',').map((t) => t.trim());
  // Weak comparison is not allowed for If-Match (RFC 9110 13.1.1), so W/ tags never match.
  if (candidates.includes('*') || candidates.includes(current)) return;
  throw new AppError(
    'precondition_failed',
    `The assessment has changed since you read it; it is now at ${current}`,
    {
      currentEtag: current,
    },
  );
}
