/**
 * A test app listening on a real port, and fetch calls against it: concurrency needs sockets
 * (`app.inject` would serialise the requests).
 */
import { createTestApp, type TestContext } from '../helper.ts';

export interface Reply {
  status: number;
  etag: string | null;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: test replies are read field by field
  json: any;
}

export interface Http {
  ctx: TestContext;
  call: (method: string, path: string, headers: Record<string, string>, body?: unknown) => Promise<Reply>;
}

export async function listeningApp(): Promise<Http> {
  const ctx = await createTestApp();
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening on a TCP port');
  const base = `http://127.0.0.1:${address.port}`;
  const call = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: the test reads `body`
    }
    return { status: res.status, etag: res.headers.get('etag'), body: text, json };
  };
  return { ctx, call };
}
