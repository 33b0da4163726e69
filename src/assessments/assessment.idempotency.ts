import { createHash } from 'node:crypto';
import { AppError, message } from '../lib/errors.ts';
import type { AssessmentRepository, AssessmentRow } from './assessment.repository.ts';

/** What identifies a create's request: a retry must send the same body. */
export const requestHash = (body: unknown): string =>
  createHash('sha256').update(JSON.stringify(body)).digest('hex');

/**
 * The assessment an earlier create with this Idempotency-Key made, or null when the key is new;
 * 422 when the key was used for another request. Call inside the create's transaction: a key
 * found there is committed with it or not at all, so a retry is never answered with a create that
 * then fails to commit.
 */
export function replayOf(
  repository: Pick<AssessmentRepository, 'findIdempotencyKey' | 'findById'>,
  actor: string,
  key: string,
  hash: string,
): AssessmentRow | null {
  const previous = repository.findIdempotencyKey(actor, key);
  if (!previous) return null;
  if (previous.requestHash !== hash)
    throw new AppError('unprocessable', message('problem.idempotencyReused'));
  return repository.findById(previous.assessmentId);
}
