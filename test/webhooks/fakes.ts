import type { Resolver } from '../../src/webhooks/webhook.ssrf.ts';
import type { Connector, WebhookRequest } from '../../src/webhooks/webhook.transport.ts';

/** A clock the test moves by hand. */
export function fakeClock(start = Date.UTC(2026, 11, 7, 12)) {
  const clock = { at: start, now: () => clock.at, advance: (ms: number) => (clock.at += ms) };
  return clock;
}

/** A DNS the test writes: names to addresses, changeable mid-test (a rebinding server). */
export function fakeResolver(table: Record<string, string[]>) {
  const asked: string[] = [];
  const resolver: Resolver = async (hostname) => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolver, table, asked };
}

/**
 * A connector that opens nothing: it records each attempt it is asked to make and answers with
 * the next status of `statuses` (the last one repeats). No test packet leaves the process.
 */
export function fakeConnector(statuses: number[] = [200]) {
  const calls: WebhookRequest[] = [];
  const connector: Connector = async (request) => {
    calls.push(request);
    return { status: statuses[Math.min(calls.length - 1, statuses.length - 1)] ?? 200 };
  };
  return { connector, calls, statuses };
}
