import createClient from 'openapi-fetch';
import type { components, paths } from '../../examples/client/schema.d.ts';
import { getToken } from './auth.ts';
import { labelled, locale } from './i18n.ts';

export type Schemas = components['schemas'];
export type Framework = Schemas['PublishedFramework'];
export type Question = Schemas['Question'];
export type Assessment = Schemas['Assessment'];
export type AssessmentSummary = Schemas['AssessmentSummary'];
export type Answer = Schemas['Answer'];
export type AnswerItem = Schemas['AnswerItem'];
/** A piece of evidence: a title with a link, a citation and/or one of the assessment's documents. */
export type Evidence = Schemas['Evidence'] & { document?: string };
export type Report = Schemas['Report'];
export type Problem = Schemas['Problem'] & { missing?: { question: string; reason: string }[] };
/** The caller (GET /v1/me): their claims, with the person record the server keeps. */
export type Principal = Schemas['Person'];

/** The public API, typed from openapi/openapi.json (the same types as examples/client). */
export const api = createClient<paths>({ baseUrl: location.origin });

let onExpired: () => void = () => undefined;
/** What to do when the API says the token is no longer valid (401). */
export const whenExpired = (handler: () => void) => {
  onExpired = handler;
};

/** What every call to the API carries: the token and the person's language. */
export function apiHeaders(headers: Headers = new Headers()): Headers {
  const token = getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  headers.set('accept-language', locale());
  return headers;
}

/** The 401 answer of a call made outside the typed client (an upload, a file). */
export const expired = () => onExpired();

api.use({
  onRequest({ request }) {
    apiHeaders(request.headers);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) onExpired();
    return response;
  },
});

/** A refused request, with the problem+json the API answered. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem ? labelled(problem.title, problem.detail ?? '') : `HTTP ${status}`);
  }
}

/** The data of a successful call (and its ETag), or an ApiError. */
export async function ok<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; etag: string; response: Response }> {
  const { data, error, response } = await pending;
  if (!response.ok || data === undefined) throw new ApiError(response.status, error as Problem | undefined);
  return { data, etag: response.headers.get('etag') ?? '', response };
}

/** Fetches a file through the API (with the token) and hands it to the browser as a download. */
export async function download(
  pending: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  filename: string,
): Promise<void> {
  const { data, error, response } = await pending;
  if (!response.ok || !(data instanceof Blob))
    throw new ApiError(response.status, error as Problem | undefined);
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
