import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPERATION_ROLES } from '../assessments/access.ts';
import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import {
  answerParamsSchema,
  answersResponseSchema,
  assessmentPageSchema,
  assessmentSchema,
  createAssessmentSchema,
  emptyBodySchema,
  type HistoryEvent,
  historyQuerySchema,
  historySchema,
  idParamsSchema,
  listAssessmentsQuerySchema,
  putAnswersSchema,
  returnSchema,
} from '../assessments/assessment.schemas.ts';
import type { AssessmentService } from '../assessments/assessment.service.ts';
import { etagFor } from '../lib/etag.ts';
import { AUTHENTICATED_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';

const ifMatchHeaders = (required: boolean) =>
  z.object({
    'if-match': (required ? z.string().min(1) : z.string()).optional().meta({
      description: required ? 'The ETag last read (required)' : 'The ETag last read (honoured when sent)',
    }),
  });

const security = [{ bearerAuth: [] }];

export function summary(service: AssessmentService, row: AssessmentRow) {
  const framework = service.frameworkOf(row);
  return {
    id: row.id,
    country: row.country,
    period: row.period,
    status: row.status,
    revision: row.revision,
    framework: { key: framework.key, version: framework.version },
    copiedFrom: row.copiedFrom,
    returnReason: row.returnReason,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    validatedAt: row.validatedAt,
  };
}

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.assessments;
  const full = (row: AssessmentRow) => ({ ...summary(service, row), progress: service.progress(row) });
  const withEtag = (reply: FastifyReply, row: AssessmentRow) => reply.header('etag', etagFor(row.revision));

  app.post(
    '/v1/assessments',
    {
      onRequest: app.authenticate(OPERATION_ROLES.create),
      schema: {
        tags: ['assessments'],
        summary: 'Open an assessment for a country and period',
        description:
          'Pinned to the latest published framework version unless one is named. `copyFrom` starts from the answers ' +
          'of a validated assessment of the same country. Send `Idempotency-Key` to make retries safe.',
        operationId: 'createAssessment',
        security,
        headers: z.object({
          'idempotency-key': z
            .string()
            .min(1)
            .max(200)
            .optional()
            .meta({ description: 'A retried create with the same key returns the first result' }),
        }),
        body: createAssessmentSchema,
        response: {
          201: assessmentSchema,
          ...problemResponses(...AUTHENTICATED_PROBLEMS, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { row, replayed } = await service.create(
        request.principal,
        request.body,
        request.headers['idempotency-key'],
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return withEtag(reply, row).code(201).header('location', `/v1/assessments/${row.id}`).send(full(row));
    },
  );

  app.get(
    '/v1/assessments',
    {
      onRequest: app.authenticate(OPERATION_ROLES.read),
      schema: {
        tags: ['assessments'],
        summary: 'List the assessments the caller may see',
        operationId: 'listAssessments',
        security,
        querystring: listAssessmentsQuerySchema,
        response: { 200: assessmentPageSchema, ...problemResponses(...AUTHENTICATED_PROBLEMS, 403) },
      },
    },
    async (request) => {
      const page = service.list(request.principal, request.query);
      return { items: page.items.map((row) => summary(service, row)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/assessments/:id',
    {
      onRequest: app.authenticate(OPERATION_ROLES.read),
      schema: {
        tags: ['assessments'],
        summary: 'One assessment with its status, revision and progress',
        operationId: 'getAssessment',
        security,
        params: idParamsSchema,
        response: { 200: assessmentSchema, ...problemResponses(...AUTHENTICATED_PROBLEMS, 404) },
      },
    },
    async (request, reply) => {
      const row = service.load(request.principal, request.params.id);
      return withEtag(reply, row).send(full(row));
    },
  );

  app.get(
    '/v1/assessments/:id/answers',
    {
      onRequest: app.authenticate(OPERATION_ROLES.read),
      schema: {
        tags: ['assessments'],
        summary: 'All stored answers, with who answered and when',
        operationId: 'listAnswers',
        security,
        params: idParamsSchema,
        response: { 200: answersResponseSchema, ...problemResponses(...AUTHENTICATED_PROBLEMS, 404) },
      },
    },
    async (request, reply) => {
      const { row, answers, progress } = service.answers(request.principal, request.params.id);
      return withEtag(reply, row).send({ assessmentId: row.id, revision: row.revision, answers, progress });
    },
  );

  app.put(
    '/v1/assessments/:id/answers',
    {
      onRequest: app.authenticate(OPERATION_ROLES.answer),
      schema: {
        tags: ['assessments'],
        summary: 'Set a batch of answers: all or nothing',
        description:
          'Each item gives `value` or `notApplicable: true`. Omitted `comment` and `evidence` keep what is stored. ' +
          'A refused batch names every bad item in `errors` and writes nothing. Honours `If-Match` when sent.',
        operationId: 'putAnswers',
        security,
        params: idParamsSchema,
        headers: ifMatchHeaders(false),
        body: putAnswersSchema,
        response: {
          200: assessmentSchema,
          ...problemResponses(...AUTHENTICATED_PROBLEMS, 403, 404, 409, 412, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const row = await service.putAnswers(
        request.principal,
        request.params.id,
        request.body.answers,
        request.headers['if-match'],
      );
      return withEtag(reply, row).send(full(row));
    },
  );

  app.delete(
    '/v1/assessments/:id/answers/:question',
    {
      onRequest: app.authenticate(OPERATION_ROLES.answer),
      schema: {
        tags: ['assessments'],
        summary: 'Clear one answer',
        operationId: 'clearAnswer',
        security,
        params: answerParamsSchema,
        headers: ifMatchHeaders(false),
        response: {
          200: assessmentSchema,
          // A DELETE may carry a body, so the body limit and the parsers still apply.
          ...problemResponses(...AUTHENTICATED_PROBLEMS, 403, 404, 409, 412, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const row = await service.clearAnswer(
        request.principal,
        request.params.id,
        request.params.question,
        request.headers['if-match'],
      );
      return withEtag(reply, row).send(full(row));
    },
  );

  const transition = (
    path: string,
    operationId: string,
    summaryText: string,
    roles: (typeof OPERATION_ROLES)[keyof typeof OPERATION_ROLES],
  ) => ({
    path,
    options: {
      onRequest: app.authenticate(roles),
      schema: {
        tags: ['assessments'],
        summary: summaryText,
        operationId,
        security,
        params: idParamsSchema,
        headers: ifMatchHeaders(true),
        response: {
          200: assessmentSchema,
          ...problemResponses(...AUTHENTICATED_PROBLEMS, 403, 404, 409, 412, 413, 415, 428),
        },
      },
    },
  });

  const submit = transition(
    '/v1/assessments/:id/submit',
    'submitAssessment',
    'Submit for review (409 lists what is missing)',
    OPERATION_ROLES.submit,
  );
  app.post(
    submit.path,
    { ...submit.options, schema: { ...submit.options.schema, body: emptyBodySchema } },
    async (request, reply) => {
      const row = await service.submit(request.principal, request.params.id, request.headers['if-match']);
      return withEtag(reply, row).send(full(row));
    },
  );

  const ret = transition(
    '/v1/assessments/:id/return',
    'returnAssessment',
    'Return a submitted assessment with a reason',
    OPERATION_ROLES.review,
  );
  app.post(
    ret.path,
    { ...ret.options, schema: { ...ret.options.schema, body: returnSchema } },
    async (request, reply) => {
      const row = await service.returnForRevision(
        request.principal,
        request.params.id,
        request.body.reason,
        request.headers['if-match'],
      );
      return withEtag(reply, row).send(full(row));
    },
  );

  const validate = transition(
    '/v1/assessments/:id/validate',
    'validateAssessment',
    'Validate a submitted assessment; its report is stored and never changes',
    OPERATION_ROLES.review,
  );
  app.post(
    validate.path,
    { ...validate.options, schema: { ...validate.options.schema, body: emptyBodySchema } },
    async (request, reply) => {
      const row = await service.validate(request.principal, request.params.id, request.headers['if-match']);
      return withEtag(reply, row).send(full(row));
    },
  );

  app.get(
    '/v1/assessments/:id/history',
    {
      onRequest: app.authenticate(OPERATION_ROLES.read),
      schema: {
        tags: ['assessments'],
        summary: 'Every change, with who, when, before and after, a page at a time',
        description:
          'Oldest first. A page holds at most `limit` events and about 2 MB; follow `nextCursor` (or the ' +
          '`Link: rel="next"` header) for the rest.',
        operationId: 'getHistory',
        security,
        params: idParamsSchema,
        querystring: historyQuerySchema,
        response: { 200: historySchema, ...problemResponses(...AUTHENTICATED_PROBLEMS, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const page = service.history(request.principal, id, request.query);
      if (page.nextCursor) {
        const next = new URLSearchParams({ limit: String(request.query.limit), cursor: page.nextCursor });
        reply.header('link', `</v1/assessments/${id}/history?${next}>; rel="next"`);
      }
      return reply.send({
        assessmentId: id,
        // The service parses stored JSON loosely; the response schema checks the shapes on the way out.
        events: page.events as HistoryEvent[],
        nextCursor: page.nextCursor,
      });
    },
  );
};
