import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { WriteResult } from '../assessments/answer-writes.ts';
import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import {
  answerParamsSchema,
  answersResponseSchema,
  assessmentPageSchema,
  assessmentSchema,
  createAssessmentSchema,
  emptyBodySchema,
  idempotencyHeadersSchema,
  idParamsSchema,
  ifMatchHeaders,
  ifNoneMatchHeaders,
  listAssessmentsQuerySchema,
  putAnswersSchema,
} from '../assessments/assessment.schemas.ts';
import { WORKFLOW } from '../assessments/assessment.workflow.ts';
import { type HistoryEvent, historyQuerySchema, historySchema } from '../assessments/history.schemas.ts';
import { returnSchema, submitSchema, writeResultSchema } from '../assessments/write.schemas.ts';
import { ifNoneMatch } from '../lib/content-coding.ts';
import { etagFor } from '../lib/etag.ts';
import { fullView, summary } from './assessment.view.ts';
import { authenticatedRoute } from './authenticated-route.ts';

const tags = ['assessments'];

export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = app.services.assessments;
  const full = (row: AssessmentRow) => fullView(service, row);
  /** The assessment with its ETag: what every write and the single read answer. */
  const sendFull = (reply: FastifyReply, row: AssessmentRow) =>
    reply.header('etag', etagFor(row.revision)).send(full(row));
  /** An answer write's result: the assessment and what it was merged over. */
  const sendWrite = (reply: FastifyReply, result: WriteResult) =>
    reply
      .header('etag', etagFor(result.row.revision))
      .send({ ...full(result.row), mergedOver: result.mergedOver });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments',
    operationId: 'createAssessment',
    roles: WORKFLOW.create.roles,
    problems: [403, 404, 409, 413, 415, 422],
    schema: {
      tags,
      summary: 'Open an assessment for a country and period',
      description:
        'Pinned to the latest published framework version unless one is named. `copyFrom` starts from the answers ' +
        'of a validated assessment of the same country. Send `Idempotency-Key` to make retries safe.',
      headers: idempotencyHeadersSchema,
      body: createAssessmentSchema,
      response: { 201: assessmentSchema },
    },
    handler: async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const { row, replayed } = await service.create(request.principal, request.body, key);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return sendFull(reply.code(201).header('location', `/v1/assessments/${row.id}`), row);
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments',
    operationId: 'listAssessments',
    roles: WORKFLOW.read.roles,
    problems: [403],
    schema: {
      tags,
      summary: 'List the assessments the caller may see',
      querystring: listAssessmentsQuerySchema,
      response: { 200: assessmentPageSchema },
    },
    handler: async (request) => {
      const page = service.list(request.principal, request.query);
      return { items: page.items.map((row) => summary(service, row)), nextCursor: page.nextCursor };
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id',
    operationId: 'getAssessment',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags,
      summary: 'One assessment with its status, revision and progress',
      description:
        'Send the ETag you hold in `If-None-Match` to revalidate cheaply: 304 while the assessment is at that ' +
        'revision. The answer stays `Cache-Control: no-store`; keep the ETag and the body yourself.',
      params: idParamsSchema,
      headers: ifNoneMatchHeaders,
      response: {
        200: assessmentSchema,
        304: z.undefined().meta({ description: 'Not changed since the ETag sent in If-None-Match' }),
      },
    },
    handler: async (request, reply) => {
      const row = service.load(request.principal, request.params.id);
      // The revision names the whole representation (every change moves it), so the tag is strong.
      const etag = etagFor(row.revision);
      if (ifNoneMatch(request.headers['if-none-match'], etag))
        return reply.header('etag', etag).code(304).send();
      return sendFull(reply, row);
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/answers',
    operationId: 'listAnswers',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags,
      summary: 'All stored answers, with who answered and when',
      params: idParamsSchema,
      response: { 200: answersResponseSchema },
    },
    handler: async (request, reply) => {
      const { row, answers, progress } = service.listAnswers(request.principal, request.params.id);
      return reply
        .header('etag', etagFor(row.revision))
        .send({ assessmentId: row.id, revision: row.revision, answers, progress });
    },
  });

  authenticatedRoute(app, {
    method: 'PUT',
    url: '/v1/assessments/:id/answers',
    operationId: 'putAnswers',
    roles: WORKFLOW.answer.roles,
    problems: [403, 404, 409, 412, 413, 415],
    schema: {
      tags,
      summary: 'Set a batch of answers: all or nothing',
      description:
        'Each item gives `value` or `notApplicable: true`. Omitted `comment` and `evidence` keep what is stored. ' +
        'A refused batch names every bad item in `errors` and writes nothing. Honours `If-Match` when sent: ' +
        'when it names an older revision, the write is merged if none of its questions (nor a question linked ' +
        'to one by `enableWhen`) changed since, and `mergedOver` lists what others changed meanwhile; otherwise ' +
        '412 with `conflicts` (each question with the stored version, `current`, and yours). Contributors write ' +
        'only the questions assigned to their ministry (403 naming the question and its ministries).',
      params: idParamsSchema,
      headers: ifMatchHeaders(false),
      body: putAnswersSchema,
      response: { 200: writeResultSchema },
    },
    handler: async (request, reply) => {
      const { principal, params, body, headers } = request;
      return sendWrite(
        reply,
        await service.putAnswers(principal, params.id, body.answers, headers['if-match']),
      );
    },
  });

  authenticatedRoute(app, {
    method: 'DELETE',
    url: '/v1/assessments/:id/answers/:question',
    operationId: 'clearAnswer',
    roles: WORKFLOW.answer.roles,
    // A DELETE may carry a body, so the body limit and the parsers still apply.
    problems: [403, 404, 409, 412, 413, 415],
    schema: {
      tags,
      summary: 'Clear one answer',
      description: '`If-Match` is honoured and merged as for `PUT …/answers`.',
      params: answerParamsSchema,
      headers: ifMatchHeaders(false),
      response: { 200: writeResultSchema },
    },
    handler: async (request, reply) => {
      const { principal, params, headers } = request;
      return sendWrite(
        reply,
        await service.clearAnswer(principal, params.id, params.question, headers['if-match']),
      );
    },
  });

  // The state changes of the workflow: If-Match required, roles from the workflow table.
  const transition = {
    params: idParamsSchema,
    headers: ifMatchHeaders(true),
    response: { 200: assessmentSchema },
  };
  const transitionProblems = [403, 404, 409, 412, 413, 415, 428];

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/submit',
    operationId: 'submitAssessment',
    roles: WORKFLOW.submit.roles,
    problems: transitionProblems,
    schema: {
      tags,
      summary: 'Submit for review (409 lists what is missing)',
      description:
        '409 lists the missing answers and evidence (`missing`), the assigned ministries not ready (`notReady`) ' +
        'and the review remarks left open (`openRemarks`). A `reason` lets the focal point submit although ' +
        'ministries are not ready; it is kept in the history.',
      ...transition,
      body: submitSchema,
    },
    handler: async (request, reply) => {
      const { principal, params, headers, body } = request;
      return sendFull(reply, await service.submit(principal, params.id, headers['if-match'], body?.reason));
    },
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/return',
    operationId: 'returnAssessment',
    roles: WORKFLOW.return.roles,
    problems: transitionProblems,
    schema: {
      tags,
      summary: 'Return a submitted assessment with a reason',
      ...transition,
      body: returnSchema,
    },
    handler: async (request, reply) => {
      const { principal, params, body, headers } = request;
      return sendFull(
        reply,
        await service.returnForRevision(principal, params.id, body, headers['if-match']),
      );
    },
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/validate',
    operationId: 'validateAssessment',
    roles: WORKFLOW.validate.roles,
    problems: transitionProblems,
    schema: {
      tags,
      summary: 'Validate a submitted assessment; its report is stored and never changes',
      ...transition,
      body: emptyBodySchema,
    },
    handler: async (request, reply) =>
      sendFull(
        reply,
        await service.validate(request.principal, request.params.id, request.headers['if-match']),
      ),
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/history',
    operationId: 'getHistory',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags,
      summary: 'Every change, with who, when, before and after, a page at a time',
      description:
        'Newest first (`order=asc` for oldest first). A page holds at most `limit` events and about 2 MB; ' +
        'follow `nextCursor` (or the `Link: rel="next"` header) for the rest. An answer event carries the ' +
        'answer before and after it (value, not applicable, comment, evidence), so "answered P2.1.2: Yes" ' +
        'needs no other request.',
      params: idParamsSchema,
      querystring: historyQuerySchema,
      response: { 200: historySchema },
    },
    handler: async (request, reply) => {
      const { id } = request.params;
      const page = service.history(request.principal, id, request.query);
      if (page.nextCursor) {
        const next = new URLSearchParams({
          limit: String(request.query.limit),
          order: request.query.order,
          cursor: page.nextCursor,
        });
        reply.header('link', `</v1/assessments/${id}/history?${next}>; rel="next"`);
      }
      return reply.send({
        assessmentId: id,
        // The service parses stored JSON loosely; the response schema checks the shapes on the way out.
        events: page.events as HistoryEvent[],
        nextCursor: page.nextCursor,
      });
    },
  });
};
