import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  HookHandlerDoneFunction,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteOptions,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Role } from '../auth/claims.ts';
import { ASSESSMENT_DATA } from '../lib/cache-control.ts';
import { chooseCoding, ifNoneMatch, type Precompressed, varyWith } from '../lib/content-coding.ts';
import { AUTHENTICATED_PROBLEMS, problemResponses } from '../lib/problem.schema.ts';

type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

type ZodRoute<S extends FastifySchema> = RouteOptions<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  S,
  ZodTypeProvider,
  FastifyBaseLogger
>;

export interface AuthenticatedRoute<S extends FastifySchema> extends Omit<ZodRoute<S>, 'onRequest'> {
  operationId: string;
  /** The roles that may call it at all (others get 403); any authenticated caller when omitted. */
  roles?: readonly Role[];
  /** The problem statuses it answers besides those of every authenticated route (400, 401, 429, 500, 503). */
  problems?: readonly number[];
}

/**
 * The one way to declare an authenticated route: the roles checked (`onRequest`), the security
 * requirement and the problem responses in the OpenAPI document all come from the same
 * declaration, so the document and the handler cannot disagree. The rate-limit and Retry-After
 * headers are added to every response of every route by the document's last step
 * (src/plugins/openapi.limits.ts), since one application-wide hook sends them.
 */
export function authenticatedRoute<S extends FastifySchema>(app: ZodApp, route: AuthenticatedRoute<S>): void {
  const { operationId, roles, problems = [], schema, ...rest } = route;
  const response = {
    ...(schema?.response as object),
    ...problemResponses(...AUTHENTICATED_PROBLEMS, ...problems),
  };
  const declared: ZodRoute<S> = {
    ...rest,
    // The problem responses are answered by the error handler, never by the handler itself,
    // whose types stay those of the route's own schema.
    schema: { ...schema, operationId, security: [{ bearerAuth: [] }], response } as unknown as S,
  };
  // A contributor's token must name a ministry of their country that is not retired (403 otherwise).
  const { ministries, people } = app.services;
  app.route({
    ...declared,
    onRequest: [noStore, app.authenticate(roles)],
    // Callback style: every other role passes without a promise.
    preHandler: (request, _reply, done) => {
      // The person record (their e-mail, their language) is kept up to date from every request.
      people.sighted(request.principal, request.locale, (err) =>
        request.log.warn({ err }, 'person not recorded'),
      );
      if (request.principal.role === 'contributor') {
        try {
          ministries.contributorMinistry(request.principal);
        } catch (error) {
          done(error as Error);
          return;
        }
      }
      done();
    },
  });
}

/**
 * Every authenticated answer is `no-store` unless its handler says otherwise: they carry
 * assessment data, which a shared computer's browser must not keep on disk. Public reference
 * data (the questionnaire) sets its own, cacheable, policy.
 */
function noStore(_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  reply.header('cache-control', ASSESSMENT_DATA);
  done();
}

/**
 * Sends a body that is already serialised (cached report bytes, a questionnaire serialised once):
 * fastify sends strings and Buffers as they are, so the response schema's serializer is bypassed
 * on purpose here, and only here. What the bytes hold was built from the same schema's types.
 */
export function sendSerialized(
  reply: FastifyReply,
  body: string | Buffer,
  contentType: string,
): FastifyReply {
  return reply.type(contentType).send(body);
}

/**
 * Sends a serialised body compressed as the client accepts it (brotli, gzip or none), each
 * coding made once per body by `packer`. The ETag is strong and differs per coding (`"<tag>"`,
 * `"<tag>-gzip"`, `"<tag>-br"`): the compressed bytes are other representations, and a strong
 * validator names exact bytes (RFC 9110 8.8.3), so a cache may never answer a gzip request with
 * brotli bytes on a matching tag. If-None-Match gets 304 for the coding it was sent with.
 */
export function sendCompressed(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Buffer,
  options: { contentType: string; etag: string; packer: Precompressed },
): FastifyReply {
  const coding = chooseCoding(request.headers['accept-encoding']);
  const etag = `"${options.etag}${coding === 'identity' ? '' : `-${coding}`}"`;
  reply.header('etag', etag).header('vary', varyWith(reply.getHeader('vary'), 'Accept-Encoding'));
  if (ifNoneMatch(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (coding !== 'identity') reply.header('content-encoding', coding);
  return sendSerialized(reply, options.packer.body(body, coding), options.contentType);
}
