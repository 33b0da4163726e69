import { BlockList, isIP } from 'node:net';
import { AppError, message } from '../lib/errors.ts';

/**
 * The server-side request forgery guard: a webhook may not reach this host, its network or a
 * cloud metadata service. Checked when a subscription is made (400) and again before every
 * attempt against what the name resolves to then, and the connection goes to the very address
 * that was checked (no second lookup a rebinding DNS server could answer differently).
 */

/** Resolves a host name to every address it has (injectable: tests never ask a real DNS server). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['2001::', 32], // Teredo
  ['2002::', 16], // 6to4 (embeds an IPv4 address)
  ['fc00::', 7], // unique local, AWS metadata fd00:ec2::254
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address. */
function groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (s: string) => (s ? s.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), if any. */
function embeddedV4(address: string): string | null {
  const g = groups(address);
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !nat64) return null;
  const [hi = 0, lo = 0] = g.slice(6);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Whether an address is loopback, private, link-local, metadata, multicast or reserved. */
export function forbiddenAddress(address: string): boolean {
  const version = isIP(address.split('%')[0] ?? '');
  if (version === 4) return blocked.check(address, 'ipv4');
  if (version !== 6) return true;
  const v4 = embeddedV4(address);
  if (v4) return blocked.check(v4, 'ipv4');
  return blocked.check(address.split('%')[0] ?? '', 'ipv6');
}

export const refused = (url: string, reason: string) =>
  new AppError('bad_request', message('problem.webhookTarget', { url, reason }), {
    errors: [{ path: 'url', message: reason }],
  });

/** The host of a URL as an address or a name (brackets of an IPv6 literal removed). */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * The addresses a target may be reached at, all checked; throws (400) naming why not. With
 * `allowPrivate` (WEBHOOKS_ALLOW_PRIVATE_TARGETS) every address passes.
 */
export async function checkTarget(
  raw: string,
  resolve: Resolver,
  allowPrivate: boolean,
): Promise<{ url: URL; addresses: { address: string; family: number }[] }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused(raw, 'not_a_url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused(raw, 'scheme_not_http');
  if (url.username || url.password) throw refused(raw, 'credentials_in_url');
  const host = hostOf(url);
  const literal = isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw refused(raw, 'does_not_resolve');
    }
    if (!addresses.length) throw refused(raw, 'does_not_resolve');
  }
  if (!allowPrivate && addresses.some((a) => forbiddenAddress(a.address))) {
    throw refused(raw, 'private_address');
  }
  return { url, addresses };
}
