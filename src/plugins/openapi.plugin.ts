import swagger, { type SwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { t } from '../i18n/messages.ts';
import { finishDocument, withoutExampleIds } from './openapi.docs.ts';
import { withLanguages } from './openapi.languages.ts';
import { withLimits } from './openapi.limits.ts';
import { withMultipartUpload } from './openapi.multipart.ts';

export const API_TAGS = [
  { name: 'health', description: 'Liveness and readiness' },
  { name: 'identity', description: 'Who the caller is' },
  { name: 'frameworks', description: 'The MiGOF questionnaire versions' },
  { name: 'countries', description: 'ISO 3166-1 countries with UN M49 regions' },
  { name: 'assessments', description: 'A country’s assessment: answers, workflow and history' },
  { name: 'documents', description: 'Evidence documents and the evidence pack' },
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

/**
 * Swagger UI redirects /docs/static/index.html to /docs/ by rewriting the URL's end, which
 * misses when a query follows: /docs/static/index.html?x redirected to itself forever.
 */
function redirectDocsIndex(route: RouteOptions): void {
  if (route.url !== '/docs/static/index.html') return;
  route.handler = async (request, reply) => {
    const query = request.url.indexOf('?');
    return reply.redirect(`/docs/${query === -1 ? '' : request.url.slice(query)}`);
  };
}

/** The document's frame: what the route schemas do not say. */
const SWAGGER_OPTIONS = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'migov',
      version: '1.0.0',
      description: infoDescription(),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: '/',
        // OWASP API9:2023 asks each server to state its audience and environment.
        description:
          'The instance serving this document, in whichever environment it runs (local, staging or production): a private API for the web app and for government and IOM clients holding a token',
        'x-internal': false,
      } as OpenAPIV3_1.ServerObject,
    ],
    tags: API_TAGS,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT with `sub`, `role` and (for focal points) `country`; `npm run token` mints one. ' +
            'Verified as RFC8725 (JSON Web Token Best Current Practices) asks: asymmetric algorithms from an ' +
            'allow-list only (`none` and HMAC refused before any key is looked up), issuer and audience checked, ' +
            '`exp` required, a bounded lifetime and a small clock tolerance.',
        },
      },
    },
  },
  transform: jsonSchemaTransform,
  transformObject: (input) =>
    withLimits(
      withLanguages(
        withMultipartUpload(finishDocument(jsonSchemaTransformObject(input) as OpenAPIV3_1.Document)),
      ),
    ) as never,
} satisfies SwaggerOptions;

/** OpenAPI 3.1 generated from the zod route schemas; served at /openapi.json and browsable at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, SWAGGER_OPTIONS);

    app.addHook('onRoute', redirectDocsIndex);
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

    app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('application/json').send(app.swagger()),
    );
  },
  { name: 'openapi', dependencies: ['errors'] },
);
