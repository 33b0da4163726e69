/**
 * Mints a token signed with the local key pair in DATA_DIR, for development and tests:
 *   npm run token -- --role focal_point --country KEN [--sub alice] [--ttl 3600]
 *   npm run token -- --role contributor --country KEN --ministry MOL [--email a@b.org]
 * The token is the last line printed; with --link, a sign-in link for the web app instead
 * (http://HOST:PORT/#token=…). Refused when AUTH_JWKS_URL is set: the identity
 * provider issues tokens then, not migov.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { principalSchema, ROLES } from '../src/auth/claims.ts';
import { LOCAL_ALGORITHM, loadOrCreateLocalKeys, localKeyFile } from '../src/auth/keys.ts';
import { ConfigError, loadConfig, settingSource } from '../src/config.ts';

/** Where the server started with this configuration serves the web app. */
function webAppUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}/`;
}

function fail(message: string): never {
  console.error(`token: ${message}`);
  process.exit(2);
}

const USAGE = `usage: npm run token -- --role ${ROLES.join('|')} [--country ISO3] [--ministry CODE] [--email ADDRESS] [--sub SUBJECT] [--ttl SECONDS] [--link]`;

async function main() {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        role: { type: 'string' },
        country: { type: 'string' },
        ministry: { type: 'string' },
        email: { type: 'string' },
        sub: { type: 'string' },
        ttl: { type: 'string', default: '3600' },
        link: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.problems.join('; '));
    throw error;
  }
  if (config.AUTH_JWKS_URL) {
    fail('AUTH_JWKS_URL is set: tokens come from your identity provider, not from migov');
  }

  const role = values.role as string | undefined;
  if (!role) fail(`--role is required\n${USAGE}`);
  const country = (values.country as string | undefined)?.toUpperCase();
  const claims = principalSchema.safeParse({
    sub: values.sub ?? `${role}-cli`,
    role,
    country,
    ministry: (values.ministry as string | undefined)?.toUpperCase(),
    email: values.email,
  });
  if (!claims.success)
    fail(claims.error.issues.map((i) => `${i.path.join('.') || 'claims'}: ${i.message}`).join('; '));
  const ttl = Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 31_536_000)
    fail('--ttl must be a whole number of seconds (1 to 31536000)');

  // Say which key signs, and where DATA_DIR came from: a token signed with another directory's
  // key is refused by the server with a 401.
  const file = localKeyFile(config.DATA_DIR);
  const existed = existsSync(file);
  const keys = await loadOrCreateLocalKeys(config.DATA_DIR);
  console.error(
    `token: signed with key ${keys.kid} from ${file} (DATA_DIR=${config.DATA_DIR}, from ${settingSource('DATA_DIR')}` +
      `${resolve(config.DATA_DIR) === config.DATA_DIR ? '' : `, resolved from ${process.cwd()}`})`,
  );
  if (!existed) {
    console.error(
      'token: there was no key in that directory, so a new one was made. A server started with another ' +
        'DATA_DIR will refuse this token: start it from this directory, or set the same DATA_DIR in .env.',
    );
  }
  const { sub, ...rest } = claims.data;
  const token = await new SignJWT(rest)
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: keys.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(config.AUTH_ISSUER)
    .setAudience(config.AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttl}s`)
    .sign(keys.privateKey);
  const scope = [country, claims.data.ministry].filter(Boolean).join(', ');
  console.error(`token for ${sub} (${role}${scope ? `, ${scope}` : ''}), valid ${ttl} s:`);
  if (values.link) {
    // A sign-in link for the web app. The token rides in the fragment, which browsers never send
    // to the server, so it stays out of access logs and proxies; the app removes it at once.
    console.error('sign-in link for the web app (open it in a browser):');
    console.log(`${webAppUrl(config.HOST, config.PORT)}#token=${token}`);
  } else {
    console.log(token);
  }
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
