import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal, Role } from '../auth/claims.ts';
import { tokenVerifier, unauthorized } from '../auth/token-verifier.ts';
import type { Config } from '../config.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { AppError, message } from '../lib/errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: a verified bearer token, and (when given) one of these roles. */
    authenticate: (roles?: readonly Role[]) => onRequestHookHandler;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

/** The bearer token of a request; throws 401 when there is none or it is not JWT-shaped. */
function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthorized(message('problem.auth.missing'));
  // The scheme is case-insensitive (RFC 9110 11.1): `bearer` and `BEARER` are Bearer.
  const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i.exec(header.trim());
  if (!match?.[1]) throw unauthorized(message('problem.auth.notBearer'), 'invalid_request');
  return match[1];
}

const admit = (request: FastifyRequest, principal: Principal, roles: readonly Role[] | undefined) => {
  request.principal = principal;
  if (roles && !roles.includes(principal.role)) {
    throw new AppError('forbidden', message('problem.roleNotPermitted', { role: principal.role }));
  }
};

/** Authentication in one plugin: routes opt in with `onRequest: app.authenticate(roles)`. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const verify = await tokenVerifier(config);
    /*
     * Tokens that verified are remembered until they expire: a signature check costs more
     * than the rest of a cached report request. Only successes are cached, keyed by the whole
     * token, and expiry is checked on every use.
     */
    const verified = new BoundedMap<string, { principal: Principal; expiresAt: number }>(10_000);
    const remembered = (token: string): Principal | undefined => {
      const known = verified.get(token);
      if (known && known.expiresAt > Date.now()) return known.principal;
      if (known) verified.delete(token);
      return undefined;
    };

    app.decorateRequest('principal', null as unknown as Principal);
    app.decorate('authenticate', (roles?: readonly Role[]) => {
      // Callback style, so a remembered token costs no promise.
      return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
        let token: string;
        try {
          token = bearer(request);
          const known = remembered(token);
          if (known) {
            admit(request, known, roles);
            done();
            return;
          }
        } catch (error) {
          done(error as Error);
          return;
        }
        verify(token, request.log).then(({ principal, exp }) => {
          verified.set(token, { principal, expiresAt: exp * 1000 });
          try {
            admit(request, principal, roles);
            done();
          } catch (error) {
            done(error as Error);
          }
        }, done);
      };
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);
