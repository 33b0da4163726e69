import fp from 'fastify-plugin';
import { CountryRepository } from '../countries/country.repository.ts';
import { CountryService } from '../countries/country.service.ts';
import { FrameworkRepository } from '../framework/framework.repository.ts';
import { FrameworkService } from '../framework/framework.service.ts';
import { COUNTRIES_FILE, FRAMEWORKS_DIR } from '../paths.ts';

export interface Services {
  frameworks: FrameworkService;
  countries: CountryService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServicesOptions {
  frameworksDir?: string;
  countriesFile?: string;
}

/** Wires repositories into services and loads the seeds (idempotently) before routes are served. */
export default fp<ServicesOptions>(
  async (app, options) => {
    const countries = new CountryService(new CountryRepository(app.db));
    countries.seedFromFile(options.countriesFile ?? COUNTRIES_FILE);
    const frameworks = new FrameworkService(new FrameworkRepository(app.db));
    frameworks.publishDirectory(options.frameworksDir ?? FRAMEWORKS_DIR);
    app.decorate('services', { countries, frameworks });
  },
  { name: 'services', dependencies: ['db'] },
);
