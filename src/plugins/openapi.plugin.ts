import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_TAGS = [
  { name: 'health', description: 'Liveness and readiness' },
  { name: 'identity', description: 'Who the caller is' },
  { name: 'frameworks', description: 'The MiGOF questionnaire versions' },
  { name: 'countries', description: 'ISO 3166-1 countries with UN M49 regions' },
  { name: 'assessments', description: 'A country’s assessment: answers, workflow and history' },
  { name: 'reports', description: 'Scored reports, exports and charts' },
  { name: 'indicators', description: 'Aggregates across validated assessments (SDG 10.7.2)' },
];

/** OpenAPI 3.1 generated from the zod route schemas; served at /openapi.json and browsable at /docs. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'migov',
          version: '1.0.0',
          description:
            'Migration-governance self-assessment against the Migration Governance Framework (MiGOF), ' +
            'scored into a composite Migration Governance Indicator for SDG target 10.7.',
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
      transformObject: jsonSchemaTransformObject,
    });

    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

    app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('application/json').send(app.swagger()),
    );
  },
  { name: 'openapi', dependencies: ['errors'] },
);
