import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open data (GET /v1/public/…): readable by other sites' pages. */
    publicData?: boolean;
  }
}

/**
 * Open data is read by other sites' dashboards: routes that declare `config.publicData` answer
 * `Access-Control-Allow-Origin: *` and a cross-origin resource policy, on every answer including
 * the rate limit's 429 (this hook runs before it). Private routes send neither: a browser then
 * keeps other origins out, which is the intent. Declared per route, never by matching URLs.
 */
export default fp(
  async (app) => {
    app.addHook(
      'onRequest',
      (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
        if (request.routeOptions.config?.publicData) {
          reply.header('access-control-allow-origin', '*');
          reply.header('cross-origin-resource-policy', 'cross-origin');
        }
        done();
      },
    );
  },
  { name: 'public-data', dependencies: ['security-headers'] },
);
