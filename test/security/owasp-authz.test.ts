/**
 * OWASP API Security Top 10 (2023), the authorization items:
 * API1 broken object-level authorization and API5 broken function-level authorization,
 * run against every route of openapi/openapi.json.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOW } from '../../src/assessments/assessment.workflow.ts';
import { CONSULTATION_ROLES } from '../../src/consultation/consultation.roles.ts';
import { MINISTRY_ROLES } from '../../src/ministries/ministry.roles.ts';
import { PUBLICATION_ROLES } from '../../src/publication/publication.roles.ts';
import { WEBHOOK_ROLES } from '../../src/webhooks/webhook.roles.ts';
import { expectProblem, type TestContext } from '../helper.ts';
import {
  type Builder,
  describeReply,
  fingerprint,
  type Headers,
  loadSpec,
  type Made,
  type Principals,
  ROLE_OF,
  securityApp,
  textUpload,
} from './support.ts';

/** The role tables of the modules: the workflow, the ministries, the consultation, the webhooks, publication. */
const ROLE_TABLES = {
  ...WORKFLOW,
  ...MINISTRY_ROLES,
  ...CONSULTATION_ROLES,
  ...WEBHOOK_ROLES,
  ...PUBLICATION_ROLES,
};
type OperationKey = keyof typeof ROLE_TABLES;

/**
 * Every operation in the document and the WORKFLOW entry that guards it; `any` is any
 * authenticated caller, `public` needs no token. A new route fails the first test until it is added.
 */
const GUARD: Record<string, OperationKey | 'any' | 'public'> = {
  getHealth: 'public',
  getReadiness: 'public',
  getMe: 'any',
  listFrameworks: 'any',
  getFramework: 'any',
  listCountries: 'any',
  getSdg1072: 'any',
  getSdg1072Sdmx: 'any',
  getSdg1072Csv: 'any',
  getCountryTrend: 'any',
  createAssessment: 'create',
  listAssessments: 'read',
  getAssessment: 'read',
  listAnswers: 'read',
  getHistory: 'read',
  getReport: 'read',
  getReportChart: 'read',
  getCountryProfile: 'read',
  getScoresCsv: 'read',
  getHome: 'public',
  getWebAsset: 'public',
  getAppConfig: 'public',
  putAnswers: 'answer',
  clearAnswer: 'answer',
  submitAssessment: 'submit',
  returnAssessment: 'return',
  validateAssessment: 'validate',
  listMinistries: 'readMinistries',
  getMinistry: 'readMinistries',
  createMinistry: 'manageMinistries',
  updateMinistry: 'manageMinistries',
  deleteMinistry: 'manageMinistries',
  getMinistryAudit: 'manageMinistries',
  getAssignments: 'readConsultation',
  putAssignments: 'assign',
  markMinistryReady: 'signOff',
  listComments: 'readConsultation',
  postComment: 'comment',
  resolveThread: 'resolve',
  reopenThread: 'reopen',
  getQuestionChanges: 'readConsultation',
  getChangedSince: 'readConsultation',
  getMyTasks: 'tasks',
  updateMyPreferences: 'any',
  recordVisit: 'readConsultation',
  uploadDocument: 'answer',
  listDocuments: 'read',
  downloadDocument: 'read',
  deleteDocument: 'answer',
  getEvidencePack: 'read',
  getThreadSummary: 'readConsultation',
  recordThreadRead: 'readConsultation',
  listWebhooks: 'manageWebhooks',
  createWebhook: 'manageWebhooks',
  getWebhook: 'manageWebhooks',
  updateWebhook: 'manageWebhooks',
  deleteWebhook: 'manageWebhooks',
  rotateWebhookSecret: 'manageWebhooks',
  listWebhookDeliveries: 'manageWebhooks',
  redeliverWebhook: 'manageWebhooks',
  getPublication: 'readPublication',
  previewPublication: 'previewPublication',
  approvePublication: 'approve',
  publishProfile: 'publish',
  unpublishProfile: 'unpublish',
  listPublicProfiles: 'public',
  getPublicProfile: 'public',
  getPublicProfilePDF: 'public',
  getPublicProfileSVG: 'public',
  getPublicProfileCSV: 'public',
  getPublicProfileVersion: 'public',
  getPublicProfileVersionPDF: 'public',
  getPublicProfileVersionSVG: 'public',
  getPublicProfileVersionCSV: 'public',
  getPublicDocument: 'public',
  getPublicVersionDocument: 'public',
  getPublicSdg1072: 'public',
  redirectPortal: 'public',
  getPortal: 'public',
  getPortalProfile: 'public',
  getPortalSdg1072: 'public',
  getPortalSitemap: 'public',
  getPortalStyles: 'public',
};

