/**
 * Checks HTTP responses against the committed OpenAPI document (openapi/openapi.json): the
 * operation exists, the status is documented, the content type is documented for that status,
 * and a JSON body validates against its schema. The document is OpenAPI 3.1, whose schemas are
 * JSON Schema 2020-12, so Ajv's 2020 dialect validates them as they are.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const OPENAPI_DOCUMENT = resolve(import.meta.dirname, '../openapi/openapi.json');

/** What the checker needs of a response: light-my-request's and fetch's both fit. */
export interface ContractResponse {
  method: string;
  url: string;
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

export interface CheckOptions {
  /**
   * False when no route of the app handled the request (its not-found handler answered):
   * such a request cannot be in the spec, and only a 404 (or a 400, 413, 415, 429 or 503
   * decided before routing) problem+json is acceptable.
   */
  routed?: boolean;
}

interface MediaTypeObject {
  schema?: unknown;
}
interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}
interface OperationObject {
  responses?: Record<string, ResponseObject>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, unknown> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** The one place unrouted requests end up; validated as a Problem. */
const PROBLEM_REF = '#/components/schemas/Problem';
/**
 * What the not-found handler may answer: 404, or what is decided before it (the body of an
 * unknown POST is still parsed and limited; the rate limit and the overload guard apply to
 * every request).
 */
const UNROUTED_STATUSES = [404, 400, 413, 415, 429, 503];
const DOCUMENT_ID = 'https://migov.invalid/openapi.json';

/** Only the API is under contract: the docs UI and the document itself are not operations. */
export const UNCHECKED_PATHS = [/^\/docs(?:[/?]|$)/, /^\/openapi\.json(?:\?|$)/];

const isJson = (mediaType: string) => mediaType === 'application/json' || mediaType.endsWith('+json');

/** JSON Pointer escaping (RFC 6901) of one reference token, then URI-fragment escaping. */
const pointerToken = (token: string) => encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'));

interface PathMatcher {
  template: string;
  regex: RegExp;
  /** Literal segments win over templated ones (`/a/b` before `/a/{x}`). */
  params: number;
}

function matcherFor(template: string): PathMatcher {
  let params = 0;
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      if (/^\{[^}]+\}$/.test(part)) {
        params += 1;
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { template, regex: new RegExp(`^${source}$`), params };
}

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((e) => {
      const where = e.instancePath || '(root)';
      const extra =
        e.keyword === 'additionalProperties'
          ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
          : e.keyword === 'enum'
            ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
            : '';
      return `${where} ${e.message ?? e.keyword}${extra}`;
    })
    .join('; ');
}

export class ContractError extends Error {
  constructor(
    readonly response: ContractResponse,
    readonly problems: string[],
  ) {
    const body = response.body.length > 600 ? `${response.body.slice(0, 600)}…` : response.body;
    super(
      `response breaks openapi/openapi.json: ${response.method.toUpperCase()} ${response.url} -> ` +
        `${response.statusCode}\n  ${problems.join('\n  ')}\n  body: ${body}`,
    );
    this.name = 'ContractError';
  }
}

