import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTranslations } from '../i18n/framework-translations.ts';
import type { Locale } from '../i18n/locale.ts';
import { AppError, message } from '../lib/errors.ts';
// The engine's compiled form is only named here; the services plugin supplies the compiler, so
// framework/ never calls into scoring/ (which reads the definition format from framework/).
import type { CompiledFramework } from '../scoring/scoring.engine.ts';
import { contentHash, parseFrameworkDefinition } from './framework.loader.ts';
import type { FrameworkRepository, FrameworkRow } from './framework.repository.ts';
import { type AnswerableQuestion, type Framework, instrumentQuestions } from './framework.schema.ts';

/** A published framework version with what is derived from it once and kept: immutable. */
export interface PublishedFramework {
  id: number;
  key: string;
  version: string;
  title: string;
  publishedAt: string;
  framework: Framework;
  compiled: CompiledFramework;
  /** question key -> question (the MiGOF questions, then the 10.7.2 items), for validating answers. */
  questions: Map<string, AnswerableQuestion>;
  /** The serialised tree, so GET /v1/frameworks/{key}/{version} does no work per request. */
  json: Buffer;
}

/** A framework version in one language: the tree, its questions by key and the serialised tree. */
export interface LocalizedFramework {
  locale: Locale;
  framework: Framework;
  questions: PublishedFramework['questions'];
  json: Buffer;
}

const questionsOf = (framework: Framework): PublishedFramework['questions'] =>
  new Map<string, AnswerableQuestion>([
    ...framework.domains.flatMap((d) =>
      d.subdomains.flatMap((s) => s.questions.map((q) => [q.key, q] as const)),
    ),
    ...instrumentQuestions(framework).map((item) => [item.key, item] as const),
  ]);

export class FrameworkImmutableError extends Error {
  constructor(key: string, version: string) {
    super(
      `Framework ${key} ${version} is already published with different content. ` +
        'Published versions are immutable: give the changed definition a new version.',
    );
    this.name = 'FrameworkImmutableError';
  }
}

const semverParts = (v: string) => v.split('.').map(Number) as [number, number, number];
export function compareSemver(a: string, b: string): number {
  const [x, y] = [semverParts(a), semverParts(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export class FrameworkService {
  private readonly byId = new Map<number, PublishedFramework>();
  /** Every published version; versions are only added by publish(), which clears this. */
  private all: PublishedFramework[] | null = null;
  /** `${key}@${version}` -> locale -> the tree in that language (English is the definition itself). */
  private translations = new Map<string, Map<Locale, Framework>>();
  private readonly localizedCache = new Map<string, LocalizedFramework>();

  /**
   * @param compile the scoring engine's compiler, run once per published version.
   * @param defaultVersion the version new assessments open on when they name none; by default
   * the highest published version of migof (tests pin 1.0.0 here to keep their answer sets).
   */
  constructor(
    private readonly repository: FrameworkRepository,
    private readonly compile: (framework: Framework) => CompiledFramework,
    private readonly defaultVersion?: { key: string; version: string },
  ) {}

  /**
   * Publishes every definition in `dir` that is not stored yet; refuses to start when a stored
   * version's content differs from its file. Idempotent.
   */
  publishDirectory(dir: string): void {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
    const published = files.map((file) => {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
      return this.publish(parseFrameworkDefinition(raw, file)).framework;
    });
    this.translations = loadTranslations(join(dir, 'translations'), published);
    this.localizedCache.clear();
  }

  /** The languages a framework version is available in. */
  languages(published: PublishedFramework): Locale[] {
    return ['en', ...(this.translations.get(`${published.key}@${published.version}`)?.keys() ?? [])];
  }

  /** The version in `locale`, or in English when it has no translation into that language. */
  localized(published: PublishedFramework, locale: Locale): LocalizedFramework {
    const translated =
      locale === 'en'
        ? undefined
        : this.translations.get(`${published.key}@${published.version}`)?.get(locale);
    if (!translated)
      return {
        locale: 'en',
        framework: published.framework,
        questions: published.questions,
        json: published.json,
      };
    const id = `${published.id}:${locale}`;
    let cached = this.localizedCache.get(id);
    if (!cached) {
      cached = {
        locale,
        framework: translated,
        questions: questionsOf(translated),
        json: Buffer.from(JSON.stringify({ ...translated, publishedAt: published.publishedAt })),
      };
      this.localizedCache.set(id, cached);
    }
    return cached;
  }

  publish(framework: Framework): PublishedFramework {
    this.all = null;
    const hash = contentHash(framework);
    const existing = this.repository.findByKeyVersion(framework.key, framework.version);
    if (existing) {
      if (existing.contentHash !== hash) throw new FrameworkImmutableError(framework.key, framework.version);
      return this.load(existing);
    }
    const row = this.repository.insert({
      key: framework.key,
      version: framework.version,
      title: framework.title,
      definition: JSON.stringify(framework),
      contentHash: hash,
    });
    return this.load(row);
  }

  private load(row: FrameworkRow): PublishedFramework {
    const cached = this.byId.get(row.id);
    if (cached) return cached;
    const framework = JSON.parse(row.definition) as Framework;
    const questions = questionsOf(framework);
    const published: PublishedFramework = {
      id: row.id,
      key: row.key,
      version: row.version,
      title: row.title,
      publishedAt: row.publishedAt,
      framework,
      compiled: this.compile(framework),
      questions,
      json: Buffer.from(JSON.stringify({ ...framework, publishedAt: row.publishedAt })),
    };
    this.byId.set(row.id, published);
    return published;
  }

  list(): PublishedFramework[] {
    this.all ??= this.repository.list().map((row) => this.load(row));
    return this.all;
  }

  get(key: string, version: string): PublishedFramework {
    const row = this.repository.findByKeyVersion(key, version);
    if (!row) throw new AppError('not_found', message('problem.frameworkNotFound', { key, version }));
    return this.load(row);
  }

  getById(id: number): PublishedFramework {
    const cached = this.byId.get(id);
    if (cached) return cached;
    const row = this.repository.findById(id);
    if (!row) throw new Error(`framework ${id} referenced but missing`);
    return this.load(row);
  }

  /** The version a new assessment opens on when it names none. */
  defaultFramework(): PublishedFramework {
    return this.defaultVersion
      ? this.get(this.defaultVersion.key, this.defaultVersion.version)
      : this.latest();
  }

  /** The highest published version of `key` (by default migof, or the only framework there is). */
  latest(key?: string): PublishedFramework {
    const all = this.list();
    const chosen = key ?? (all.some((f) => f.key === 'migof') ? 'migof' : all[0]?.key);
    const versions = all.filter((f) => f.key === chosen);
    const latest = versions.sort((a, b) => compareSemver(b.version, a.version))[0];
    if (!latest)
      throw new AppError('not_found', message('problem.noFrameworkVersion', { key: chosen ?? '(none)' }));
    return latest;
  }
}
