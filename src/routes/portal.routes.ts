import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { periodSchema } from '../assessments/assessment.fields.ts';
import { iso3Schema } from '../auth/claims.ts';
import { type Config, publicBaseUrl } from '../config.ts';
import { LANGUAGE_TAG } from '../i18n/i18n.schemas.ts';
import type { Locale } from '../i18n/locale.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { Precompressed } from '../lib/content-coding.ts';
import { AppError } from '../lib/errors.ts';
import { PUBLIC_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';
import { document, type Html, tr } from '../portal/html.ts';
import { indexBody, notFoundBody, sdgBody, sitemap } from '../portal/portal.pages.ts';
import { profileBody, profileDescription } from '../portal/portal.profile.ts';
import { sendCompressed, sendSerialized } from './authenticated-route.ts';
import { CURRENT_CACHE } from './public.routes.ts';

/**
 * The public portal at /profiles/ (issue 28): the one part of migov rendered on the server, so
 * it works without JavaScript, prints, and is found by search engines. Its pages are in the OpenAPI
 * document as public `pages`, like the web app's. Absolute URLs come
 * from PUBLIC_BASE_URL only. Each page is rendered once per publication change and language.
 */

export const PORTAL_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const CSS = readFileSync(new URL('../portal/portal.css', import.meta.url));
// Links to the portal often carry parameters it never reads (a mail client's tracking): not strict.
const langOnly = z.object({ lang: z.string().max(35).regex(LANGUAGE_TAG).optional() });
const notModified = z.undefined().meta({ description: 'Not modified since the ETag sent in If-None-Match' });

/** A portal page in the API document: public, HTML, and the problems every route can answer. */
function pageSchema(operationId: string, summary: string, extra: Record<number, unknown> = {}) {
  return {
    tags: ['pages'],
    operationId,
    summary,
    security: [],
    response: {
      200: { description: 'The page (HTML)', content: { 'text/html': { schema: z.string() } } },
      304: notModified,
      ...extra,
      ...problemResponses(...PUBLIC_PROBLEMS),
    },
  };
}
const missingPage = {
  404: {
    description: 'No published profile here: the 404 page',
    content: { 'text/html': { schema: z.string() } },
  },
};

interface Rendered {
  generation: number;
  body: Buffer;
  status: number;
}

export const portalRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  const service = app.services.publicProfiles;
  const base = publicBaseUrl(config);
  const packer = new Precompressed(5);
  const pages = new BoundedMap<string, Rendered>(1000);
  const cssTag = createHash('sha256').update(CSS).digest('base64url').slice(0, 16);

  /** A page from the cache, or rendered now; a missing profile renders the 404 page. */
  const page = (
    key: string,
    locale: Locale,
    render: () => { path: string; title: string; description: string; body: Html },
  ) => {
    const cached = pages.get(key);
    if (cached && cached.generation === service.generation) return cached;
    let status = 200;
    let content: ReturnType<typeof render>;
    try {
      content = render();
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 404) throw error;
      status = 404;
      content = {
        path: '/profiles/',
        title: tr(locale, 'portal.notFound'),
        description: '',
        body: notFoundBody(locale),
      };
    }
    const body = Buffer.from(document({ ...content, locale, base }), 'utf8');
    const entry = { generation: service.generation, body, status };
    pages.set(key, entry);
    return entry;
  };

  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    rendered: Rendered,
    contentType = 'text/html; charset=utf-8',
  ) => {
    reply
      .code(rendered.status)
      .header('content-language', request.locale)
      .header('vary', 'Accept-Language')
      .header('cache-control', rendered.status === 200 ? CURRENT_CACHE : 'no-cache')
      .header('content-security-policy', PORTAL_CSP)
      .header('referrer-policy', 'strict-origin-when-cross-origin');
    const etag = `p${packer.digest(rendered.body)}-${request.locale}`;
    return sendCompressed(request, reply, rendered.body, { contentType, etag, packer });
  };

  app.get(
    '/profiles',
    {
      schema: {
        tags: ['pages'],
        operationId: 'redirectPortal',
        summary: 'The portal’s address without its final slash: moved to /profiles/',
        security: [],
        response: {
          301: z.undefined().meta({ description: 'Moved to /profiles/ (Location)' }),
          ...problemResponses(...PUBLIC_PROBLEMS),
        },
      },
    },
    async (request, reply) => reply.redirect(`/profiles/${request.url.slice('/profiles'.length)}`, 301),
  );

  const list = pageSchema(
    'getPortal',
    'The public portal: published country profiles by region (not ranked)',
  );
  app.get('/profiles/', { schema: { ...list, querystring: langOnly } }, async (request, reply) => {
    const { locale } = request;
    const rendered = page(`index|${locale}`, locale, () => ({
      path: '/profiles/',
      title: tr(locale, 'portal.title'),
      description: tr(locale, 'portal.intro'),
      body: indexBody(
        service.allCurrent().map((r) => ({
          country: r.country,
          name: service.countryName(r.country, locale),
          region: r.regionCode,
          period: r.period,
        })),
        locale,
      ),
    }));
    return send(request, reply, rendered);
  });

  app.get(
    '/profiles/:iso3/:period',
    {
      schema: {
        ...pageSchema('getPortalProfile', 'A country’s published profile, as a page', missingPage),
        params: z.object({ iso3: iso3Schema, period: periodSchema }),
        querystring: langOnly,
      },
    },
    async (request, reply) => {
      const { locale } = request;
      const { iso3, period } = request.params;
      const rendered = page(`profile|${iso3}|${period}|${locale}`, locale, () => {
        const profile = service.profile(service.current(iso3, period), locale);
        return {
          path: `/profiles/${iso3}/${period}`,
          title: tr(locale, 'portal.profileTitle', { country: profile.countryName, period }),
          description: profileDescription(profile),
          body: profileBody(profile, locale),
        };
      });
      return send(request, reply, rendered);
    },
  );

  app.get(
    '/profiles/sdg-10-7-2',
    {
      schema: {
        ...pageSchema('getPortalSdg1072', 'SDG indicator 10.7.2 by region, from the published profiles'),
        querystring: langOnly.extend({ period: periodSchema.optional() }),
      },
    },
    async (request, reply) => {
      const { locale } = request;
      const periods = [...new Set(service.allCurrent().map((r) => r.period))].sort().reverse();
      const period = request.query.period ?? periods[0] ?? String(new Date().getUTCFullYear());
      const rendered = page(`sdg|${period}|${locale}`, locale, () => ({
        path: `/profiles/sdg-10-7-2?period=${period}`,
        title: tr(locale, 'portal.sdgTitle', { period }),
        description: tr(locale, 'portal.sdgIntro', { period }),
        body: sdgBody(service.indicator(period, locale), periods, locale),
      }));
      return send(request, reply, rendered);
    },
  );

  const sitemapSchema = {
    tags: ['pages'],
    operationId: 'getPortalSitemap',
    summary: 'The portal’s sitemap, every page in en, fr and es, from PUBLIC_BASE_URL',
    security: [],
    response: {
      200: { description: 'A sitemap', content: { 'application/xml': { schema: z.string() } } },
      ...problemResponses(...PUBLIC_PROBLEMS),
    },
  };
  app.get('/profiles/sitemap.xml', { schema: sitemapSchema }, async (_request, reply) => {
    const paths = [
      '/profiles/',
      '/profiles/sdg-10-7-2',
      ...service.allCurrent().map((r) => `/profiles/${r.country}/${r.period}`),
    ];
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', CURRENT_CACHE)
      .send(sitemap(base, paths));
  });

  const cssSchema = {
    tags: ['pages'],
    operationId: 'getPortalStyles',
    summary: 'The portal’s style sheet (screen and print)',
    security: [],
    response: {
      200: { description: 'CSS', content: { 'text/css': { schema: z.string() } } },
      304: notModified,
      ...problemResponses(...PUBLIC_PROBLEMS),
    },
  };
  app.get('/profiles/portal.css', { schema: cssSchema }, async (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', `"${cssTag}"`);
    if (request.headers['if-none-match'] === `"${cssTag}"`) return reply.code(304).send();
    return sendSerialized(reply, CSS, 'text/css; charset=utf-8');
  });
};
