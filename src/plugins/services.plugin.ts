import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AssessmentRepository } from '../assessments/assessment.repository.ts';
import { AssessmentService } from '../assessments/assessment.service.ts';
import { AssignmentService } from '../consultation/assignment.service.ts';
import { ChangeService } from '../consultation/change.service.ts';
import { consultationHooks } from '../consultation/consultation.hooks.ts';
import { ConsultationRepository } from '../consultation/consultation.repository.ts';
import { TaskService } from '../consultation/task.service.ts';
import { ThreadService } from '../consultation/thread.service.ts';
import { CountryRepository } from '../countries/country.repository.ts';
import { CountryService } from '../countries/country.service.ts';
import { DiskStore } from '../documents/disk-store.ts';
import type { DocumentLimits } from '../documents/document.limits.ts';
import { DocumentRepository } from '../documents/document.repository.ts';
import { DocumentService } from '../documents/document.service.ts';
import { FrameworkRepository } from '../framework/framework.repository.ts';
import { FrameworkService } from '../framework/framework.service.ts';
import { IndicatorRepository } from '../indicators/indicator.repository.ts';
import { IndicatorService } from '../indicators/indicator.service.ts';
import { Sdg1072Repository } from '../indicators/sdg1072.repository.ts';
import { Sdg1072Service } from '../indicators/sdg1072.service.ts';
import { MinistryRepository } from '../ministries/ministry.repository.ts';
import { MinistryService } from '../ministries/ministry.service.ts';
import { enqueueEvent } from '../outbox/outbox.service.ts';
import { COUNTRIES_FILE, FRAMEWORKS_DIR } from '../paths.ts';
import { PersonRepository } from '../people/person.repository.ts';
import { PersonService } from '../people/person.service.ts';
import { publicDocuments } from '../publication/document-source.ts';
import type { DocumentSource } from '../publication/documents.port.ts';
import { PublicService } from '../publication/public.service.ts';
import { PublicationRepository } from '../publication/publication.repository.ts';
import { PublicationService } from '../publication/publication.service.ts';
import { ReportRepository } from '../reports/report.repository.ts';
import { ReportService } from '../reports/report.service.ts';
import { compileFramework } from '../scoring/scoring.engine.ts';