export class Contract {
  private readonly ajv: Ajv2020;
  private readonly matchers: PathMatcher[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    if (!/^3\.1\./.test(document.openapi)) {
      throw new Error(`expected an OpenAPI 3.1 document, got ${document.openapi}`);
    }
    // strict: false because OpenAPI adds keywords of its own (example, discriminator, xml).
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats.default(this.ajv);
    // The whole document under one id: every `#/components/schemas/...` reference, and every
    // inline response schema, resolves inside it.
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID }, DOCUMENT_ID);
    this.matchers = Object.keys(document.paths)
      .map(matcherFor)
      .sort((a, b) => a.params - b.params);
  }

  static fromFile(file = OPENAPI_DOCUMENT): Contract {
    return new Contract(JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument);
  }

  /** The path template a concrete path falls under, or undefined. */
  template(path: string): string | undefined {
    return this.matchers.find((m) => m.regex.test(path))?.template;
  }

  /** Every way the response breaks the document; empty when it conforms. */
  check(response: ContractResponse, options: CheckOptions = {}): string[] {
    const path = (response.url.split('?')[0] ?? '').split('#')[0] ?? '';
    if (UNCHECKED_PATHS.some((re) => re.test(path))) return [];
    const method = response.method.toLowerCase();
    const status = response.statusCode;
    const contentType = String(response.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();

    const template = this.template(path);
    if (!template) {
      if (options.routed === false) return this.checkUnrouted(response, contentType);
      return [`no path of the document matches ${path}`];
    }
    const item = this.document.paths[template] ?? {};
    // HEAD is answered by the GET route, without a body.
    const documented = method === 'head' && !item.head ? 'get' : method;
    const operation = item[documented];
    if (!METHODS.includes(documented) || !operation) {
      if (options.routed === false) return this.checkUnrouted(response, contentType);
      return [`${method.toUpperCase()} ${template} is not in the document`];
    }

    const responses = operation.responses ?? {};
    const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
    if (!statusKey) {
      return [
        `status ${status} is not documented for ${method.toUpperCase()} ${template} ` +
          `(documented: ${Object.keys(responses).join(', ')})`,
      ];
    }
    const content = responses[statusKey]?.content ?? {};
    const mediaTypes = Object.keys(content);
    const hasBody = response.body.length > 0 && method !== 'head';
    if (mediaTypes.length === 0) {
      return hasBody ? [`status ${status} documents no body, but one was sent (${contentType})`] : [];
    }
    if (!hasBody && method === 'head') return [];
    if (!contentType) return [`no Content-Type; documented: ${mediaTypes.join(', ')}`];
    const mediaType = mediaTypes.find((m) => this.mediaTypeMatches(m, contentType));
    if (!mediaType) {
      return [
        `Content-Type ${contentType} is not documented for ${status} (documented: ${mediaTypes.join(', ')})`,
      ];
    }
    if (!isJson(contentType) || content[mediaType]?.schema === undefined) return [];

    const pointer = ['paths', template, documented, 'responses', statusKey, 'content', mediaType, 'schema']
      .map(pointerToken)
      .join('/');
    return this.validate(`#/${pointer}`, response.body);
  }

  /** Throws a ContractError naming the request and every problem. */
  assert(response: ContractResponse, options: CheckOptions = {}): void {
    const problems = this.check(response, options);
    if (problems.length > 0) throw new ContractError(response, problems);
  }

  /**
   * Every schema `example` in the document that its own schema refuses, as `pointer: errors`.
   * An example that does not validate teaches clients the wrong shape.
   */
  checkExamples(): string[] {
    const problems: string[] = [];
    const visit = (node: unknown, pointer: string[]) => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => {
          visit(child, [...pointer, String(i)]);
        });
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      const isSchema = ['type', '$ref', 'anyOf', 'oneOf', 'allOf', 'properties', 'enum', 'const'].some(
        (k) => k in schema,
      );
      if (isSchema && 'example' in schema) {
        const fragment = `#/${pointer.map(pointerToken).join('/')}`;
        const errors = this.validate(fragment, JSON.stringify(schema.example));
        if (errors.length > 0) problems.push(`${fragment}: ${errors.join('; ')}`);
      }
      for (const [key, child] of Object.entries(schema)) {
        // An example is data, not schema: a property named `type` inside one is not a keyword.
        if (key !== 'example' && key !== 'examples') visit(child, [...pointer, key]);
      }
    };
    visit(this.document, []);
    return problems;
  }

  private checkUnrouted(response: ContractResponse, contentType: string | undefined): string[] {
    if (!UNROUTED_STATUSES.includes(response.statusCode)) {
      return [
        `no route handled the request, so only ${UNROUTED_STATUSES.join(', ')} are acceptable, ` +
          `not ${response.statusCode}`,
      ];
    }
    if (contentType !== 'application/problem+json') {
      return [`the not-found answer must be application/problem+json, not ${contentType}`];
    }
    return this.validate(PROBLEM_REF, response.body);
  }

  private mediaTypeMatches(documented: string, actual: string): boolean {
    const [type, subtype] = documented.toLowerCase().split('/');
    const [actualType, actualSubtype] = actual.split('/');
    return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
  }

  private validate(fragment: string, body: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`the body is not JSON: ${body.slice(0, 200)}`];
    }
    let validator = this.validators.get(fragment);
    if (!validator) {
      try {
        validator = this.ajv.compile({ $ref: `${DOCUMENT_ID}${fragment}` });
      } catch (error) {
        return [`the document's schema at ${fragment} cannot be compiled: ${(error as Error).message}`];
      }
      this.validators.set(fragment, validator);
    }
    return validator(value) ? [] : [`the body does not match its schema: ${formatErrors(validator.errors)}`];
  }
}

let shared: Contract | undefined;

/** The contract of the committed document, loaded once per test worker. */
export function contract(): Contract {
  shared ??= Contract.fromFile();
  return shared;
}
