import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../assessments/assessment.schemas.ts';
import { WORKFLOW } from '../assessments/assessment.workflow.ts';
import type { Config } from '../config.ts';
import { ALLOWED_TYPES, INLINE_TYPES } from '../documents/content-type.ts';
import {
  documentListSchema,
  documentParamsSchema,
  documentSchema,
  downloadQuerySchema,
  uploadQuerySchema,
} from '../documents/document.schemas.ts';
import { evidencePack } from '../documents/evidence-pack.ts';
import { byteRange } from '../lib/byte-range.ts';
import { ifNoneMatch } from '../lib/content-coding.ts';
import { contentDisposition } from '../lib/content-disposition.ts';
import { AppError, message } from '../lib/errors.ts';
import { uploadDeadline } from '../lib/upload-deadline.ts';
import { profileDocument } from '../reports/profile.document.ts';
import { authenticatedRoute } from './authenticated-route.ts';

const tags = ['documents'];
const binary = z.string().max(Number.MAX_SAFE_INTEGER).meta({ format: 'binary' });
const asEveryType = Object.fromEntries(ALLOWED_TYPES.map((type) => [type, { schema: binary }]));

/** What a downloaded document may do in a browser: nothing (no scripts, no plugins, no same origin). */
const SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'";

/**
 * The evidence documents of an assessment. Multipart parsing is registered here only (this plugin
 * is encapsulated): every other route still refuses multipart bodies with 415.
 */
