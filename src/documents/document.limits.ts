import { AppError, message } from '../lib/errors.ts';

/** What one file and one assessment's documents may hold (DOCUMENT_MAX_BYTES, ASSESSMENT_DOCUMENTS_MAX_BYTES). */
export interface DocumentLimits {
  fileBytes: number;
  assessmentBytes: number;
}

/**
 * Room for the multipart framing around the file (boundaries, part headers with a long name): a
 * Content-Length beyond the file limit by more than this cannot hold an allowed file.
 */
export const FRAMING_BYTES = 16 * 1024;

const mib = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;

/** 413 naming the limit crossed, in bytes and MiB, so a person knows what to send instead. */
export function tooLarge(scope: 'file' | 'assessment', limitBytes: number, usedBytes = 0): AppError {
  return new AppError(
    'payload_too_large',
    message(scope === 'file' ? 'problem.documentTooLarge' : 'problem.documentsFull', {
      limit: mib(limitBytes),
      limitBytes,
      remaining: mib(Math.max(limitBytes - usedBytes, 0)),
    }),
    {
      scope,
      limit: mib(limitBytes),
      limitBytes,
      ...(scope === 'assessment' && { usedBytes }),
      // The rest of the body is not read: the connection is closed after the answer.
      headers: { connection: 'close' },
    },
  );
}

/** 413 before the body is read, when its Content-Length already tells. */
export function checkDeclaredLength(
  contentLength: string | undefined,
  limits: DocumentLimits,
  used: number,
): void {
  const declared = Number(contentLength);
  if (!contentLength || !Number.isSafeInteger(declared)) return;
  if (declared > limits.fileBytes + FRAMING_BYTES) throw tooLarge('file', limits.fileBytes);
  if (used + declared - FRAMING_BYTES > limits.assessmentBytes) {
    throw tooLarge('assessment', limits.assessmentBytes, used);
  }
}

/** What this upload may hold: the file limit or what is left of the assessment's, the lower. */
export function uploadLimit(limits: DocumentLimits, used: number): { bytes: number; error: () => AppError } {
  const left = limits.assessmentBytes - used;
  return left < limits.fileBytes
    ? { bytes: Math.max(left, 0), error: () => tooLarge('assessment', limits.assessmentBytes, used) }
    : { bytes: limits.fileBytes, error: () => tooLarge('file', limits.fileBytes) };
}
