import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers, computed once. The headers do not depend on the request, and running
 * helmet's middleware chain on every request cost more than the rest of a cached report
 * request, so helmet is run once at start-up against a recording response and the result is
 * applied with one synchronous hook.
 */
export function helmetHeaders(options: Readonly<HelmetOptions>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  // helmet's middleware only ever calls setHeader/removeHeader and next, synchronously.
  helmet(options)({} as never, recorder as never, () => undefined);
  return headers;
}

let computed: Record<string, string> | undefined;

/** The headers every API response carries; also written by hand where no hook runs (client errors). */
export function apiSecurityHeaders(): Record<string, string> {
  computed ??= helmetHeaders({
    // A JSON API: nothing may be loaded or framed. /docs sets its own policy.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Headers for old browsers rendering HTML; an API's JSON gains nothing from them, and
    // every header is validated and written on every response.
    xXssProtection: false,
    xDownloadOptions: false,
    xDnsPrefetchControl: false,
    xPermittedCrossDomainPolicies: false,
    originAgentCluster: false,
  });
  return computed;
}

export default fp(
  async (app) => {
    const headers = apiSecurityHeaders();
    app.addHook(
      'onRequest',
      (_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
        reply.headers(headers);
        done();
      },
    );
  },
  { name: 'security-headers' },
);
