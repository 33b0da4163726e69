import { beforeAll, describe, expect, it } from 'vitest';
import type { Connector } from '../../src/webhooks/webhook.transport.ts';
import { systemConnector } from '../../src/webhooks/webhook.transport.ts';
import { createTestApp, expectProblem, type TestContext } from '../helper.ts';
import { fakeClock, fakeConnector, fakeResolver } from './fakes.ts';
import { startReceiver } from './receiver.ts';

/**
 * Server-side request forgery: targets that are, or resolve to, loopback, private, link-local or
 * metadata addresses are refused when subscribed (400) and again at delivery, before any
 * connection is opened (the resolver and the connector are fakes that record what they were
 * asked: no packet leaves this process). Redirects are not followed.
 */

const clock = fakeClock();
const dns = fakeResolver({
  'public.example.org': ['93.184.215.14'],
  'internal.example.org': ['10.1.2.3'],
  'metadata.example.org': ['169.254.169.254'],
  'mixed.example.org': ['93.184.215.14', '192.168.0.10'],
  'six.example.org': ['::ffff:127.0.0.1'],
  'rebind.example.org': ['93.184.215.14'],
});
const net = fakeConnector([200]);
let ctx: TestContext;
let admin: { authorization: string };

beforeAll(async () => {
  ctx = await createTestApp(
    {},
    { events: { clock, resolver: dns.resolver, connector: net.connector, autoStart: false } },
  );
  admin = await ctx.auth({ role: 'admin' });
});

const create = (url: string) =>
  ctx.app.inject({ method: 'POST', url: '/v1/webhooks', headers: admin, payload: { url } });

describe('the SSRF guard', () => {
  it.each([
    'http://127.0.0.1/hook',
    'http://127.1.2.3:8080/hook',
    'http://0.0.0.0/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[fe80::1]/',
    'http://[fd00:ec2::254]/',
    'http://[64:ff9b::a00:1]/',
    'http://internal.example.org/',
    'http://metadata.example.org/',
    'http://mixed.example.org/',
    'http://six.example.org/',
    'http://nowhere.example.org/',
    'ftp://public.example.org/',
    'https://user:pass@public.example.org/',
  ])('refuses %s with 400 and opens no connection', async (url) => {
    const res = await create(url);
    expectProblem(res, 400);
    expect(net.calls).toHaveLength(0);
  });

  it('takes a public target, then refuses delivery when its name has come to resolve to a private address', async () => {
    const made = await create('https://rebind.example.org/hook');
    expect(made.statusCode, made.body).toBe(201);
    dns.table['rebind.example.org'] = ['169.254.169.254'];
    const focal = await ctx.auth({ role: 'focal_point', country: 'KEN' });
    const opened = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'KEN', period: '2050' },
    });
    expect(opened.statusCode).toBe(201);
    await ctx.app.events.dispatcher.tick();
    expect(net.calls).toHaveLength(0);
    const log = await ctx.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${made.json().id}/deliveries`,
      headers: admin,
    });
    expect(log.json().items[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      responseStatus: null,
      error: 'refused: private_address',
    });
    // Back to a public address: the next attempt goes to exactly the address that was checked.
    dns.table['rebind.example.org'] = ['93.184.215.14'];
    clock.advance(5_000);
    await ctx.app.events.dispatcher.tick();
    expect(net.calls.map((c) => c.address)).toEqual(['93.184.215.14']);
  });
});

describe('redirects', () => {
  it('are not followed: one connection, the 3xx recorded as a failed attempt', async () => {
    const receiver = await startReceiver();
    receiver.answer = () => ({
      status: 302,
      headers: { location: 'http://169.254.169.254/latest/meta-data/' },
    });
    const opened: string[] = [];
    // The real connector, to the loopback receiver only (allowed for this app), counted.
    const counting: Connector = (request) => {
      opened.push(`${request.address}:${request.url.port}`);
      return systemConnector(request);
    };
    const local = await createTestApp(
      { WEBHOOKS_ALLOW_PRIVATE_TARGETS: true },
      { events: { clock, resolver: dns.resolver, connector: counting, autoStart: false } },
    );
    const localAdmin = await local.auth({ role: 'admin' });
    const made = await local.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: localAdmin,
      payload: { url: receiver.url, events: ['assessment.created'] },
    });
    expect(made.statusCode, made.body).toBe(201);
    await local.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: await local.auth({ role: 'focal_point', country: 'KEN' }),
      payload: { country: 'KEN', period: '2051' },
    });
    await local.app.events.dispatcher.tick();
    expect(opened).toEqual([`127.0.0.1:${receiver.port}`]);
    expect(receiver.received).toHaveLength(1);
    const log = await local.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${made.json().id}/deliveries`,
      headers: localAdmin,
    });
    expect(log.json().items[0]).toMatchObject({ status: 'pending', responseStatus: 302 });
    await receiver.close();
  });
});
