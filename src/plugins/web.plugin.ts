import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { type Asset, buildWeb, etagOf, type WebBundle } from '../../web/build.ts';
import type { Config } from '../config.ts';
import { LANGUAGE_TAG } from '../i18n/i18n.schemas.ts';
import { LOCALES } from '../i18n/locale.ts';
import { boundedArray } from '../lib/bounded.ts';
import { AppError } from '../lib/errors.ts';
import { PUBLIC_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';

/** What the app needs to know before anyone signs in; public, so nothing secret. */
export const appConfigSchema = z.strictObject({
  languages: boundedArray(z.enum(LOCALES), LOCALES.length).meta({ description: 'The languages of the app' }),
  localTokens: z.boolean().meta({
    description: 'Whether sign-in links from `npm run token -- --link` work (no identity provider)',
  }),
  oidc: z
    .strictObject({
      issuer: z
        .string()
        .meta({ description: 'The OpenID provider’s issuer (its discovery document is read)' }),
      clientId: z.string(),
      scope: z.string(),
      resource: z.string().meta({ description: 'The resource indicator the access token is asked for' }),
    })
    .nullable()
    .meta({
      description: 'OpenID Connect sign-in (authorization code with PKCE); null when not configured',
    }),
});
export type AppConfig = z.infer<typeof appConfigSchema>;

export function appConfig(config: Config): AppConfig {
  return {
    languages: [...LOCALES],
    localTokens: !config.AUTH_JWKS_URL,
    oidc: config.WEB_OIDC_CLIENT_ID
      ? {
          issuer: config.WEB_OIDC_ISSUER ?? config.AUTH_ISSUER,
          clientId: config.WEB_OIDC_CLIENT_ID,
          scope: config.WEB_OIDC_SCOPE,
          resource: config.WEB_OIDC_RESOURCE ?? config.AUTH_AUDIENCE,
        }
      : null,
  };
}

/**
 * The app's pages run only the bundle's own script and style files: no inline code, so no
 * 'unsafe-inline'. The chart is shown from a blob: URL (fetched with the token), and the
 * identity provider's discovery and token endpoints are called from the browser.
 */
export function appCsp(config: AppConfig): string {
  const connect = ["'self'"];
  if (config.oidc) connect.push(new URL(config.oidc.issuer).origin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

let building: Promise<WebBundle> | undefined;
/** One build per process, on first use: tests that never open a page never pay for it. */
export function webBundle(): Promise<WebBundle> {
  building ??= buildWeb().catch((error) => {
    building = undefined;
    throw error;
  });
  return building;
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, item: Asset) {
  const accepts = String(request.headers['accept-encoding'] ?? '');
  const [body, encoding] = /\bbr\b/.test(accepts)
    ? [item.brotli, 'br']
    : /\bgzip\b/.test(accepts)
      ? [item.gzip, 'gzip']
      : [item.body, undefined];
  if (encoding) reply.header('content-encoding', encoding);
  return reply
    .type(item.type)
    .header('vary', 'Accept-Encoding')
    .header('cache-control', 'public, max-age=31536000, immutable')
    .send(body);
}

/** GET /: the page of the web app, with its own Content Security Policy. */
function registerPage(app: FastifyInstance, csp: string): void {
  app.get(
    '/',
    {
      schema: {
        tags: ['pages'],
        summary: 'The web app for focal points, reviewers and viewers',
        description:
          'The page of the web app (web/ in the repository): a client of this API that runs in the browser, in English, French or Spanish (`?lang=` chooses the first language; the app remembers the choice). It contains no data and needs no token: people sign in inside the app.',
        operationId: 'getHome',
        security: [],
        // Not strict, unlike the API: a link to the page often carries parameters the page never
        // reads (utm_source, fbclid, a mail client's tracking), and such a link must still open.
        querystring: z.object({
          lang: z
            .string()
            .max(35)
            .regex(LANGUAGE_TAG, 'must be a language tag, e.g. fr')
            .optional()
            .meta({ description: 'en, fr or es: the language the app starts in' }),
        }),
        response: {
          200: {
            description: 'The web app’s page',
            content: { 'text/html': { schema: z.string() } },
          },
          ...problemResponses(...PUBLIC_PROBLEMS),
        },
      },
    },
    async (_request, reply) => {
      const bundle = await webBundle();
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('etag', etagOf(Buffer.from(bundle.index)))
        .header('content-security-policy', csp)
        .header('cross-origin-opener-policy', 'same-origin')
        .header('referrer-policy', 'no-referrer')
        .send(bundle.index);
    },
  );
}

/** GET /assets/{name}: the hash-named script and style sheet. */
function registerAssets(app: FastifyInstance): void {
  app.get(
    '/assets/:name',
    {
      schema: {
        tags: ['pages'],
        summary: 'A script or style sheet of the web app',
        description:
          'Named by the hash of its content, so cached for a year (`immutable`); brotli or gzip by `Accept-Encoding`.',
        operationId: 'getWebAsset',
        security: [],
        params: z.strictObject({
          name: z
            .string()
            .max(100)
            .regex(/^[\w.-]{1,100}$/),
        }),
        response: {
          200: {
            description: 'The file',
            content: {
              'text/javascript': { schema: z.string() },
              'text/css': { schema: z.string() },
            },
          },
          ...problemResponses(...PUBLIC_PROBLEMS, 404),
        },
      },
    },
    async (request, reply) => {
      const bundle = await webBundle();
      const item = bundle.assets.get(`/assets/${(request.params as { name: string }).name}`);
      if (!item) throw new AppError('not_found', 'No such asset');
      return sendAsset(request, reply, item);
    },
  );
}

/** GET /app-config.json: how people sign in. */
function registerAppConfig(app: FastifyInstance, publicConfig: ReturnType<typeof appConfig>): void {
  app.get(
    '/app-config.json',
    {
      schema: {
        tags: ['pages'],
        summary: 'How people sign in to the web app',
        description:
          'Public (no token): whether sign-in links are used, or which OpenID provider, client id, scope and resource the web app uses (`WEB_OIDC_*`).',
        operationId: 'getAppConfig',
        security: [],
        response: { 200: appConfigSchema, ...problemResponses(...PUBLIC_PROBLEMS) },
      },
    },
    async (_request, reply) => reply.header('cache-control', 'no-cache').send(publicConfig),
  );
}

/** The web app (web/): its page at /, its hash-named assets, and its public configuration. */
export default fp<{ config: Config }>(
  async (app, { config }) => {
    const publicConfig = appConfig(config);
    registerPage(app, appCsp(publicConfig));
    registerAssets(app);
    registerAppConfig(app, publicConfig);
  },
  { name: 'web', dependencies: ['errors', 'security-headers'] },
);
