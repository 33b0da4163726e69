import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import { assessmentRoutes } from './assessment.routes.ts';
import { consultationRoutes } from './consultation.routes.ts';
import { countryRoutes } from './country.routes.ts';
import { documentRoutes } from './document.routes.ts';
import { frameworkRoutes } from './framework.routes.ts';
import { healthRoutes } from './health.routes.ts';
import { indicatorRoutes } from './indicator.routes.ts';
import { meRoutes } from './me.routes.ts';
import { ministryRoutes } from './ministry.routes.ts';
import { publicRoutes } from './public.routes.ts';
import { publicationRoutes } from './publication.routes.ts';
import { reportRoutes } from './report.routes.ts';
import { webhookRoutes } from './webhook.routes.ts';

/** Every route of the API, registered in one place. */
export const registerRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  await app.register(healthRoutes);
  await app.register(meRoutes);
  await app.register(frameworkRoutes);
  await app.register(countryRoutes);
  await app.register(ministryRoutes);
  await app.register(assessmentRoutes);
  await app.register(consultationRoutes);
  await app.register(documentRoutes, { config });
  await app.register(reportRoutes);
  await app.register(indicatorRoutes);
  await app.register(webhookRoutes);
  await app.register(publicationRoutes);
  await app.register(publicRoutes);
};