export const documentRoutes: FastifyPluginAsyncZod<{ config: Config }> = async (app, { config }) => {
  await app.register(multipart, { throwFileSizeLimit: false });
  const { documents, assessments, reports } = app.services;
  const times = { idleMs: config.DOCUMENT_IDLE_TIMEOUT_MS, ceilingMs: config.DOCUMENT_UPLOAD_TIMEOUT_MS };

  authenticatedRoute(app, {
    method: 'POST',
    url: '/v1/assessments/:id/documents',
    operationId: 'uploadDocument',
    roles: WORKFLOW.answer.roles,
    problems: [403, 404, 408, 409, 413, 415],
    schema: {
      tags,
      summary: 'Upload an evidence document (`multipart/form-data`, one part named `file`)',
      description:
        'Streamed to storage. The type is decided from the content: PDF, PNG, JPEG, plain text, CSV and the ' +
        'OOXML/ODF office formats; anything else, or a declared type or extension naming another format, is ' +
        '415. 413 names the limit (`limitBytes`): before the body is read when `Content-Length` tells, as soon ' +
        'as it is crossed otherwise. An upload is cut (408) after a pause without bytes or past its ceiling, ' +
        'not by the deadline of other requests. A contributor must name a `question` assigned to their ' +
        'ministry. Read-only (409) once submitted. The same bytes uploaded twice are stored once and listed twice.',
      params: idParamsSchema,
      querystring: uploadQuerySchema,
      consumes: ['multipart/form-data'],
      response: { 201: documentSchema },
    },
    handler: async (request, reply) => {
      const { principal, params, query } = request;
      const limit = documents.admit(principal, params.id, query.question, request.headers['content-length']);
      if (!request.isMultipart()) {
        throw new AppError('unsupported_media_type', message('problem.documentMultipart'));
      }
      const deadline = uploadDeadline(request, reply, times);
      const part = await deadline.guard(
        request.file({
          limits: { fileSize: limit.bytes + 1, files: 1, fields: 0, parts: 1, headerPairs: 20 },
          preservePath: true,
        }),
      );
      if (part?.fieldname !== 'file') {
        throw new AppError('bad_request', message('problem.documentPart'), {
          headers: { connection: 'close' },
        });
      }
      deadline.watch(part.file);
      const view = await deadline.guard(
        documents.upload(
          principal,
          params.id,
          query.question,
          { stream: part.file, filename: part.filename, mimetype: part.mimetype },
          limit,
        ),
      );
      return reply
        .code(201)
        .header('location', `/v1/assessments/${params.id}/documents/${view.id}`)
        .send(view);
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/documents',
    operationId: 'listDocuments',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags,
      summary: 'The assessment’s documents, the questions whose evidence points at each, and the limits',
      params: idParamsSchema,
      response: { 200: documentListSchema },
    },
    handler: async (request) => {
      const list = documents.list(request.principal, request.params.id);
      return {
        ...list,
        limitBytes: documents.limits.assessmentBytes,
        fileLimitBytes: documents.limits.fileBytes,
      };
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/documents/:docId',
    operationId: 'downloadDocument',
    roles: WORKFLOW.read.roles,
    problems: [404, 416],
    schema: {
      tags,
      summary: 'Download a document (attachment; `?inline=1` shows a PDF, PNG or JPEG in the browser)',
      description:
        '`ETag` is the quoted sha256; `Range` (one range) answers 206, or 416 outside the document. Sent with ' +
        '`X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy.',
      params: documentParamsSchema,
      querystring: downloadQuerySchema,
      response: {
        200: { description: 'The document, as the type decided at upload', content: asEveryType },
        206: { description: 'The range asked for', content: asEveryType },
        304: z.undefined().meta({ description: 'Not modified since the ETag sent in If-None-Match' }),
      },
    },
    handler: async (request, reply) => {
      const document = documents.find(request.principal, request.params.id, request.params.docId);
      const etag = `"${document.sha256}"`;
      const inline = request.query.inline === '1' && INLINE_TYPES.has(document.mediaType);
      reply
        .header('etag', etag)
        .header('accept-ranges', 'bytes')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', SANDBOX)
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', document.name))
        .header('cache-control', 'private, no-cache');
      if (ifNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
      const ifRange = request.headers['if-range'];
      const range = ifRange && ifRange !== etag ? null : byteRange(request.headers.range, document.size);
      if (range === 'unsatisfiable') {
        throw new AppError(
          'range_not_satisfiable',
          message('problem.rangeNotSatisfiable', { size: document.size }),
          {
            headers: { 'content-range': `bytes */${document.size}` },
          },
        );
      }
      reply.type(document.mediaType);
      // A stream of the stored bytes: the response schema's `binary` string describes them.
      if (!range)
        return reply.header('content-length', document.size).send(documents.open(document) as never);
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${document.size}`)
        .header('content-length', range.end - range.start + 1)
        .send(documents.open(document, range) as never);
    },
  });

  authenticatedRoute(app, {
    method: 'DELETE',
    url: '/v1/assessments/:id/documents/:docId',
    operationId: 'deleteDocument',
    roles: WORKFLOW.answer.roles,
    problems: [403, 404, 409],
    schema: {
      tags,
      summary: 'Delete a document no evidence points at (409 names the questions that do)',
      description:
        'Refused (409) once the assessment is submitted or validated. A new version is a new document.',
      params: documentParamsSchema,
      response: { 204: z.undefined().meta({ description: 'Deleted' }) },
    },
    handler: async (request, reply) => {
      await documents.remove(request.principal, request.params.id, request.params.docId);
      return reply.code(204).send();
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/evidence.zip',
    operationId: 'getEvidencePack',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags,
      summary: 'The evidence pack: every document, an index (CSV) and the country profile (PDF), as one zip',
      description:
        '`index.csv` has one row per evidence item that points at a document (question, evidence title, file, ' +
        'sha256, uploaded by, when), then one per document no evidence points at. Streamed as it is made. The ' +
        'profile is in the language of `Accept-Language`.',
      params: idParamsSchema,
      response: {
        200: {
          description: 'A zip file',
          content: { 'application/zip': { schema: binary } },
        },
      },
    },
    handler: async (request, reply) => {
      const row = assessments.load(request.principal, request.params.id);
      const { locale } = request;
      const profile = await profileDocument(reports, assessments, row, locale);
      const stream = evidencePack({
        documents: documents.rows(row),
        evidence: assessments.answersOf(row),
        profile: { name: `profile-${row.country}-${row.period}-${locale}.pdf`, bytes: profile },
        open: (document) => documents.open(document),
      });
      return reply
        .type('application/zip')
        .header(
          'content-disposition',
          contentDisposition('attachment', `migov-evidence-${row.country}-${row.period}.zip`),
        )
        .send(stream as never);
    },
  });
};
