import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assessmentSchema, emptyBodySchema, ifMatchHeaders } from '../assessments/assessment.schemas.ts';
import type { HistoryEvent } from '../assessments/history.schemas.ts';
import { MAX_TEXT } from '../consultation/consultation.limits.ts';
import { CONSULTATION_ROLES } from '../consultation/consultation.roles.ts';
import {
  assignmentsResponseSchema,
  commentParamsSchema,
  commentSchema,
  idParamsSchema,
  postCommentSchema,
  putAssignmentsSchema,
  questionParamsSchema,
  readyParamsSchema,
  threadsResponseSchema,
} from '../consultation/consultation.schemas.ts';
import { commentView } from '../consultation/thread.service.ts';
import {
  changedSinceQuerySchema,
  changedSinceSchema,
  questionChangesSchema,
  threadSummarySchema,
} from '../consultation/views.schemas.ts';
import { etagFor } from '../lib/etag.ts';
import { fullView } from './assessment.view.ts';
import { authenticatedRoute } from './authenticated-route.ts';

const tags = ['consultation'];
const writeProblems = [403, 404, 409, 412, 413, 415];

export const consultationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { assignments, threads, assessments, changes, people } = app.services;
  const summaryOf = (row: Parameters<typeof assessments.progress>[0]) => fullView(assessments, row);

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/assignments',
    operationId: 'getAssignments',
    roles: CONSULTATION_ROLES.readConsultation.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'Who answers what, and each ministry’s progress and sign-off',
      params: idParamsSchema,
      response: { 200: assignmentsResponseSchema },
    },
    handler: async (request, reply) => {
      const { row, body } = assignments.view(request.principal, request.params.id);
      return reply.header('etag', etagFor(row.revision)).send(body);
    },
  });

  authenticatedRoute(app, {
    method: 'PUT',
    url: '/v1/assessments/:id/assignments',
    operationId: 'putAssignments',
    roles: CONSULTATION_ROLES.assign.roles,
    problems: writeProblems,
    schema: {
      tags,
      summary: 'Replace the assignments of sub-domains and questions to ministries',
      description:
        'Each scope is a sub-domain key or a question key of the assessment’s framework; a question-level ' +
        'assignment wins over its sub-domain’s. Lead and contributing ministries may write their questions; ' +
        'unassigned questions stay with the focal point. A ministry whose part changes loses its sign-off. ' +
        'Honours `If-Match` when sent (412 when stale). Read-only once validated.',
      params: idParamsSchema,
      headers: ifMatchHeaders(false),
      body: putAssignmentsSchema,
      response: { 200: assignmentsResponseSchema },
    },
    handler: async (request, reply) => {
      const { principal, params, body, headers } = request;
      await assignments.put(principal, params.id, body, headers['if-match']);
      const view = assignments.view(principal, params.id);
      return reply.header('etag', etagFor(view.row.revision)).send(view.body);
    },
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/ministries/:ministryId/ready',
    operationId: 'markMinistryReady',
    roles: CONSULTATION_ROLES.signOff.roles,
    problems: writeProblems,
    schema: {
      tags,
      summary: 'Mark a ministry’s part ready (a contributor of that ministry, or the focal point)',
      description:
        'Refused (409) while any enabled question of its part is unanswered or lacks required evidence. ' +
        'Any later change to one of its questions withdraws the sign-off.',
      params: readyParamsSchema,
      headers: ifMatchHeaders(false),
      body: emptyBodySchema,
      response: { 200: assessmentSchema },
    },
    handler: async (request, reply) => {
      const { principal, params, headers } = request;
      const row = await assignments.ready(principal, params.id, params.ministryId, headers['if-match']);
      return reply.header('etag', etagFor(row.revision)).send(summaryOf(row));
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/questions/:question/comments',
    operationId: 'listComments',
    roles: CONSULTATION_ROLES.readConsultation.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'The threads on a question, each with its comments',
      params: questionParamsSchema,
      response: { 200: threadsResponseSchema },
    },
    handler: async (request, reply) => {
      const { principal, params } = request;
      const { row, threads: list } = threads.list(principal, params.id, params.question);
      return reply
        .header('etag', etagFor(row.revision))
        .send({ assessmentId: row.id, question: params.question, threads: list });
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/threads',
    operationId: 'getThreadSummary',
    roles: CONSULTATION_ROLES.readConsultation.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'Per question: its threads, the open ones, and the comments I have not read',
      description:
        'Unread counts start again from `PUT /v1/me/reads/{id}/{question}`, which the caller sends on reading a ' +
        'question’s threads. The caller’s own comments never count as unread.',
      params: idParamsSchema,
      response: { 200: threadSummarySchema },
    },
    handler: async (request, reply) => {
      const { principal, params } = request;
      const body = threads.summary(principal, params.id, (id) => people.reads(principal.sub, id));
      return reply.header('etag', etagFor(body.revision)).send(body);
    },
  });

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/questions/:question/comments',
    operationId: 'postComment',
    roles: CONSULTATION_ROLES.comment.roles,
    problems: writeProblems,
    schema: {
      tags,
      summary: 'Comment on a question: a new thread, or a reply (`replyTo`)',
      description: 'Up to 4,000 characters. Honours `If-Match` when sent. Read-only once validated.',
      params: questionParamsSchema,
      headers: ifMatchHeaders(false),
      body: postCommentSchema,
      response: { 201: commentSchema },
    },
    handler: async (request, reply) => {
      const { principal, params, body, headers } = request;
      const { row, comment } = await threads.post(
        principal,
        params.id,
        params.question,
        body,
        headers['if-match'],
      );
      return reply.code(201).header('etag', etagFor(row.revision)).send(commentView(comment));
    },
  });

  for (const [action, resolved] of [
    ['resolve', true],
    ['reopen', false],
  ] as const) {
    authenticatedRoute(app, {
      method: 'POST',
      url: `/v1/assessments/:id/questions/:question/comments/:commentId/${action}`,
      operationId: resolved ? 'resolveThread' : 'reopenThread',
      roles: CONSULTATION_ROLES[resolved ? 'resolve' : 'reopen'].roles,
      problems: writeProblems,
      schema: {
        tags,
        summary: resolved
          ? 'Resolve a thread (its first comment): the focal point or a ministry the question is assigned to'
          : 'Reopen a resolved thread (its first comment)',
        params: commentParamsSchema,
        headers: ifMatchHeaders(false),
        body: emptyBodySchema,
        response: {
          200: z
            .object({ assessmentId: z.string().max(MAX_TEXT), revision: z.number().int() })
            .meta({ id: 'ThreadChange' }),
        },
      },
      handler: async (request, reply) => {
        const { principal, params, headers } = request;
        const row = await threads.setResolved(
          principal,
          params.id,
          params.question,
          params.commentId,
          resolved,
          headers['if-match'],
        );
        return reply
          .header('etag', etagFor(row.revision))
          .send({ assessmentId: row.id, revision: row.revision });
      },
    });
  }

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/questions/:question/changes',
    operationId: 'getQuestionChanges',
    roles: CONSULTATION_ROLES.readConsultation.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary:
        'Who changed what on a question: value, evidence, comment and threads, with ministry, before and after',
      params: questionParamsSchema,
      response: { 200: questionChangesSchema },
    },
    handler: async (request, reply) => {
      const { principal, params } = request;
      const { row, changes: list } = changes.questionChanges(principal, params.id, params.question);
      return reply
        .header('etag', etagFor(row.revision))
        .send({ assessmentId: row.id, question: params.question, changes: list as HistoryEvent[] });
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/changes',
    operationId: 'getChangedSince',
    roles: CONSULTATION_ROLES.readConsultation.roles,
    problems: [403, 404],
    schema: {
      tags,
      summary: 'The questions changed since my last visit, since the last review, or since a revision',
      params: idParamsSchema,
      querystring: changedSinceQuerySchema,
      response: { 200: changedSinceSchema },
    },
    handler: async (request, reply) => {
      const { principal, params, query } = request;
      const { row, base, questions } = changes.changedSince(principal, params.id, query.since);
      return reply
        .header('etag', etagFor(row.revision))
        .send({ assessmentId: row.id, revision: row.revision, since: base, questions });
    },
  });
};
