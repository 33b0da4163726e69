import { createHash } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { z } from 'zod';
import { LOCALES, type Locale, negotiateLocale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { finishDocument, withoutExampleIds } from './openapi.docs.ts';

export const API_TAGS = [
  { name: 'health', description: 'Liveness and readiness' },
  { name: 'identity', description: 'Who the caller is' },
  { name: 'frameworks', description: 'The MiGOF questionnaire versions' },
  { name: 'countries', description: 'ISO 3166-1 countries with UN M49 regions' },
  { name: 'assessments', description: 'A country’s assessment: answers, workflow and history' },
  { name: 'reports', description: 'Scored reports, exports and charts' },
  { name: 'indicators', description: 'Aggregates across validated assessments (SDG 10.7.2)' },
  { name: 'pages', description: 'Pages for people' },
];

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="40" viewBox="0 0 150 40"><text x="0" y="29" font-family="Helvetica, Arial, sans-serif" font-size="28" font-weight="bold" fill="#ffffff">migov</text><text x="84" y="29" font-family="Helvetica, Arial, sans-serif" font-size="14" fill="#d1d5db">API</text></svg>';
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#111827"/><text x="16" y="23" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="20" font-weight="bold" fill="#ffffff">m</text></svg>';

const CALLS = {
  open: 'POST /v1/assessments',
  answer: 'PUT /v1/assessments/{id}/answers',
  submit: 'POST /v1/assessments/{id}/submit',
  review: 'POST /v1/assessments/{id}/validate | /return',
  report: 'GET /v1/assessments/{id}/report',
  chart: '/report.svg',
  profile: '/profile.pdf',
  aggregate: 'GET /v1/indicators/sdg-10-7-2?period=2025',
  command: 'npm run token -- --role focal_point --country KEN --sub amina',
  header: 'Authorization: Bearer <token>',
};

/** The workflow and how to get a token, for the top of /docs (Markdown; the document is English). */
function infoDescription(): string {
  const code = (text: string) => `\`${text}\``;
  const steps = (['open', 'answer', 'submit', 'review'] as const).map(
    (step, i) => `${i + 1}. ${t('en', `docs.step.${step}`, { call: code(CALLS[step]) })}`,
  );
  return [
    t('en', 'docs.tagline'),
    '',
    `## ${t('en', 'docs.workflowHeading')}`,
    '',
    ...steps,
    `5. ${t('en', 'docs.step.read', { report: code(CALLS.report), chart: code(CALLS.chart), profile: code(CALLS.profile) })}`,
    `6. ${t('en', 'docs.step.aggregate', { call: code(CALLS.aggregate) })}`,
    '',
    `## ${t('en', 'docs.tokenHeading')}`,
    '',
    `- ${t('en', 'docs.tokenLocal', { command: code(CALLS.command) })}`,
    `- ${t('en', 'docs.tokenIdp')}`,
    `- ${t('en', 'docs.tokenUse', { header: code(CALLS.header) })}`,
    '',
    'Errors are RFC 9457 `application/problem+json`. Anything outside the caller’s scope answers 404.',
  ].join('\n');
}

const LANDING_CSS =
  'body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111827}' +
  'code{background:#f3f4f6;padding:0 .25rem;border-radius:3px}a{color:#1d4ed8}nav{font-size:.9rem;color:#4b5563}';

const escapeHtml = (text: string) =>
  text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** The landing page in one language: static text and links only. */
function landingPage(locale: Locale): string {
  const tr = (key: string, values?: Record<string, string>) => {
    // Values are code: escaped and wrapped after formatting, so the message stays plain text.
    const marks = Object.fromEntries(Object.keys(values ?? {}).map((k, i) => [k, `\u0000${i}\u0000`]));
    let html = escapeHtml(t(locale, key, marks));
    Object.values(values ?? {}).forEach((value, i) => {
      html = html.replace(`\u0000${i}\u0000`, `<code>${escapeHtml(value)}</code>`);
    });
    return html;
  };
  const names: Record<Locale, string> = { en: 'English', fr: 'Français', es: 'Español' };
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${tr('docs.pageTitle')}</title>
<link rel="icon" href="/docs/static/theme/favicon.svg" type="image/svg+xml">
<style>${LANDING_CSS}</style>
</head>
<body>
<nav aria-label="${tr('docs.languages')}">${LOCALES.map((l) => (l === locale ? `<strong>${names[l]}</strong>` : `<a href="/?lang=${l}" hreflang="${l}" lang="${l}">${names[l]}</a>`)).join(' · ')}</nav>
<main>
<h1>migov</h1>
<p>${tr('docs.tagline')}</p>
<p>${tr('docs.noApp')}</p>
<ul>
<li><a href="/docs">/docs</a>: ${tr('docs.linkDocs')}</li>
<li><a href="/openapi.json">/openapi.json</a>: ${tr('docs.linkSpec')}</li>
</ul>
<h2>${tr('docs.tokenHeading')}</h2>
<ul>
<li>${tr('docs.tokenLocal', { command: CALLS.command })}</li>
<li>${tr('docs.tokenIdp')}</li>
<li>${tr('docs.tokenUse', { header: CALLS.header })}</li>
</ul>
<h2>${tr('docs.workflowHeading')}</h2>
<ol>
${(['open', 'answer', 'submit', 'review'] as const).map((step) => `<li>${tr(`docs.step.${step}`, { call: CALLS[step] })}</li>`).join('\n')}
<li>${tr('docs.step.read', { report: CALLS.report, chart: CALLS.chart, profile: CALLS.profile })}</li>
<li>${tr('docs.step.aggregate', { call: CALLS.aggregate })}</li>
</ol>
</main>
</body>
</html>
`;
}

/** OpenAPI 3.1 generated from the zod route schemas; served at /openapi.json and browsable at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'migov',
          version: '1.0.0',
          description: infoDescription(),
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: '/', description: 'This instance' }],
        tags: API_TAGS,
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description:
                'A JWT with `sub`, `role` and (for focal points) `country`; `npm run token` mints one.',
            },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: (input) =>
        finishDocument(jsonSchemaTransformObject(input) as OpenAPIV3_1.Document) as never,
    });

    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      // Swagger UI's policy ends with upgrade-insecure-requests, which makes a browser fetch the
      // page's scripts over https: over plain http (a host name or an IP, as with HOST=0.0.0.0)
      // the page stayed blank. TLS belongs to the proxy in front, when there is one.
      transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
      transformSpecification: (document) => withoutExampleIds(document as OpenAPIV3_1.Document),
      logo: { type: 'image/svg+xml', content: Buffer.from(LOGO_SVG), href: '/docs', target: '_self' },
      theme: {
        title: 'migov API',
        favicon: [
          {
            filename: 'favicon.svg',
            rel: 'icon',
            sizes: 'any',
            type: 'image/svg+xml',
            content: Buffer.from(FAVICON_SVG),
          },
        ],
      },
      uiConfig: { docExpansion: 'list', defaultModelsExpandDepth: 0, displayOperationId: true },
    });

    // GET /: where a person lands. No web app yet, so a static page that points to the docs,
    // the spec and how to get a token, in the caller's language; it renders no data.
    const pages = new Map(LOCALES.map((locale) => [locale, landingPage(locale)]));
    const styleHash = createHash('sha256').update(LANDING_CSS).digest('base64');
    app.get(
      '/',
      {
        schema: {
          tags: ['pages'],
          summary: 'Where a person lands: links to the docs, the spec and how to get a token',
          description:
            'A static page in English, French or Spanish (`?lang=`, then `Accept-Language`) until the web app is served here. It renders no data and needs no token.',
          operationId: 'getHome',
          security: [],
          querystring: z.strictObject({
            lang: z
              .string()
              .max(35)
              .optional()
              .meta({ description: 'en, fr or es; wins over Accept-Language' }),
          }),
          response: {
            200: {
              description: 'The landing page',
              content: { 'text/html': { schema: z.string() } },
            },
          },
        },
      },
      async (request, reply) => {
        const locale = negotiateLocale(
          (request.query as { lang?: string }).lang,
          request.headers['accept-language'],
        );
        return reply
          .type('text/html; charset=utf-8')
          .header('content-language', locale)
          .header('vary', 'Accept-Language')
          .header('cache-control', 'public, max-age=300')
          .header(
            'content-security-policy',
            `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
          )
          .send(pages.get(locale));
      },
    );

    app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('application/json').send(app.swagger()),
    );
  },
  { name: 'openapi', dependencies: ['errors'] },
);
