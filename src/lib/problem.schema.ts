import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors.ts';

export const fieldErrorSchema = z
  .object({
    path: z.string().meta({ description: 'Where the problem is, e.g. `body.answers[2].value`' }),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });

export const problemSchema = z
  .object({
    type: z
      .string()
      .max(100)
      .regex(/^urn:migov:problem:[a-z-]+$/)
      .meta({ description: 'A URI identifying the problem type', example: 'urn:migov:problem:validation' }),
    title: z
      .string()
      .max(100)
      .meta({ description: 'The title of the problem type, in the caller’s language' }),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    // Node refuses a request line and headers over 16 KiB (431), so a path is shorter.
    instance: z.string().max(16384).meta({ description: 'The request path' }),
    requestId: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9._:-]+$/)
      .meta({ description: 'Quote this when reporting a problem' }),
    errors: z
      .array(fieldErrorSchema)
      .max(20)
      .optional()
      .meta({ description: 'The fields at fault, at most 20; `errorsOmitted` counts the others' }),
    errorsOmitted: z
      .number()
      .int()
      .min(0)
      .optional()
      .meta({ description: 'How many field errors `errors` leaves out' }),
  })
  .loose()
  .meta({ id: 'Problem', description: 'An RFC 9457 problem details object' });

export type Problem = z.infer<typeof problemSchema>;

const DESCRIPTIONS: Partial<Record<number, string>> = {
  400: 'Malformed request: invalid JSON, unknown fields or values out of range',
  401: 'Missing, malformed, expired or untrusted bearer token',
  403: 'The caller’s role may not perform this operation',
  404: 'Not found, or outside the caller’s scope',
  409: 'Conflicts with the current state of the resource',
  412: 'If-Match does not match the current ETag',
  413: 'Body larger than the limit',
  415: 'Content-Type other than application/json',
  428: 'This operation requires If-Match',
  429: 'Rate limit exceeded; see Retry-After',
  500: 'An unexpected failure; quote `requestId` when reporting it',
  503: 'Overloaded or not ready; see Retry-After',
};

/** OpenAPI response entries for problem+json answers, keyed by status. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description:
          DESCRIPTIONS[status] ??
          Object.values(ERROR_CODES).find((c) => c.status === status)?.title ??
          'Problem',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  );
}

/**
 * Every route can answer these: 400 (an over-long or malformed `Accept-Language` is refused
 * before any handler), 429 (the rate limit), 500 (an unexpected failure) and 503 (overload).
 */
export const PUBLIC_PROBLEMS = [400, 429, 500, 503] as const;

/** Every authenticated route answers those and 401. */
export const AUTHENTICATED_PROBLEMS = [...PUBLIC_PROBLEMS, 401] as const;

export type { ErrorCode };