/**
 * Routes whose success needs state this test cannot make without sending a packet off the
 * machine (a delivery to redeliver needs a delivery attempt; a public document needs an upload made public at
 * approval, which test/publication covers): an allowed role must get past the
 * guard (anything but 401/403); test/webhooks covers their success.
 */
const PAST_THE_GUARD = new Set([
  'redeliverWebhook',
  'getPublicDocument',
  'getPublicVersionDocument',
  // A redirect (301) to /profiles/.
  'redirectPortal',
]);

/** The routes that take an assessment id, as the request each sends when allowed to succeed. */
const ID_ROUTES = [
  'getAssessment',
  'listAnswers',
  'getHistory',
  'getReport',
  'getReportChart',
  'getCountryProfile',
  'getScoresCsv',
  'putAnswers',
  'clearAnswer',
  'submitAssessment',
  'returnAssessment',
  'validateAssessment',
  'getAssignments',
  'putAssignments',
  'listComments',
  'postComment',
  'getQuestionChanges',
  'getChangedSince',
  'recordVisit',
  'getThreadSummary',
  'recordThreadRead',
  'uploadDocument',
  'listDocuments',
  'getEvidencePack',
  'getPublication',
  'previewPublication',
  'approvePublication',
  'publishProfile',
  'unpublishProfile',
] as const;
type IdRoute = (typeof ID_ROUTES)[number];

interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Headers;
  payload?: object | Buffer;
}

/** A well-formed request for an id route: with the current ETag, so only authorization can refuse it. */
function idRequest(route: IdRoute, target: Made): Request {
  const base = `/v1/assessments/${target.id}`;
  const ifMatch = { 'if-match': target.etag };
  switch (route) {
    case 'getAssessment':
      return { method: 'GET', url: base };
    case 'listAnswers':
      return { method: 'GET', url: `${base}/answers` };
    case 'getHistory':
      return { method: 'GET', url: `${base}/history` };
    case 'getReport':
      return { method: 'GET', url: `${base}/report` };
    case 'getReportChart':
      return { method: 'GET', url: `${base}/report.svg` };
    case 'getCountryProfile':
      return { method: 'GET', url: `${base}/profile.pdf` };
    case 'getScoresCsv':
      return { method: 'GET', url: `${base}/scores.csv` };
    case 'putAnswers':
      return {
        method: 'PUT',
        url: `${base}/answers`,
        headers: ifMatch,
        payload: { answers: [{ question: 'P1.1.1', value: 'partial', comment: 'changed' }] },
      };
    case 'clearAnswer':
      return { method: 'DELETE', url: `${base}/answers/P1.1.1`, headers: ifMatch };
    case 'submitAssessment':
      return { method: 'POST', url: `${base}/submit`, headers: ifMatch };
    case 'returnAssessment':
      return { method: 'POST', url: `${base}/return`, headers: ifMatch, payload: { reason: 'Cite the act' } };
    case 'validateAssessment':
      return { method: 'POST', url: `${base}/validate`, headers: ifMatch };
    case 'getAssignments':
      return { method: 'GET', url: `${base}/assignments` };
    case 'putAssignments':
      return { method: 'PUT', url: `${base}/assignments`, headers: ifMatch, payload: { assignments: [] } };
    case 'listComments':
      return { method: 'GET', url: `${base}/questions/P1.1.1/comments` };
    case 'postComment':
      return { method: 'POST', url: `${base}/questions/P1.1.1/comments`, payload: { text: 'Which act?' } };
    case 'getQuestionChanges':
      return { method: 'GET', url: `${base}/questions/P1.1.1/changes` };
    case 'getChangedSince':
      return { method: 'GET', url: `${base}/changes?since=review` };
    case 'recordVisit':
      return { method: 'PUT', url: `/v1/me/visits/${target.id}` };
    case 'getThreadSummary':
      return { method: 'GET', url: `${base}/threads` };
    case 'recordThreadRead':
      return { method: 'PUT', url: `/v1/me/reads/${target.id}/P1.1.1` };
    case 'uploadDocument':
      return { method: 'POST', url: `${base}/documents`, ...textUpload() };
    case 'listDocuments':
      return { method: 'GET', url: `${base}/documents` };
    case 'getEvidencePack':
      return { method: 'GET', url: `${base}/evidence.zip` };
    case 'getPublication':
      return { method: 'GET', url: `${base}/publication` };
    case 'previewPublication':
      return { method: 'GET', url: `${base}/publication/preview` };
    case 'approvePublication':
      return { method: 'POST', url: `${base}/approve`, headers: ifMatch, payload: { authority: 'Cabinet' } };
    case 'publishProfile':
      return { method: 'POST', url: `${base}/publish`, headers: ifMatch };
    case 'unpublishProfile':
      return { method: 'POST', url: `${base}/unpublish`, headers: ifMatch, payload: { reason: 'Revision' } };
  }
}

