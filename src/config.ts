import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A duration in milliseconds with a floor and a default. */
const ms = (min: number, fallback: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(min, `must be at least ${min}`)
    .default(fallback);

/**
 * Every setting the service reads from the environment. The schema is the single
 * description of configuration: defaults, validation and the `Config` type.
 */
export const configSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  AUTH_ISSUER: z.string().min(1, 'must not be empty').default('migov-local'),
  AUTH_AUDIENCE: z.string().min(1, 'must not be empty').default('migov'),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .default(1200),
  BODY_LIMIT_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1024, 'must be at least 1024')
    .default(1_048_576),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(10, 'must be at least 10')
    .default(1000),
  // Deadlines on the socket, so slow or silent clients cannot hold the server's connections.
  REQUEST_TIMEOUT_MS: ms(1000, 30_000),
  HEADERS_TIMEOUT_MS: ms(1000, 10_000),
  CONNECTION_TIMEOUT_MS: ms(1000, 30_000),
  KEEP_ALIVE_TIMEOUT_MS: ms(100, 5000),
  MAX_REQUESTS_PER_SOCKET: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be 0 (no limit) or more')
    .default(10_000),
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(60, 'must be at least 60')
    .default(86_400),
  HISTORY_LIMIT_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(65_536, 'must be at least 65536')
    .default(33_554_432),
  // Evidence documents (src/documents/): what one file and one assessment's files may hold, and an
  // upload's own time policy in place of REQUEST_TIMEOUT_MS: cut after this long without a byte
  // (idle) or this long in all (ceiling), so a slow line can send 25 MiB and a stalled one is cut.
  DOCUMENT_MAX_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1024, 'must be at least 1024')
    .default(26_214_400),
  ASSESSMENT_DOCUMENTS_MAX_BYTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1024, 'must be at least 1024')
    .default(1_073_741_824),
  DOCUMENT_IDLE_TIMEOUT_MS: ms(500, 30_000),
  DOCUMENT_UPLOAD_TIMEOUT_MS: ms(1000, 3_600_000),
  // The web app's sign-in with an identity provider (OpenID Connect, authorization code with
  // PKCE, a public client): offered only when a client id is set. Published unauthenticated at
  // GET /app-config.json, so nothing secret belongs here.
  WEB_OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
  WEB_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  WEB_OIDC_SCOPE: z.string().min(1).max(500).default('openid'),
  WEB_OIDC_RESOURCE: z.string().min(1).max(500).optional(),
  // Absolute links (e-mails, the portal): never taken from a request's Host. Default: from HOST/PORT.
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  // E-mail notifications: none is sent unless SMTP_URL is set (smtp:// or smtps://user:pass@host:port).
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).max(320).optional(),
  // Webhooks: targets on loopback, private or link-local networks only when this is true.
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  WEBHOOK_TIMEOUT_MS: ms(100, 10_000),
  // How long answer changes to one assessment are gathered into one `assessment.answers_changed`.
  EVENTS_COALESCE_MS: ms(0, 10_000),
  // How often the outbox looks for due retries (new events wake it at once).
  OUTBOX_POLL_MS: ms(10, 1000),
});

export type Config = z.output<typeof configSchema>;

/** Where this service is reached from outside: PUBLIC_BASE_URL, else http://HOST:PORT. */
export function publicBaseUrl(config: Pick<Config, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The `.env` file the server and every script read: in the directory they are started from. */
export const ENV_FILE = '.env';

/** The variables of a `.env` file (Node's own parser); none when there is no file. */
export function readEnvFile(path: string = resolve(ENV_FILE)): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  return Object.fromEntries(
    Object.entries(parseEnv(text)).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * The environment the service configures itself from: `.env` under the process environment,
 * which wins. One function, so the server and the scripts (token, backup, migrate) can never
 * read two different DATA_DIRs.
 */
export function environment(): Record<string, string | undefined> {
  return { ...readEnvFile(), ...process.env };
}

/** Where a setting came from, for tools that say which key or directory they used. */
export function settingSource(name: string): 'environment' | typeof ENV_FILE | 'default' {
  if (process.env[name] !== undefined && process.env[name] !== '') return 'environment';
  return readEnvFile()[name] ? ENV_FILE : 'default';
}

/** Reads configuration from an environment object; throws a ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = environment()): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((name) => [name, env[name] === '' ? undefined : env[name]]),
  );
  const parsed = configSchema.safeParse(known);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'config');
      const got = known[name];
      return `${name}: ${issue.message}${got === undefined ? '' : ` (got ${JSON.stringify(got)})`}`;
    }),
  );
}

/** A configuration for tests and tools: defaults plus overrides, without touching process.env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...configSchema.parse({}), LOG_LEVEL: 'silent', ...overrides };
}