export interface Services {
  frameworks: FrameworkService;
  countries: CountryService;
  assessments: AssessmentService;
  reports: ReportService;
  indicators: IndicatorService;
  ministries: MinistryService;
  assignments: AssignmentService;
  threads: ThreadService;
  changes: ChangeService;
  tasks: TaskService;
  people: PersonService;
  documents: DocumentService;
  publication: PublicationService;
  publicProfiles: PublicService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServicesOptions {
  frameworksDir?: string;
  countriesFile?: string;
  /** HISTORY_LIMIT_BYTES: what one assessment's history may hold. */
  historyLimitBytes?: number;
  /** Where documents are stored (DATA_DIR) and what they may hold; documents are refused without it. */
  documents?: { dataDir: string; limits: DocumentLimits };
  /** The framework version new assessments open on when they name none (default: the latest). */
  defaultFramework?: { key: string; version: string };
}

/**
 * The inter-ministerial consultation's modules (ministries, consultation, people), their rules
 * plugged into the assessments' transactions.
 */
function consultationServices(
  app: FastifyInstance,
  assessments: AssessmentService,
  countries: CountryService,
) {
  const repository = new ConsultationRepository(app.db);
  const ministries = new MinistryService({
    repository: new MinistryRepository(app.db, app.writes),
    countries,
    hasRecord: (id) => assessments.ministryHasRecord(id) || repository.ministryHasRecord(id),
  });
  const consultation = { repository, assessments, ministries };
  const assignments = new AssignmentService(consultation);
  const threads = new ThreadService(consultation, assignments);
  assessments.useConsultation(consultationHooks(assignments, threads));
  const people = new PersonService(new PersonRepository(app.db, app.writes));
  return {
    ministries,
    assignments,
    threads,
    people,
    changes: new ChangeService(assessments, people),
    tasks: new TaskService(consultation, assignments, threads),
  };
}

/** The evidence documents: their rows, their store, and the assessments' rules they follow. */
function documentService(
  app: FastifyInstance,
  options: ServicesOptions,
  assessments: AssessmentService,
  assignments: AssignmentService,
): DocumentService {
  const settings = options.documents ?? {
    dataDir: app.db.$client.memory ? tmpdir() : dirname(app.db.$client.name),
    limits: { fileBytes: 26_214_400, assessmentBytes: 1_073_741_824 },
  };
  const documents = new DocumentService({
    repository: new DocumentRepository(app.db, app.writes),
    store: new DiskStore(settings.dataDir),
    limits: settings.limits,
    load: (principal, id) => assessments.load(principal, id),
    hasQuestion: (row, question) => assessments.frameworkOf(row).questions.has(question),
    authorize: (principal, row, questions) => assignments.authorizeAnswers(principal, row, questions),
    evidenceOf: (row) => assessments.answersOf(row),
    // The outbox is registered on this database by the events plugin, before any request.
    onAdded: (row, d) => {
      const document = {
        documentId: d.id,
        name: d.name,
        mediaType: d.mediaType,
        size: d.size,
        question: d.question,
      };
      const data = { assessmentId: row.id, country: row.country, period: row.period, ...document };
      enqueueEvent(app.db, { type: 'document.added', data: { ...data, actor: d.uploadedBy } });
    },
  });
  const swept = documents.sweep();
  if (swept.staged || swept.orphans)
    app.log.warn(swept, 'documents: removed what an interrupted upload left');
  assessments.useDocuments({
    unknown: (assessmentId, ids) => documents.unknown(assessmentId, ids),
    copy: (fromId, toId) => documents.copy(fromId, toId),
  });
  return documents;
}

/** Publication (issue 28): approval, publication versions and the open data read from them. */
function publicationServices(
  app: FastifyInstance,
  deps: {
    assessments: AssessmentService;
    reports: ReportService;
    countries: CountryService;
    sdg1072: Sdg1072Service;
    documents: DocumentService;
  },
) {
  const source = publicDocuments(deps.documents);
  const documents = (): DocumentSource => source;
  const repository = new PublicationRepository(app.db);
  const publicProfiles = new PublicService(repository, deps.countries, deps.sdg1072, documents);
  const publication = new PublicationService({
    ...deps,
    repository,
    documents,
    onChange: () => publicProfiles.changed(),
  });
  return { publication, publicProfiles };
}

/**
 * Wires repositories into services and loads the seeds (idempotently) before routes are served.
 * Each repository touches only its own module's tables; modules reach each other through services.
 */
export default fp<ServicesOptions>(
  async (app, options) => {
    const countries = new CountryService(new CountryRepository(app.db));
    countries.seedFromFile(options.countriesFile ?? COUNTRIES_FILE);
    const frameworks = new FrameworkService(
      new FrameworkRepository(app.db),
      compileFramework,
      options.defaultFramework,
    );
    frameworks.publishDirectory(options.frameworksDir ?? FRAMEWORKS_DIR);
    const sdg1072 = new Sdg1072Service(new Sdg1072Repository(app.db), () => countries.list());
    const indicators = new IndicatorService(
      new IndicatorRepository(app.db),
      () => {
        // The latest version last: its band names are the ones counted.
        const latest = frameworks.latest();
        return [...frameworks.list().filter((f) => f !== latest), latest].map(
          (f) => f.framework.methodology.bands,
        );
      },
      sdg1072,
    );
    const assessments = new AssessmentService({
      repository: new AssessmentRepository(app.db, app.writes),
      frameworks,
      countries,
      // The one "assessment validated" step, inside the validation's transaction: each module
      // writes its own tables (the report snapshot, the indicators' rows).
      onValidated: (row, answers, validatedBy) => {
        const result = reports.recordValidation(row, answers, validatedBy);
        indicators.recordValidation(row, result, countries.find(row.country));
      },
      historyBytes: options.historyLimitBytes,
    });
    const reports = new ReportService(
      assessments,
      new ReportRepository(app.db),
      frameworks,
      countries,
      app.writes,
      (row, answers) => assignments.consulted(row, answers),
      (row) => documents.rows(row),
    );
    const { assignments, ...consultation } = consultationServices(app, assessments, countries);
    const documents = documentService(app, options, assessments, assignments);
    app.decorate('services', {
      documents,
      ...publicationServices(app, { assessments, reports, countries, sdg1072, documents }),
      countries,
      frameworks,
      assessments,
      reports,
      indicators,
      assignments,
      ...consultation,
    });
  },
  { name: 'services', dependencies: ['db'] },
);
