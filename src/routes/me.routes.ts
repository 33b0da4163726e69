import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CONSULTATION_ROLES } from '../consultation/consultation.roles.ts';
import { idParamsSchema, questionParamsSchema } from '../consultation/consultation.schemas.ts';
import { tasksSchema, threadReadSchema } from '../consultation/views.schemas.ts';
import { personSchema, preferencesPatchSchema, visitSchema } from '../people/person.schemas.ts';
import { authenticatedRoute } from './authenticated-route.ts';

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const { people, ministries, tasks, assessments, threads } = app.services;
  const tags = ['identity'];

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/me',
    operationId: 'getMe',
    schema: {
      tags,
      summary: 'The caller as this service knows them: verified claims, preferences, last visits',
      description:
        'The person record is made from the token on first sight and kept up to date with it (role, country, ' +
        'ministry, the standard `email` claim).',
      response: { 200: personSchema },
    },
    handler: async (request) =>
      people.me(
        request.principal,
        ministries.contributorMinistry(request.principal)?.id ?? null,
        request.locale,
      ),
  });

  authenticatedRoute(app, {
    method: 'PATCH',
    url: '/v1/me/preferences',
    operationId: 'updateMyPreferences',
    problems: [413, 415],
    schema: {
      tags,
      summary: 'Change my language or notification choices',
      description: 'Only what is sent changes; notification kinds are merged one by one.',
      body: preferencesPatchSchema,
      response: { 200: personSchema },
    },
    handler: async (request) =>
      people.updatePreferences(
        request.principal,
        request.body,
        ministries.contributorMinistry(request.principal)?.id ?? null,
        request.locale,
      ),
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/me/tasks',
    operationId: 'getMyTasks',
    roles: CONSULTATION_ROLES.tasks.roles,
    problems: [403],
    schema: {
      tags,
      summary: 'What needs me: my unanswered questions, threads waiting on me, remarks, reviews, with counts',
      description:
        'A contributor sees the questions assigned to their ministry; a focal point the unassigned ones and every ' +
        'remark; a reviewer the submitted assessments waiting for review. At most 100 assessments per status.',
      response: { 200: tasksSchema },
    },
    handler: async (request) => tasks.tasks(request.principal),
  });

  authenticatedRoute(app, {
    method: 'PUT',
    url: '/v1/me/visits/:id',
    operationId: 'recordVisit',
    roles: CONSULTATION_ROLES.readConsultation.roles,
    problems: [403, 404, 413, 415],
    schema: {
      tags,
      summary: 'Record that I opened an assessment now, at its current revision',
      description:
        'What `GET /v1/assessments/{id}/changes?since=visit` counts from: ask for the changes first, then record ' +
        'the visit.',
      params: idParamsSchema,
      response: { 200: visitSchema },
    },
    handler: async (request) => {
      const row = assessments.load(request.principal, request.params.id);
      return people.recordVisit(request.principal, row.id, row.revision);
    },
  });

  authenticatedRoute(app, {
    method: 'PUT',
    url: '/v1/me/reads/:id/:question',
    operationId: 'recordThreadRead',
    roles: CONSULTATION_ROLES.readConsultation.roles,
    problems: [403, 404, 413, 415],
    schema: {
      tags,
      summary: 'Record that I read the threads of a question now',
      description:
        'The unread count of the question in `GET /v1/assessments/{id}/threads` starts again from here: read the ' +
        'threads first, then record the read.',
      params: questionParamsSchema,
      response: { 200: threadReadSchema },
    },
    handler: async (request) => {
      const { principal, params } = request;
      const { row } = threads.list(principal, params.id, params.question);
      return people.recordRead(principal, row.id, params.question, row.revision);
    },
  });
};
