import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AssessmentRow } from '../assessments/assessment.repository.ts';
import { idParamsSchema } from '../assessments/assessment.schemas.ts';
import { WORKFLOW } from '../assessments/assessment.workflow.ts';
import type { Locale } from '../i18n/locale.ts';
import { ASSESSMENT_DATA } from '../lib/cache-control.ts';
import { ifNoneMatch, Precompressed } from '../lib/content-coding.ts';
import { wantsCsv } from '../lib/negotiation.ts';
import { profileDocument } from '../reports/profile.document.ts';
import { reportCsv, scoresCsv } from '../reports/report.csv.ts';
import { type Report, reportQuerySchema, reportSchema } from '../reports/report.schemas.ts';
import { reportChartSvg } from '../reports/report.svg.ts';
import type { Aggregation } from '../scoring/scoring.engine.ts';
import { authenticatedRoute, sendCompressed, sendSerialized } from './authenticated-route.ts';

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { assessments, reports } = app.services;
  // One body per revision, aggregation and language, compressed on its first request: brotli 5
  // took less CPU than gzip 6 and gave smaller bodies on the reports and questionnaires measured.
  const packer = new Precompressed(5);

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/report',
    operationId: 'getReport',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags: ['reports'],
      summary: 'The scored report (JSON, or CSV with Accept: text/csv)',
      description:
        'Composite MGI with band, provisional flag and uncertainty; domains and sub-domains; HMG-I and SDG lenses; ' +
        'gaps ranked by potential gain; strengths; comparison with the previous validated round. A validated ' +
        'assessment’s report is the snapshot stored at validation. `Accept: text/csv` gives one row per question.',
      params: idParamsSchema,
      querystring: reportQuerySchema,
      response: {
        200: {
          description: 'The report',
          content: {
            'application/json': { schema: reportSchema },
            'text/csv': { schema: z.string().meta({ description: 'RFC 4180, one row per question' }) },
          },
        },
        304: z.undefined().meta({ description: 'Not modified since the ETag sent in If-None-Match' }),
      },
    },
    handler: async (request, reply) => {
      const row = assessments.load(request.principal, request.params.id);
      const { aggregation } = request.query;
      const csv = wantsCsv(request.headers.accept);
      // English where the framework version has no translation into the language asked for.
      const locale = reports.contentLanguage(row, request.locale);
      // Strong ETags differ per representation: format, language and (sendCompressed) content coding.
      const tag = `r${row.revision}-${aggregation}-${locale}${csv ? '-csv' : ''}${reports.version(row)}`;
      reply
        .header('content-language', locale)
        .header('vary', 'Accept, Accept-Encoding, Authorization')
        .header('cache-control', ASSESSMENT_DATA);
      if (!csv) {
        return sendCompressed(request, reply, reports.reportBuffer(row, aggregation, locale), {
          contentType: 'application/json; charset=utf-8',
          etag: tag,
          packer,
        });
      }
      reply.header('etag', `"${tag}"`);
      if (ifNoneMatch(request.headers['if-none-match'], `"${tag}"`)) return reply.code(304).send();
      const answers = assessments.answersOf(row);
      const questions = reports.questionsIn(row, locale);
      // The CSV has question scores only: no uncertainty draws needed.
      const result = reports.score(row, answers, aggregation, 1);
      const body = reportCsv(questions, answers, result, locale, reports.ministryCodes(row, answers));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="migov-${row.country}-${row.period}.csv"`)
        .send(body);
    },
  });

  /** The ETag and caching headers of a representation; true when the client's copy is current. */
  const notModified = (request: FastifyRequest, reply: FastifyReply, etag: string, locale: string) => {
    reply
      .header('etag', etag)
      .header('content-language', locale)
      .header('vary', 'Accept-Language, Authorization')
      .header('cache-control', ASSESSMENT_DATA);
    return ifNoneMatch(request.headers['if-none-match'], etag);
  };
  const notModifiedResponse = z
    .undefined()
    .meta({ description: 'Not modified since the ETag sent in If-None-Match' });
  const localizedReport = (row: AssessmentRow, aggregation: Aggregation, locale: Locale) =>
    JSON.parse(reports.reportBuffer(row, aggregation, locale).toString('utf8')) as Report;

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/report.svg',
    operationId: 'getReportChart',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags: ['reports'],
      summary: 'Radar chart of the six domain scores, with the previous round behind',
      params: idParamsSchema,
      response: {
        200: { description: 'A standalone SVG image', content: { 'image/svg+xml': { schema: z.string() } } },
        304: notModifiedResponse,
      },
    },
    handler: async (request, reply) => {
      const row = assessments.load(request.principal, request.params.id);
      const { locale } = request;
      if (notModified(request, reply, `"r${row.revision}-svg-${locale}${reports.version(row)}"`, locale)) {
        return reply.code(304).send();
      }
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
        .send(reportChartSvg(localizedReport(row, 'arithmetic', locale), locale));
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/profile.pdf',
    operationId: 'getCountryProfile',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags: ['reports'],
      summary: 'The printable country profile (PDF, A4)',
      description:
        'Two to four A4 pages in the manner of IOM’s published MGI country profiles: the MGI with its band, ' +
        'coverage and sensitivity; the radar chart; every domain and sub-domain with its score and band; the ' +
        'well-developed areas; the areas with potential for further development, with the question texts; the ' +
        'change since the last validated round; the method in one paragraph; the status and dates. A report ' +
        'that is not validated says so on its first page. Language from `Accept-Language` (en, fr, es).',
      params: idParamsSchema,
      response: {
        200: {
          description: 'The country profile as a PDF document',
          content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
        },
        304: notModifiedResponse,
      },
    },
    handler: async (request, reply) => {
      const row = assessments.load(request.principal, request.params.id);
      const { locale } = request;
      if (notModified(request, reply, `"r${row.revision}-pdf-${locale}${reports.version(row)}"`, locale)) {
        return reply.code(304).send();
      }
      const pdf = await profileDocument(reports, assessments, row, locale);
      const name = `migov-profile-${row.country}-${row.period}-${locale}.pdf`;
      reply.header('content-disposition', `inline; filename="${name}"`);
      return sendSerialized(reply, pdf, 'application/pdf');
    },
  });

  authenticatedRoute(app, {
    method: 'GET',
    url: '/v1/assessments/:id/scores.csv',
    operationId: 'getScoresCsv',
    roles: WORKFLOW.read.roles,
    problems: [404],
    schema: {
      tags: ['reports'],
      summary: 'The scores as a table: MGI, domains and sub-domains, with bands and the previous round (CSV)',
      description:
        'RFC 4180 CSV, one row for the MGI (and the HMG-I reading), each domain and each sub-domain. Every row ' +
        'carries the country, period, status, framework, methodology and validation date, so it reads on its own ' +
        'and rows of several reports stack. Scores are points on 0-100 (the `unit` column); `band` is the code, ' +
        '`band_label` its name; `previous_score` and `change` compare with the previous validated round. The ' +
        'per-question table is `GET …/report` with `Accept: text/csv`. Headers and labels follow `Accept-Language`.',
      params: idParamsSchema,
      querystring: reportQuerySchema,
      response: {
        200: {
          description: 'The scores table',
          content: {
            'text/csv': { schema: z.string().meta({ description: 'RFC 4180, one row per score' }) },
          },
        },
        304: notModifiedResponse,
      },
    },
    handler: async (request, reply) => {
      const row = assessments.load(request.principal, request.params.id);
      const { aggregation } = request.query;
      const { locale } = request;
      const etag = `"r${row.revision}-${aggregation}-scores-${locale}${reports.version(row)}"`;
      if (notModified(request, reply, etag, locale)) return reply.code(304).send();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="migov-scores-${row.country}-${row.period}.csv"`)
        .send(scoresCsv(localizedReport(row, aggregation, locale), locale));
    },
  });
};
