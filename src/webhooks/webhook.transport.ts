import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Resolver } from './webhook.ssrf.ts';

/** One attempt, to an address already checked by the SSRF guard. */
export interface WebhookRequest {
  url: URL;
  /** The checked address the connection must go to (never looked up again). */
  address: string;
  family: number;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface WebhookResponse {
  status: number;
}

/** Opens the connection and sends one attempt (injectable: tests count the connections). */
export type Connector = (request: WebhookRequest) => Promise<WebhookResponse>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** The most of a receiver's answer read (then dropped): enough to finish the exchange. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Node's http(s) client pinned to the checked address: its `lookup` answers with that address
 * only, so no second DNS query happens; TLS still checks the certificate against the URL's host.
 * Redirects are never followed (Node's client does not), the whole attempt has one deadline.
 */
export const systemConnector: Connector = (request) =>
  new Promise((resolve, reject) => {
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
          { address: request.address, family: request.family },
        ]);
      } else callback(null, request.address, request.family);
    };
    const client = request.url.protocol === 'https:' ? https : http;
    const req = client.request(
      request.url,
      {
        method: 'POST',
        agent: false,
        lookup: pinned,
        headers: {
          ...request.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(request.body)),
          'user-agent': 'migov-webhooks',
        },
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('close', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error('timeout')), request.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(request.body);
  });
