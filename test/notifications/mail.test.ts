import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

/**
 * E-mail through a real SMTP server started here (smtp-server, a protocol implementation, not a
 * mock), read back with mailparser: the recipient's language, quoted reason and remarks, links
 * from PUBLIC_BASE_URL, and a kind a person turned off.
 */

const received: ParsedMail[] = [];
let smtp: SMTPServer;
let ctx: TestContext;
const BASE = 'https://migov.example.org';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => received.push(mail))
        .then(() => callback(), callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  ctx = await createTestApp({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: 'migov <no-reply@migov.example.org>',
    PUBLIC_BASE_URL: BASE,
    OUTBOX_POLL_MS: 50,
  });
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

async function until(predicate: () => boolean, what: string) {
  const deadline = Date.now() + 20_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`no mail: ${what}; got ${received.map((m) => m.subject)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;

describe('e-mail notifications', () => {
  it('tells each focal point of a return in their language, quoting reason and remarks, with links', async () => {
    const amelie = await ctx.auth({
      role: 'focal_point',
      country: 'KEN',
      sub: 'amelie',
      email: 'amelie@ken.example',
    });
    const bruno = await ctx.auth({
      role: 'focal_point',
      country: 'KEN',
      sub: 'bruno',
      email: 'bruno@ken.example',
    });
    const carla = await ctx.auth({
      role: 'focal_point',
      country: 'KEN',
      sub: 'carla',
      email: 'carla@ken.example',
    });
    const reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
    // Amélie chose French; Bruno's last request was in Spanish; Carla turned returns off.
    const prefs = (headers: object, payload: object, lang = 'en') =>
      ctx.app.inject({
        method: 'PATCH',
        url: '/v1/me/preferences',
        headers: { ...headers, 'accept-language': lang },
        payload,
      });
    expect((await prefs(amelie, { language: 'fr' })).statusCode).toBe(200);
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: { ...bruno, 'accept-language': 'es' } }))
        .statusCode,
    ).toBe(200);
    expect((await prefs(carla, { notifications: { remark: 'off' } })).statusCode).toBe(200);

    const { id, etag } = await runAssessment(ctx, {
      focal: amelie,
      country: 'KEN',
      period: '2060',
      answers: answerSet(migof()),
      until: 'submitted',
    });
    const returned = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/return`,
      headers: { ...reviewer, 'if-match': etag },
      payload: {
        reason: 'Two points to check',
        remarks: [
          { question: 'P1.1.1', text: 'Cite the act' },
          { question: 'P3.1.1', text: 'Which agreements?' },
        ],
      },
    });
    expect(returned.statusCode, returned.body).toBe(200);
    await until(() => received.length >= 2, 'the return');
    const byAddress = new Map(received.map((m) => [to(m), m]));
    expect([...byAddress.keys()].sort()).toEqual(['amelie@ken.example', 'bruno@ken.example']);

    const fr = byAddress.get('amelie@ken.example') as ParsedMail;
    expect(fr.subject).toBe('Kenya 2060\u202f: renvoyée pour modification');
    expect(fr.text).toContain('Motif\u202f: «\u202fTwo points to check\u202f»');
    expect(fr.text).toContain('P1.1.1\u202f: «\u202fCite the act\u202f»');
    expect(fr.text).toContain('P3.1.1\u202f: «\u202fWhich agreements?\u202f»');
    expect(fr.text).toContain(`${BASE}/#/a/${id}`);
    expect(fr.text).toContain(`${BASE}/#/preferences`);
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(fr.from?.value[0]?.address).toBe('no-reply@migov.example.org');

    const es = byAddress.get('bruno@ken.example') as ParsedMail;
    expect(es.subject).toBe('Kenya 2060: devuelta para cambios'); // the UN Spanish short name
    expect(es.text).toContain('Motivo: «Two points to check»');
    expect(es.text).toContain(`${BASE}/#/a/${id}`);
  });

  it('tells a ministry of questions assigned to it: its staff with an address and its contact addresses', async () => {
    received.length = 0;
    const focal = await ctx.auth({ role: 'focal_point', country: 'UGA', sub: 'uga-focal' });
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/v1/countries/UGA/ministries',
      headers: focal,
      payload: { code: 'MOL', name: 'Ministry of Labour', contacts: ['desk@labour.example'] },
    });
    expect(made.statusCode, made.body).toBe(201);
    const ministryId = made.json().id as string;
    // One contributor has signed in (in French); another turned "assigned" off.
    const claims = { role: 'contributor', country: 'UGA', ministry: 'MOL' };
    const lea = await ctx.auth({ ...claims, sub: 'lea', email: 'lea@labour.example' });
    const max = await ctx.auth({ ...claims, sub: 'max', email: 'max@labour.example' });
    await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: { ...lea, 'accept-language': 'fr' } });
    await ctx.app.inject({
      method: 'PATCH',
      url: '/v1/me/preferences',
      headers: max,
      payload: { notifications: { assigned: 'off' } },
    });
    const opened = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'UGA', period: '2061' },
    });
    const id = opened.json().id as string;
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${id}/assignments`,
      headers: { ...focal, 'if-match': String(opened.headers.etag) },
      payload: { assignments: [{ scope: 'P1.1', lead: ministryId, contributors: [] }] },
    });
    expect(put.statusCode, put.body).toBe(200);
    await until(() => received.length >= 2, 'the assignment');
    const byAddress = new Map(received.map((m) => [to(m), m]));
    expect([...byAddress.keys()].sort()).toEqual(['desk@labour.example', 'lea@labour.example']);
    const fr = byAddress.get('lea@labour.example') as ParsedMail;
    expect(fr.subject).toBe('Ouganda 2061\u202f: questions pour Ministry of Labour');
    expect(fr.text).toContain(`${BASE}/#/a/${id}/consultation`);
    expect(byAddress.get('desk@labour.example')?.subject).toBe(
      'Uganda 2061: questions for Ministry of Labour',
    );
  });
});
