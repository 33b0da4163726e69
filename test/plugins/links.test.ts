/**
 * Links as people share them open: the web app's page ignores query parameters it does not use
 * (utm_source, fbclid), and the docs' old index address redirects to /docs/ whatever follows it
 * (it used to redirect to itself forever when a query followed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helper.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

describe('the web app page', () => {
  it.each(['/?utm_source=newsletter&utm_medium=email', '/?fbclid=IwAR0abc', '/?lang=fr&utm_campaign=mgi'])(
    'opens from %s',
    async (url) => {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    },
  );
});

describe('/docs/static/index.html', () => {
  it.each(['', '?anything', '?a=1&b=2'])('with %j redirects once, to /docs/', async (query) => {
    const res = await ctx.app.inject({ method: 'GET', url: `/docs/static/index.html${query}` });
    expect(res.statusCode).toBe(302);
    const location = String(res.headers.location);
    expect(location.split('?')[0]).toBe('/docs/');
    const page = await ctx.app.inject({ method: 'GET', url: location });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
  });
});
