import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import {
  type CryptoKey,
  createRemoteJWKSet,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import { type Principal, principalSchema, type Role } from '../auth/claims.ts';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from '../auth/keys.ts';
import type { Config } from '../config.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { AppError, message, type ProblemMessage } from '../lib/errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: a verified bearer token, and (when given) one of these roles. */
    authenticate: (roles?: readonly Role[]) => onRequestHookHandler;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

/** Asymmetric algorithms only: `none` and HMAC tokens are refused before any key is looked up. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

/** Seconds of clock difference allowed with the token's issuer (exp, nbf, iat). */
const CLOCK_TOLERANCE_S = 30;

class KeysUnavailable extends Error {
  constructor(cause: unknown) {
    super('identity provider keys unavailable', { cause });
  }
}

const unauthorized = (detail: string | ProblemMessage, error?: string) =>
  new AppError('unauthorized', detail, {
    headers: {
      'www-authenticate': error ? `Bearer realm="migov", error="${error}"` : 'Bearer realm="migov"',
    },
  });

export default fp<{ config: Config }>(
  async (app, { config }) => {
    let key: CryptoKey | JWTVerifyGetKey;
    let algorithms: string[];
    if (config.AUTH_JWKS_URL) {
      const jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { timeoutDuration: 5000 });
      // Tell "this token names no key we know" (the token's fault: 401) from "the identity
      // provider's keys could not be fetched" (ours: 503), which jose reports as a timeout, a
      // generic error for a non-200 answer, or the network error itself.
      key = async (header, token) => {
        try {
          return await jwks(header, token);
        } catch (error) {
          if (
            error instanceof joseErrors.JWKSNoMatchingKey ||
            error instanceof joseErrors.JWKSMultipleMatchingKeys ||
            error instanceof joseErrors.JOSENotSupported ||
            error instanceof joseErrors.JWSInvalid
          ) {
            throw error;
          }
          throw new KeysUnavailable(error);
        }
      };
      algorithms = JWKS_ALGORITHMS;
    } else {
      key = (await loadOrCreateLocalKeys(config.DATA_DIR)).publicKey;
      algorithms = [LOCAL_ALGORITHM];
    }

    /*
     * Tokens that verified are remembered until they expire: a signature check costs more
     * than the rest of a cached report request. Only successes are cached, keyed by the whole
     * token, and expiry is checked on every use.
     */
    const verified = new BoundedMap<string, { principal: Principal; expiresAt: number }>(10_000);

    /** The bearer token of a request; throws 401 when there is none or it is not JWT-shaped. */
    function bearer(request: FastifyRequest): string {
      const header = request.headers.authorization;
      if (!header) throw unauthorized(message('problem.auth.missing'));
      // The scheme is case-insensitive (RFC 9110 11.1): `bearer` and `BEARER` are Bearer.
      const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i.exec(header.trim());
      if (!match?.[1]) throw unauthorized(message('problem.auth.notBearer'), 'invalid_request');
      return match[1];
    }

    function remembered(token: string): Principal | undefined {
      const known = verified.get(token);
      if (known && known.expiresAt > Date.now()) return known.principal;
      if (known) verified.delete(token);
      return undefined;
    }

    async function verify(token: string, request: FastifyRequest): Promise<Principal> {
      try {
        const { payload } = await jwtVerify(token, key as CryptoKey, {
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
          algorithms,
          requiredClaims: ['iss', 'aud', 'exp', 'sub'],
          clockTolerance: CLOCK_TOLERANCE_S,
        });
        checkLifetime(payload.iat, payload.exp as number);
        const claims = principalSchema.safeParse(payload);
        if (!claims.success) {
          throw unauthorized(
            `Token claims are invalid: ${claims.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
            'invalid_token',
          );
        }
        // exp is required, so it is a number here; the cached entry lapses with the token.
        verified.set(token, { principal: claims.data, expiresAt: (payload.exp as number) * 1000 });
        return claims.data;
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof KeysUnavailable) {
          request.log.error({ err: error }, 'identity provider keys unavailable');
          throw new AppError('unavailable', message('problem.idpUnavailable'), {
            headers: { 'retry-after': '30' },
          });
        }
        if (error instanceof joseErrors.JWTExpired)
          throw unauthorized(message('problem.auth.expired'), 'invalid_token');
        if (error instanceof joseErrors.JWTClaimValidationFailed) {
          throw unauthorized(
            message('problem.auth.claimInvalid', { claim: error.claim, reason: error.reason }),
            'invalid_token',
          );
        }
        if (
          error instanceof joseErrors.JWSSignatureVerificationFailed ||
          error instanceof joseErrors.JWKSNoMatchingKey
        ) {
          throw unauthorized(
            message(config.AUTH_JWKS_URL ? 'problem.auth.unknownKeyIdp' : 'problem.auth.unknownKeyLocal'),
            'invalid_token',
          );
        }
        if (error instanceof joseErrors.JOSEError) {
          throw unauthorized(message('problem.auth.unverified'), 'invalid_token');
        }
        if (error instanceof TypeError || error instanceof SyntaxError) {
          throw unauthorized(message('problem.auth.malformed'), 'invalid_token');
        }
        throw error;
      }
    }

    /**
     * A token issued in the future is forged or from a broken clock; one valid for longer than
     * AUTH_MAX_TOKEN_LIFETIME_SECONDS is a stolen credential that would never lapse. jose checks
     * neither unless asked for a maximum age, which would also refuse tokens without `iat`.
     */
    function checkLifetime(iat: unknown, exp: number): void {
      const now = Math.floor(Date.now() / 1000);
      const max = config.AUTH_MAX_TOKEN_LIFETIME_SECONDS;
      if (typeof iat === 'number' && iat > now + CLOCK_TOLERANCE_S) {
        throw unauthorized(
          message('problem.auth.iatFuture', { iat: new Date(iat * 1000).toISOString() }),
          'invalid_token',
        );
      }
      const from = typeof iat === 'number' ? iat : now;
      if (exp - from > max + CLOCK_TOLERANCE_S) {
        throw unauthorized(
          message('problem.auth.tooLong', { seconds: String(exp - from), max: String(max) }),
          'invalid_token',
        );
      }
    }

    app.decorateRequest('principal', null as unknown as Principal);
    const admit = (request: FastifyRequest, principal: Principal, roles: readonly Role[] | undefined) => {
      request.principal = principal;
      if (roles && !roles.includes(principal.role)) {
        throw new AppError('forbidden', message('problem.roleNotPermitted', { role: principal.role }));
      }
    };

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
        verify(token, request).then(
          (principal) => {
            try {
              admit(request, principal, roles);
              done();
            } catch (error) {
              done(error as Error);
            }
          },
          (error: Error) => done(error),
        );
      };
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);
