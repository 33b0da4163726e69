import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
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
import { AppError } from '../lib/errors.ts';

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

const unauthorized = (detail: string, error?: string) =>
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
      key = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { timeoutDuration: 5000 });
      algorithms = JWKS_ALGORITHMS;
    } else {
      key = (await loadOrCreateLocalKeys(config.DATA_DIR)).publicKey;
      algorithms = [LOCAL_ALGORITHM];
    }

    async function verify(request: FastifyRequest): Promise<Principal> {
      const header = request.headers.authorization;
      if (!header) throw unauthorized('Send Authorization: Bearer <token>');
      const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(header.trim());
      if (!match?.[1]) throw unauthorized('The Authorization header is not a Bearer JWT', 'invalid_request');
      try {
        const { payload } = await jwtVerify(match[1], key as CryptoKey, {
          issuer: config.AUTH_ISSUER,
          audience: config.AUTH_AUDIENCE,
          algorithms,
          requiredClaims: ['iss', 'aud', 'exp', 'sub'],
          clockTolerance: 30,
        });
        const claims = principalSchema.safeParse(payload);
        if (!claims.success) {
          throw unauthorized(
            `Token claims are invalid: ${claims.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
            'invalid_token',
          );
        }
        return claims.data;
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
          request.log.error({ err: error }, 'identity provider keys unavailable');
          throw new AppError('unavailable', 'The identity provider`s keys could not be fetched');
        }
        if (error instanceof joseErrors.JWTExpired)
          throw unauthorized('The token has expired', 'invalid_token');
        if (error instanceof joseErrors.JWTClaimValidationFailed) {
          throw unauthorized(`Token claim "${error.claim}" is invalid: ${error.reason}`, 'invalid_token');
        }
        if (error instanceof joseErrors.JOSEError) {
          throw unauthorized('The token could not be verified', 'invalid_token');
        }
        if (error instanceof TypeError || error instanceof SyntaxError) {
          throw unauthorized('The token is malformed', 'invalid_token');
        }
        throw error;
      }
    }

    app.decorateRequest('principal', null as unknown as Principal);
    app.decorate('authenticate', (roles?: readonly Role[]) => {
      return async (request: FastifyRequest, _reply: FastifyReply) => {
        request.principal = await verify(request);
        if (roles && !roles.includes(request.principal.role)) {
          throw new AppError(
            'forbidden',
            `The ${request.principal.role} role may not perform this operation`,
          );
        }
      };
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);
