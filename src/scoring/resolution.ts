/**
 * Resolution: for every question, whether it is enabled, answered, not applicable and scored,
 * and its score in [0, 1] (NaN when not scored). A question is enabled only when its enableWhen
 * target is itself scored and answered with one of the listed values, so a chain of conditions
 * switches off together and an answer kept for a disabled question never counts.
 *
 * A leaf of its own (resolve.ts re-exports it) so that the parts the compiler calls, such as the
 * 10.7.2 instrument, can read a resolution without importing resolve.ts, which imports compile.ts.
 */

export const FLAG_ENABLED = 1;
export const FLAG_ANSWERED = 2;
export const FLAG_NOT_APPLICABLE = 4;
export const FLAG_SCORED = 8;

export interface Resolution {
  readonly flags: Uint8Array;
  readonly scores: Float64Array;
}
