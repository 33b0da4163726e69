/**
 * What the generated OpenAPI document needs beyond the route schemas: the words a reader of
 * /docs wants (operation descriptions, success-response descriptions) kept in one table so the
 * route files stay about HTTP, and the tidying of the component list (no `*Input` copy that is
 * identical to its output schema, no component nothing refers to).
 */
import type { OpenAPIV3_1 } from 'openapi-types';

/** Per operationId: a description beyond the summary, and what each success status means. */
export const OPERATION_DOCS: Record<string, { description: string; responses: Record<string, string> }> = {
  getHealth: {
    description: 'Answers 200 while the process runs. For a load balancer’s liveness probe; needs no token.',
    responses: { 200: 'The process is up' },
  },
  getReadiness: {
    description:
      'Answers 200 when the database can be read and written, 503 otherwise (for example after a failed disk sync). Needs no token.',
    responses: { 200: 'Ready to serve requests' },
  },
  getMe: {
    description:
      'The claims of the bearer token as migov verified them: use it to check a token before anything else.',
    responses: { 200: 'The verified claims' },
  },
  listFrameworks: {
    description:
      'Every published version of the questionnaire, newest first. New assessments use the latest unless one is named.',
    responses: { 200: 'The published framework versions' },
  },
  getFramework: {
    description:
      'Domains, sub-domains and questions with their types, options and scores, guidance, weights, `enableWhen` conditions and SDG tags. A published version never changes.',
    responses: { 200: 'The questionnaire tree' },
  },
  listCountries: {
    description: 'The country codes the API accepts (ISO 3166-1 alpha-3), with names and UN M49 regions.',
    responses: { 200: 'The countries' },
  },
  createAssessment: {
    description:
      'A focal point opens one for its own country (an admin for any). `framework` pins a version (default: the latest); `copyFrom` starts from the country’s last validated answers. The answer carries `Location` and the `ETag` to send as `If-Match` later. An `Idempotency-Key` makes a retried request safe.',
    responses: { 201: 'The new assessment, in draft' },
  },
  listAssessments: {
    description:
      'Filtered by country, period and status, within the caller’s scope, a page at a time (`limit`, then `cursor` from `next`).',
    responses: { 200: 'A page of assessments' },
  },
  getAssessment: {
    description: 'Status, revision (its ETag) and progress per domain: answered, enabled and coverage.',
    responses: { 200: 'The assessment' },
  },
  listAnswers: {
    description:
      'Every stored answer with its comment, evidence, who gave it and when, including answers to questions an earlier answer has switched off.',
    responses: { 200: 'The answers' },
  },
  putAnswers: {
    description:
      'Sets up to a whole questionnaire of answers in one request. Nothing is saved unless every item is valid; each bad item is named in `errors`. `If-Match` is honoured when sent. Allowed while the assessment is a draft or returned.',
    responses: { 200: 'The assessment after the batch, with its new ETag and progress' },
  },
  clearAnswer: {
    description:
      'Removes one stored answer (recorded in the history). Allowed while the assessment is a draft or returned.',
    responses: { 200: 'The assessment after the change, with its new ETag' },
  },
  submitAssessment: {
    description:
      'Draft or returned to submitted. Requires `If-Match` (428 without, 412 when stale). Refused with 409 and the list in `missing` unless every applicable question is answered and required evidence is attached.',
    responses: { 200: 'The submitted assessment' },
  },
  returnAssessment: {
    description:
      'A reviewer sends a submitted assessment back with a reason; it becomes editable again. Requires `If-Match`.',
    responses: { 200: 'The returned assessment' },
  },
  validateAssessment: {
    description:
      'A reviewer validates a submitted assessment. Its report is stored as a snapshot and never changes; it then counts in the SDG 10.7.2 aggregate and as the previous round of the country’s later assessments. Requires `If-Match`.',
    responses: { 200: 'The validated assessment' },
  },
  getHistory: {
    description:
      'Every answer set or cleared and every status change, oldest first, with who, when, before and after.',
    responses: { 200: 'A page of events' },
  },
  getReportChart: {
    description:
      'A standalone SVG (no scripts, no external resources): the six domain scores over the four bands, the previous validated round dashed behind, unscored domains left as gaps; a report that is not validated says so. Language from `Accept-Language`.',
    responses: {},
  },
  getSdg1072: {
    description:
      'For one period (and optionally one region), the latest validated assessment of each country counted by band, overall and per domain, with the share that meets or fully meets. `Accept: text/csv` for a table.',
    responses: {},
  },
  getCountryTrend: {
    description: 'The composite and domain scores of each validated period of one country, oldest first.',
    responses: { 200: 'The country’s validated periods' },
  },
};

