import type { FastifyBaseLogger } from 'fastify';
import {
  type CryptoKey,
  createRemoteJWKSet,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';
import type { Config } from '../config.ts';
import { AppError, message, type ProblemMessage } from '../lib/errors.ts';
import { type Principal, principalSchema } from './claims.ts';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys } from './keys.ts';

/**
 * Bearer token verification (README, "Tokens"): the key (the local key pair, or the
 * identity provider's JWKS) is set up once; each token is checked with allow-listed algorithms,
 * `iss`, `aud` and `exp` required, a bounded lifetime, and its claims parsed into a Principal.
 * Every refusal is a 401 that says why; an unreachable identity provider is a 503.
 */

/** Asymmetric algorithms only: `none` and HMAC tokens are refused before any key is looked up. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

/** Seconds of clock difference allowed with the token's issuer (exp, nbf, iat). */
const CLOCK_TOLERANCE_S = 30;

class KeysUnavailable extends Error {
  constructor(cause: unknown) {
    super('identity provider keys unavailable', { cause });
  }
}

export const unauthorized = (detail: string | ProblemMessage, error?: string) =>
  new AppError('unauthorized', detail, {
    headers: {
      'www-authenticate': error ? `Bearer realm="migov", error="${error}"` : 'Bearer realm="migov"',
    },
  });

/** The verification key and its algorithms: the identity provider's JWKS, or the local public key. */
async function verificationKey(
  config: Config,
): Promise<{ key: CryptoKey | JWTVerifyGetKey; algorithms: string[] }> {
  if (!config.AUTH_JWKS_URL) {
    return { key: (await loadOrCreateLocalKeys(config.DATA_DIR)).publicKey, algorithms: [LOCAL_ALGORITHM] };
  }
  const jwks = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { timeoutDuration: 5000 });
  // Tell "this token names no key we know" (the token's fault: 401) from "the identity
  // provider's keys could not be fetched" (ours: 503), which jose reports as a timeout, a
  // generic error for a non-200 answer, or the network error itself.
  const key: JWTVerifyGetKey = async (header, token) => {
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
  return { key, algorithms: JWKS_ALGORITHMS };
}

/**
 * A token issued in the future is forged or from a broken clock; one valid for longer than
 * AUTH_MAX_TOKEN_LIFETIME_SECONDS is a stolen credential that would never lapse. jose checks
 * neither unless asked for a maximum age, which would also refuse tokens without `iat`.
 */
function checkLifetime(config: Config, iat: unknown, exp: number): void {
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

/** What a failed verification means to the client. */
function refusal(config: Config, error: unknown, log: FastifyBaseLogger): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof KeysUnavailable) {
    log.error({ err: error }, 'identity provider keys unavailable');
    return new AppError('unavailable', message('problem.idpUnavailable'), {
      headers: { 'retry-after': '30' },
    });
  }
  if (error instanceof joseErrors.JWTExpired)
    return unauthorized(message('problem.auth.expired'), 'invalid_token');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return unauthorized(
      message('problem.auth.claimInvalid', { claim: error.claim, reason: error.reason }),
      'invalid_token',
    );
  }
  if (
    error instanceof joseErrors.JWSSignatureVerificationFailed ||
    error instanceof joseErrors.JWKSNoMatchingKey
  ) {
    const key = config.AUTH_JWKS_URL ? 'problem.auth.unknownKeyIdp' : 'problem.auth.unknownKeyLocal';
    return unauthorized(message(key), 'invalid_token');
  }
  if (error instanceof joseErrors.JOSEError)
    return unauthorized(message('problem.auth.unverified'), 'invalid_token');
  if (error instanceof TypeError || error instanceof SyntaxError) {
    return unauthorized(message('problem.auth.malformed'), 'invalid_token');
  }
  return error;
}

export type TokenVerifier = (
  token: string,
  log: FastifyBaseLogger,
) => Promise<{ principal: Principal; exp: number }>;

/** Sets up the key once and returns the function that verifies one token. */
export async function tokenVerifier(config: Config): Promise<TokenVerifier> {
  const { key, algorithms } = await verificationKey(config);
  return async (token, log) => {
    try {
      const { payload } = await jwtVerify(token, key as CryptoKey, {
        issuer: config.AUTH_ISSUER,
        audience: config.AUTH_AUDIENCE,
        algorithms,
        requiredClaims: ['iss', 'aud', 'exp', 'sub'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      checkLifetime(config, payload.iat, payload.exp as number);
      const claims = principalSchema.safeParse(payload);
      if (!claims.success) {
        const issues = claims.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
        throw unauthorized(`Token claims are invalid: ${issues}`, 'invalid_token');
      }
      // exp is required, so it is a number here.
      return { principal: claims.data, exp: payload.exp as number };
    } catch (error) {
      throw refusal(config, error, log);
    }
  };
}