let ctx: TestContext;
let who: Principals;
let build: Builder;

beforeAll(async () => {
  ({ ctx, who, build } = await securityApp());
});

const send = (request: Request, auth: Headers) =>
  ctx.app.inject({
    method: request.method,
    url: request.url,
    headers: { ...auth, ...request.headers },
    ...(request.payload ? { payload: request.payload } : {}),
  });

const allowed = (principal: keyof Principals, route: string) => {
  const guard = GUARD[route];
  if (guard === 'any' || guard === 'public') return true;
  if (!guard) throw new Error(`no guard for ${route}`);
  return (ROLE_TABLES[guard].roles as readonly string[]).includes(ROLE_OF[principal]);
};

describe('the route table', () => {
  it('names the guard of every operation in openapi/openapi.json', () => {
    const ids = Object.values(loadSpec().paths).flatMap((methods) =>
      Object.values(methods).map((op) => String(op.operationId)),
    );
    expect(ids.filter((id) => !(id in GUARD))).toEqual([]);
    expect(Object.keys(GUARD).filter((id) => !ids.includes(id))).toEqual([]);
  });
});

describe('API1 object-level authorization: out of scope is 404, as if it did not exist', () => {
  const statuses = ['draft', 'submitted', 'returned', 'validated'] as const;
  let targets: Record<(typeof statuses)[number], Made>;
  const ghost: Made = { id: randomUUID(), etag: '"r1"' };

  beforeAll(async () => {
    targets = {
      // Complete, so that submit and clear would succeed for someone allowed to do them.
      draft: await build.make('KEN', 'draft', 'full'),
      submitted: await build.make('KEN', 'submitted'),
      returned: await build.make('KEN', 'returned'),
      validated: await build.make('KEN', 'validated'),
    };
  });

  const outsiders: [string, keyof Principals, readonly (typeof statuses)[number][]][] = [
    ['a focal point of another country', 'focalUga', statuses],
    ['a viewer scoped to another country', 'viewerUga', statuses],
    ['an unscoped viewer, before validation', 'viewerAll', ['draft', 'submitted', 'returned']],
    ['a reviewer, on a draft', 'reviewer', ['draft']],
  ];

  describe.each(outsiders)('%s', (_name, principal, visibleTo) => {
    it.each(ID_ROUTES)(
      '%s: 404 (403 where the role may never do it), same as an unknown id',
      async (route) => {
        for (const status of visibleTo) {
          const before = fingerprint(ctx);
          const res = await send(idRequest(route, targets[status]), who[principal]);
          const unknown = await send(idRequest(route, ghost), who[principal]);
          const expected = allowed(principal, route) ? 404 : 403;
          const where = `${route} on a ${status} assessment`;
          expect(res.statusCode, `${where}: ${describeReply(res)}`).toBe(expected);
          const problem = expectProblem(res, expected);
          // No oracle: an existing assessment out of scope answers exactly like one that does not exist.
          expect(unknown.statusCode, `${where}, unknown id`).toBe(res.statusCode);
          expect(expectProblem(unknown, expected).type).toBe(problem.type);
          expect(res.body, where).not.toMatch(/KEN|Kenya|\b(draft|submitted|returned|validated)\b/);
          expect(fingerprint(ctx), `${where} changed the database`).toBe(before);
        }
      },
    );
  });

  it('lists nothing of another country, even when asked by name', async () => {
    for (const principal of ['focalUga', 'viewerUga'] as const) {
      const res = await ctx.app.inject({ url: '/v1/assessments?country=KEN', headers: who[principal] });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items).toEqual([]);
    }
    const res = await ctx.app.inject({ url: '/v1/assessments?limit=100', headers: who.viewerAll });
    const items = res.json().items as { status: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((a) => a.status === 'validated')).toBe(true);
    const reviewer = await ctx.app.inject({ url: '/v1/assessments?status=draft', headers: who.reviewer });
    expect(reviewer.json().items).toEqual([]);
  });

  it('hides another country`s trend', async () => {
    for (const principal of ['focalUga', 'viewerUga'] as const) {
      const res = await ctx.app.inject({ url: '/v1/countries/KEN/trend', headers: who[principal] });
      expectProblem(res, 404);
    }
  });

  it('refuses copyFrom naming another country`s validated assessment (404) and writes nothing', async () => {
    const before = fingerprint(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: who.focalUga,
      payload: { country: 'UGA', period: '2150', copyFrom: targets.validated.id },
    });
    expectProblem(res, 404);
    expect(fingerprint(ctx)).toBe(before);
  });
});