type Document = OpenAPIV3_1.Document;
/** The parts of an operation this file reads or writes (the openapi-types unions are too wide to walk). */
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: {
    in?: string;
    name?: string;
    example?: unknown;
    description?: string;
    schema?: Record<string, unknown>;
  }[];
  responses?: Record<string, { description?: string }>;
}
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

export function operations(document: Document): Operation[] {
  const paths = (document.paths ?? {}) as Record<
    string,
    Partial<Record<(typeof METHODS)[number], Operation>>
  >;
  return Object.values(paths).flatMap((item) =>
    METHODS.map((m) => item[m]).filter((op): op is Operation => op !== undefined),
  );
}

/** Rewrites every `$ref` in a JSON value (in place) with `rename`. */
function rewriteRefs(value: unknown, rename: (ref: string) => string): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteRefs(item, rename);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === 'string') record.$ref = rename(record.$ref);
    for (const child of Object.values(record)) rewriteRefs(child, rename);
  }
}

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.$ref === 'string') into.add(record.$ref);
    for (const child of Object.values(record)) collectRefs(child, into);
  }
}

const PREFIX = '#/components/schemas/';

/**
 * The document /openapi.json and /docs serve: descriptions filled in from OPERATION_DOCS, each
 * `XInput` schema that is identical to `X` (apart from its own references) merged into `X`, and
 * only the components that an operation reaches kept.
 */
export function finishDocument(document: Document): Document {
  for (const op of operations(document)) {
    const docs = op.operationId ? OPERATION_DOCS[op.operationId] : undefined;
    if (docs && !op.description) op.description = docs.description;
    for (const [status, r] of Object.entries(op.responses ?? {})) {
      if (r.description === 'Default Response' || !r.description) {
        r.description =
          docs?.responses[status] ?? (status.startsWith('2') ? (op.summary ?? 'Success') : 'Response');
      }
    }
  }

  const schemas = document.components?.schemas ?? {};
  const merged = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const base = name.endsWith('Input') ? name.slice(0, -'Input'.length) : null;
    if (!base || !(base in schemas)) continue;
    const strip = (s: unknown) => JSON.stringify(s).replaceAll(/Input"/g, '"');
    if (strip(schemas[name]) === strip(schemas[base])) merged.set(`${PREFIX}${name}`, `${PREFIX}${base}`);
  }
  for (const ref of merged.keys()) delete schemas[ref.slice(PREFIX.length)];
  rewriteRefs(document, (ref) => merged.get(ref) ?? ref);

  // Keep what the paths reach, following references between components.
  const reached = new Set<string>();
  collectRefs(document.paths, reached);
  const queue = [...reached];
  while (queue.length > 0) {
    const ref = queue.pop() as string;
    const found = new Set<string>();
    collectRefs(schemas[ref.slice(PREFIX.length)], found);
    for (const next of found)
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
  }
  for (const name of Object.keys(schemas)) if (!reached.has(`${PREFIX}${name}`)) delete schemas[name];
  return document;
}

/** For Swagger UI's "Try it out": no example id pre-filled, since an example id answers 404. */
export function withoutExampleIds(document: Document): Document {
  for (const op of operations(document)) {
    for (const parameter of op.parameters ?? []) {
      if (parameter.in === 'path' && parameter.name === 'id') {
        delete parameter.example;
        if (parameter.schema && 'example' in parameter.schema) delete parameter.schema.example;
        parameter.description ??=
          'The assessment id, from the answer of POST /v1/assessments or GET /v1/assessments';
      }
    }
  }
  return document;
}
