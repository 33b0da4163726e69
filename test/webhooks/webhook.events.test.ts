import { beforeAll, describe, expect, it } from 'vitest';
import { multipart, samplePdf } from '../documents/samples.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { actors, publish, validated } from '../publication/support.ts';
import { fakeClock, fakeConnector, fakeResolver } from './fakes.ts';

/**
 * Every kind of event reaches a subscriber to all of them, each with the assessment's id,
 * country and period: the workflow, threads, publication and documents. Fake clock and
 * connector: the loop is stepped by hand and nothing is sent.
 */

const clock = fakeClock();
const dns = fakeResolver({ 'hooks.example.org': ['93.184.215.14'] });
const net = fakeConnector([200]);
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp(
    { EVENTS_COALESCE_MS: 1000 },
    { events: { clock, resolver: dns.resolver, connector: net.connector, autoStart: false } },
  );
});

const bodies = () =>
  net.calls.map((c) => JSON.parse(c.body) as { type: string; data: Record<string, unknown> });

async function pass() {
  clock.advance(2000);
  await ctx.app.events.dispatcher.tick();
}

describe('events of every module', () => {
  it('delivers the workflow, comment, publication and document events', async () => {
    const who = await actors(ctx);
    const made = await ctx.app.inject({
      method: 'POST',
      url: '/v1/webhooks',
      headers: who.admin,
      payload: { url: 'https://hooks.example.org/all' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id, etag } = await validated(ctx, who, 'GHA', '2026');
    await pass();
    const after = await publish(ctx, who, id, 'GHA', etag);
    await pass();
    const withdrawn = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${id}/unpublish`,
      headers: { ...who.admin, 'if-match': after },
      payload: { reason: 'A figure to correct' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const focal = await who.focal('KEN');
    const draft = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'KEN', period: '2027' },
    });
    const part = multipart('act.pdf', samplePdf(), 'application/pdf');
    const uploaded = await ctx.app.inject({
      method: 'POST',
      url: `/v1/assessments/${draft.json().id}/documents`,
      headers: { ...focal, 'content-type': part.contentType },
      payload: part.body,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    await pass();
    const types = bodies().map((b) => b.type);
    for (const type of [
      'assessment.created',
      'assessment.answers_changed',
      'comment.posted',
      'assessment.submitted',
      'assessment.validated',
      'assessment.published',
      'assessment.unpublished',
      'document.added',
    ]) {
      expect(types, type).toContain(type);
    }
    for (const body of bodies()) {
      expect(body.data.assessmentId, body.type).toEqual(expect.any(String));
      expect(body.data.country, body.type).toMatch(/^(GHA|KEN)$/);
      expect(body.data.period, body.type).toMatch(/^202[67]$/);
    }
    const doc = bodies().find((b) => b.type === 'document.added');
    expect(doc?.data).toMatchObject({ name: 'act.pdf', mediaType: 'application/pdf', country: 'KEN' });
    const gone = bodies().find((b) => b.type === 'assessment.unpublished');
    expect(gone?.data.reason).toBe('A figure to correct');
  });
});
