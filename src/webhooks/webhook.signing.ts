import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): a `whsec_` secret is base64 of
 * the key bytes; a signature is `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` with those
 * bytes. During a rotation both secrets sign, space-separated, so receivers may switch at leisure.
 */

const PREFIX = 'whsec_';

/** A new secret: 24 random bytes (the specification asks for 24 to 64). */
export const newSecret = (): string => `${PREFIX}${randomBytes(24).toString('base64')}`;

export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers of one attempt: the timestamp is the attempt's own, in whole seconds. */
export function signedHeaders(
  secrets: readonly string[],
  id: string,
  nowMs: number,
  body: string,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((s) => signature(s, id, timestamp, body)).join(' '),
  };
}
