import fp from 'fastify-plugin';
import { AssessmentRepository } from '../assessments/assessment.repository.ts';
import { AssessmentService } from '../assessments/assessment.service.ts';
import { CountryRepository } from '../countries/country.repository.ts';
import { CountryService } from '../countries/country.service.ts';
import { FrameworkRepository } from '../framework/framework.repository.ts';
import { FrameworkService } from '../framework/framework.service.ts';
import { IndicatorRepository } from '../indicators/indicator.repository.ts';
import { IndicatorService } from '../indicators/indicator.service.ts';
import { COUNTRIES_FILE, FRAMEWORKS_DIR } from '../paths.ts';
import { ReportService } from '../reports/report.service.ts';

export interface Services {
  frameworks: FrameworkService;
  countries: CountryService;
  assessments: AssessmentService;
  reports: ReportService;
  indicators: IndicatorService;
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
  /** The framework version new assessments open on when they name none (default: the latest). */
  defaultFramework?: { key: string; version: string };
}

/** Wires repositories into services and loads the seeds (idempotently) before routes are served. */
export default fp<ServicesOptions>(
  async (app, options) => {
    const countries = new CountryService(new CountryRepository(app.db));
    countries.seedFromFile(options.countriesFile ?? COUNTRIES_FILE);
    const frameworks = new FrameworkService(new FrameworkRepository(app.db), options.defaultFramework);
    frameworks.publishDirectory(options.frameworksDir ?? FRAMEWORKS_DIR);
    const assessmentRepository = new AssessmentRepository(app.db, app.writes);
    const reports = new ReportService(assessmentRepository, frameworks, countries);
    const assessments = new AssessmentService(assessmentRepository, frameworks, countries, reports.snapshot, {
      historyBytes: options.historyLimitBytes ?? Number.POSITIVE_INFINITY,
    });
    const indicators = new IndicatorService(
      new IndicatorRepository(app.db),
      () => frameworks.latest().framework.methodology.bands,
    );
    app.decorate('services', { countries, frameworks, assessments, reports, indicators });
  },
  { name: 'services', dependencies: ['db'] },
);
