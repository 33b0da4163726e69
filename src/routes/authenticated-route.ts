import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteOptions,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Role } from '../auth/claims.ts';
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
  app.route({ ...declared, onRequest: app.authenticate(roles) });
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