describe('API5 function-level authorization: role x operation on every route', () => {
  const roles: (keyof Principals)[] = ['admin', 'focalKen', 'reviewer', 'viewerKen', 'viewerAll'];
  let validated: Made;
  let draft: Made;
  let submitted: Made;

  let ministry: string;
  let codes = 0;

  beforeAll(async () => {
    validated = await build.make('KEN', 'validated');
    draft = await build.make('KEN', 'draft', 'full');
    submitted = await build.make('KEN', 'submitted');
    ministry = await newMinistry();
  });

  /** A new ministry of KEN, made by the admin. */
  async function newMinistry(): Promise<string> {
    const res = await send(
      {
        method: 'POST',
        url: '/v1/countries/KEN/ministries',
        payload: { code: `MX${codes++}`, name: 'Labour' },
      },
      who.admin,
    );
    expect(res.statusCode, describeReply(res)).toBe(201);
    return res.json().id as string;
  }

  /** A thread on P1.1.1 of a new submitted assessment, opened (and resolved) by the admin. */
  async function newThread(resolved: boolean): Promise<{ target: Made; comment: string }> {
    const target = await build.make('KEN', 'submitted');
    const url = `/v1/assessments/${target.id}/questions/P1.1.1/comments`;
    const res = await send({ method: 'POST', url, payload: { text: 'Which act?' } }, who.admin);
    const comment = res.json().id as string;
    if (resolved) await send({ method: 'POST', url: `${url}/${comment}/resolve` }, who.admin);
    return { target, comment };
  }

  /** The consultation's requests; `fresh` makes new targets where the request writes. */
  async function consultationRequest(route: string, fresh: boolean): Promise<Request> {
    const ministries = '/v1/countries/KEN/ministries';
    switch (route) {
      case 'listMinistries':
        return { method: 'GET', url: ministries };
      case 'getMinistry':
        return { method: 'GET', url: `${ministries}/${ministry}` };
      case 'createMinistry':
        return { method: 'POST', url: ministries, payload: { code: `MY${codes++}`, name: 'Interior' } };
      case 'updateMinistry':
        return {
          method: 'PATCH',
          url: `${ministries}/${fresh ? await newMinistry() : ministry}`,
          payload: { name: 'Labour and Employment' },
        };
      case 'deleteMinistry':
        return { method: 'DELETE', url: `${ministries}/${fresh ? await newMinistry() : ministry}` };
      case 'getMinistryAudit':
        return { method: 'GET', url: '/v1/countries/KEN/ministry-audit' };
      case 'getAssignments':
      case 'listComments':
      case 'getQuestionChanges':
      case 'getChangedSince':
        return idRequest(route, validated);
      case 'getMyTasks':
        return { method: 'GET', url: '/v1/me/tasks' };
      case 'recordVisit':
      case 'getThreadSummary':
      case 'recordThreadRead':
        return idRequest(route, validated);
      case 'updateMyPreferences':
        return { method: 'PATCH', url: '/v1/me/preferences', payload: { language: 'fr' } };
      case 'putAssignments': {
        const target = fresh ? await build.make('KEN', 'draft') : draft;
        return { ...idRequest(route, target), payload: { assignments: [{ scope: 'P1.1', lead: ministry }] } };
      }
      case 'postComment':
        return idRequest(route, submitted);
      case 'markMinistryReady': {
        const target = fresh ? await build.make('KEN', 'draft', 'full') : draft;
        if (fresh) {
          const assign = {
            method: 'PUT',
            url: `/v1/assessments/${target.id}/assignments`,
            payload: { assignments: [{ scope: 'P1.1', lead: ministry }] },
          } as const;
          expect((await send(assign, who.admin)).statusCode).toBe(200);
        }
        return { method: 'POST', url: `/v1/assessments/${target.id}/ministries/${ministry}/ready` };
      }
      case 'resolveThread':
      case 'reopenThread': {
        const { target, comment } = fresh
          ? await newThread(route === 'reopenThread')
          : { target: submitted, comment: randomUUID() };
        const action = route === 'resolveThread' ? 'resolve' : 'reopen';
        return {
          method: 'POST',
          url: `/v1/assessments/${target.id}/questions/P1.1.1/comments/${comment}/${action}`,
        };
      }
      default:
        throw new Error(`no request for ${route}`);
    }
  }

  /** A request that succeeds for an allowed role on its own scope; `fresh` makes a new target when it writes. */
  async function requestFor(route: string, fresh: boolean): Promise<Request> {
    switch (route) {
      case 'getHealth':
        return { method: 'GET', url: '/healthz' };
      case 'getReadiness':
        return { method: 'GET', url: '/readyz' };
      case 'getMe':
        return { method: 'GET', url: '/v1/me' };
      case 'listFrameworks':
        return { method: 'GET', url: '/v1/frameworks' };
      case 'getFramework':
        return { method: 'GET', url: '/v1/frameworks/migof/1.0.0' };
      case 'listCountries':
        return { method: 'GET', url: '/v1/countries' };
      case 'getSdg1072':
        return { method: 'GET', url: '/v1/indicators/sdg-10-7-2?period=2026' };
      case 'getSdg1072Sdmx':
        return { method: 'GET', url: '/v1/indicators/sdg-10-7-2.sdmx.csv?period=2026' };
      case 'getSdg1072Csv':
        return { method: 'GET', url: '/v1/indicators/sdg-10-7-2.csv?period=2026' };
      case 'getCountryTrend':
        return { method: 'GET', url: '/v1/countries/KEN/trend' };
      case 'listAssessments':
        return { method: 'GET', url: '/v1/assessments' };
      case 'createAssessment':
        return {
          method: 'POST',
          url: '/v1/assessments',
          payload: { country: 'KEN', period: build.period() },
        };
      case 'getAssessment':
      case 'listAnswers':
      case 'getHistory':
      case 'getReport':
      case 'getReportChart':
      case 'getCountryProfile':
      case 'getScoresCsv':
        return idRequest(route, validated);
      case 'getHome':
        return { method: 'GET', url: '/' };
      case 'getAppConfig':
        return { method: 'GET', url: '/app-config.json' };
      case 'getWebAsset': {
        // The page names its hashed assets; any of them is public.
        const page = await ctx.app.inject({ method: 'GET', url: '/' });
        const asset = /\/assets\/[^"']+/.exec(page.body)?.[0] ?? '/assets/missing.js';
        return { method: 'GET', url: asset };
      }
      case 'putAnswers':
      case 'clearAnswer':
      case 'submitAssessment':
        return idRequest(route, fresh ? await build.make('KEN', 'draft', 'full') : draft);
      case 'returnAssessment':
      case 'validateAssessment':
        return idRequest(route, fresh ? await build.make('KEN', 'submitted') : submitted);
      case 'uploadDocument':
        return idRequest(route, fresh ? await build.make('KEN', 'draft') : draft);
      case 'listDocuments':
      case 'getEvidencePack':
        return idRequest(route, validated);
      case 'downloadDocument': {
        const { target, doc } = await validatedDocument();
        return { method: 'GET', url: `/v1/assessments/${target.id}/documents/${doc}` };
      }
      case 'deleteDocument': {
        const target = fresh ? await build.make('KEN', 'draft') : draft;
        const doc = fresh ? await upload(target.id) : randomUUID();
        return { method: 'DELETE', url: `/v1/assessments/${target.id}/documents/${doc}` };
      }
      case 'getPublication':
      case 'previewPublication':
        return idRequest(route, validated);
      case 'approvePublication':
        return idRequest(route, fresh ? await publicationTarget(0) : validated);
      case 'publishProfile':
        return idRequest(route, fresh ? await publicationTarget(1) : validated);
      case 'unpublishProfile':
        return idRequest(route, fresh ? await publicationTarget(2) : validated);
      case 'listPublicProfiles':
        return { method: 'GET', url: '/v1/public/profiles' };
      case 'getPublicSdg1072':
        return { method: 'GET', url: '/v1/public/indicators/sdg-10-7-2?period=2026' };
      case 'redirectPortal':
        return { method: 'GET', url: '/profiles' };
      case 'getPortal':
        return { method: 'GET', url: '/profiles/' };
      case 'getPortalProfile':
        return { method: 'GET', url: (await publicUrl(route)).replace('/v1/public/profiles', '/profiles') };
      case 'getPortalSdg1072':
        return { method: 'GET', url: '/profiles/sdg-10-7-2' };
      case 'getPortalSitemap':
        return { method: 'GET', url: '/profiles/sitemap.xml' };
      case 'getPortalStyles':
        return { method: 'GET', url: '/profiles/portal.css' };
      case 'getPublicDocument':
      case 'getPublicVersionDocument':
        return { method: 'GET', url: `${await publicUrl(route)}/documents/${randomUUID()}` };
      default:
        if (route.startsWith('getPublicProfile')) return { method: 'GET', url: await publicUrl(route) };
        return route.includes('Webhook') ? webhookRequest(route, fresh) : consultationRequest(route, fresh);
    }
  }

  /** Uploads a small text file to an assessment as the admin; its document id. */
  async function upload(id: string): Promise<string> {
    const res = await send(
      { method: 'POST', url: `/v1/assessments/${id}/documents`, ...textUpload() },
      who.admin,
    );
    expect(res.statusCode, describeReply(res)).toBe(201);
    return res.json().id as string;
  }

  let withDocument: { target: Made; doc: string } | undefined;
  /** A validated assessment with one document, uploaded while it was a draft: every reader may open it. */
  async function validatedDocument(): Promise<{ target: Made; doc: string }> {
    if (withDocument) return withDocument;
    let doc = '';
    const target = await build.make('KEN', 'validated', 'full', async (id) => {
      doc = await upload(id);
    });
    withDocument = { target, doc };
    return withDocument;
  }

  let webhook: string | undefined;
  /** A disabled subscription to a public address: created, read and changed, it never delivers. */
  async function newWebhook(): Promise<string> {
    const payload = { url: 'https://93.184.216.34/migov', enabled: false };
    const res = await send({ method: 'POST', url: '/v1/webhooks', payload }, who.admin);
    expect(res.statusCode, describeReply(res)).toBe(201);
    return res.json().id as string;
  }

  async function webhookRequest(route: string, fresh: boolean): Promise<Request> {
    webhook ??= await newWebhook();
    const one = `/v1/webhooks/${fresh && route === 'deleteWebhook' ? await newWebhook() : webhook}`;
    switch (route) {
      case 'listWebhooks':
        return { method: 'GET', url: '/v1/webhooks' };
      case 'createWebhook':
        return {
          method: 'POST',
          url: '/v1/webhooks',
          payload: { url: 'https://93.184.216.34/x', enabled: false },
        };
      case 'getWebhook':
        return { method: 'GET', url: one };
      case 'updateWebhook':
        return { method: 'PATCH', url: one, payload: { description: 'Statistics office' } };
      case 'deleteWebhook':
        return { method: 'DELETE', url: one };
      case 'rotateWebhookSecret':
        return { method: 'POST', url: `${one}/rotate-secret`, payload: {} };
      case 'listWebhookDeliveries':
        return { method: 'GET', url: `${one}/deliveries` };
      case 'redeliverWebhook':
        return { method: 'POST', url: `${one}/deliveries/${randomUUID()}/redeliver` };
      default:
        throw new Error(`no request for ${route}`);
    }
  }

  /** A validated KEN assessment approved (1 step) and published (2 steps). */
  async function publicationTarget(steps: number): Promise<Made> {
    let target = await build.make('KEN', 'validated');
    const step = async (action: string, auth: Headers, payload?: object) => {
      const url = `/v1/assessments/${target.id}/${action}`;
      const res = await send({ method: 'POST', url, headers: { 'if-match': target.etag }, payload }, auth);
      expect(res.statusCode, describeReply(res)).toBe(200);
      target = { id: target.id, etag: String(res.headers.etag) };
    };
    if (steps >= 1) await step('approve', who.focalKen, { authority: 'Cabinet' });
    if (steps >= 2) await step('publish', who.admin);
    return target;
  }

  let profile: string | undefined;
  /** A URL of the open data of one published profile. */
  async function publicUrl(route: string): Promise<string> {
    if (!profile) {
      const target = await publicationTarget(2);
      const period = (await send({ method: 'GET', url: `/v1/assessments/${target.id}` }, who.admin)).json()
        .period;
      profile = `/v1/public/profiles/KEN/${period}`;
    }
    const base = route.includes('Version') ? `${profile}/versions/1` : profile;
    const file = { PDF: '/profile.pdf', SVG: '/report.svg', CSV: '/data.csv' }[route.slice(-3)] ?? '';
    return `${base}${file}`;
  }

  const routes = Object.keys(GUARD);
  const cases = roles.flatMap((role) => routes.map((route) => [role, route] as const));

  it.each(cases)('%s -> %s', async (role, route) => {
    const ok = allowed(role, route);
    const request = await requestFor(route, ok);
    const before = fingerprint(ctx);
    const res = await send(request, who[role]);
    if (ok && PAST_THE_GUARD.has(route)) {
      expect([401, 403], describeReply(res)).not.toContain(res.statusCode);
    } else if (ok) {
      expect(res.statusCode, describeReply(res)).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, describeReply(res)).toBeLessThan(300);
    } else {
      const problem = expectProblem(res, 403);
      expect(problem.type).toBe('urn:migov:problem:forbidden');
      expect(fingerprint(ctx), 'a refused operation changed the database').toBe(before);
    }
  });

  it('refuses a focal point opening an assessment for another country (403) and writes nothing', async () => {
    const before = fingerprint(ctx);
    const res = await send(
      { method: 'POST', url: '/v1/assessments', payload: { country: 'UGA', period: '2151' } },
      who.focalKen,
    );
    expectProblem(res, 403);
    expect(fingerprint(ctx)).toBe(before);
  });
});
