import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Framework } from '../framework/framework.schema.ts';
import { frameworkMessages } from './framework-messages.ts';
import { LOCALES, type Locale } from './locale.ts';

/**
 * Questionnaire translations as data: one file per framework version and language,
 * `translations/<key>-<version>.<lang>.json` beside the definitions, holding exactly the message
 * keys of `frameworkMessages`. Scores never depend on wording, so a translation fix needs no new
 * framework version; but a file that misses a key, has a key the framework lacks, changes a
 * `{placeholder}` or names another version is refused when loaded, with every problem listed.
 */

export class TranslationError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Translation ${source} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TranslationError';
  }
}

interface TranslationFile {
  framework: string;
  version: string;
  language: string;
  messages: Record<string, unknown>;
}

const FILE_NAME = /^([a-z][a-z0-9-]*)-(\d+\.\d+\.\d+)\.([a-z]{2})\.json$/;
const placeholders = (text: string) => (text.match(/\{[^{}]*\}/g) ?? []).sort().join(' ');

/** Checks a translation against its framework; returns its messages or throws naming every problem. */
export function checkTranslation(framework: Framework, raw: unknown, source: string): Map<string, string> {
  const file = raw as Partial<TranslationFile> | null;
  const problems: string[] = [];
  if (!file || typeof file !== 'object' || typeof file.messages !== 'object' || file.messages === null) {
    throw new TranslationError(source, ['expected { framework, version, language, messages }']);
  }
  if (file.framework !== framework.key || file.version !== framework.version) {
    problems.push(`names ${file.framework} ${file.version}, expected ${framework.key} ${framework.version}`);
  }
  if (!LOCALES.includes(file.language as Locale) || file.language === 'en') {
    problems.push(
      `language ${String(file.language)} is not one of ${LOCALES.filter((l) => l !== 'en').join(', ')}`,
    );
  }
  const english = frameworkMessages(framework);
  const messages = new Map<string, string>();
  for (const [key, value] of Object.entries(file.messages)) {
    const source = english.get(key);
    if (source === undefined) problems.push(`${key}: the framework has no such key`);
    else if (typeof value !== 'string' || value.trim() === '') problems.push(`${key}: empty or not text`);
    else if (placeholders(value) !== placeholders(source))
      problems.push(
        `${key}: placeholders ${placeholders(value) || '(none)'} differ from ${placeholders(source) || '(none)'}`,
      );
    else messages.set(key, value);
  }
  for (const key of english.keys()) {
    if (!(key in file.messages)) problems.push(`${key}: missing`);
  }
  if (problems.length) throw new TranslationError(source, problems);
  return messages;
}

type Lookup = (key: string, fallback: string) => string;

/** The official 10.7.2 instrument (2.1.0 on) with its texts replaced. */
function translateInstrument(instrument: NonNullable<Framework['sdg1072']>, m: Lookup): Framework['sdg1072'] {
  return {
    ...instrument,
    domains: instrument.domains.map((d) => ({
      ...d,
      title: m(`sdg1072.${d.number}.title`, d.title),
      question: m(`sdg1072.${d.number}.question`, d.question),
      items: d.items.map((i) => ({
        ...i,
        text: m(`${i.key}.text`, i.text),
        guidance: m(`${i.key}.guidance`, i.guidance),
        options: i.options.map((o) => ({ ...o, label: m(`${i.key}.options.${o.value}`, o.label) })),
      })),
    })),
  };
}

/** The framework tree with every translatable text replaced; keys, codes and numbers untouched. */
export function translateFramework(framework: Framework, messages: ReadonlyMap<string, string>): Framework {
  const m = (key: string, fallback: string) => messages.get(key) ?? fallback;
  const sdg1072 = framework.methodology.sdg1072;
  return {
    ...framework,
    title: m('title', framework.title),
    description: m('description', framework.description),
    methodology: {
      ...framework.methodology,
      bands: framework.methodology.bands.map((b) => ({ ...b, label: m(`bands.${b.key}`, b.label) })),
      ...(sdg1072 && {
        sdg1072: {
          ...sdg1072,
          domains: sdg1072.domains.map((d) => ({
            ...d,
            title: m(`sdg1072.${d.number}.title`, d.title),
            subcategories: d.subcategories.map((s) => ({
              ...s,
              label: m(`sdg1072.${d.number}${s.key}`, s.label),
            })),
          })),
        },
      }),
    },
    ...(framework.sdg1072 && { sdg1072: translateInstrument(framework.sdg1072, m) }),
    domains: framework.domains.map((d) => ({
      ...d,
      title: m(`${d.key}.title`, d.title),
      description: m(`${d.key}.description`, d.description),
      subdomains: d.subdomains.map((s) => ({
        ...s,
        title: m(`${s.key}.title`, s.title),
        description: m(`${s.key}.description`, s.description),
        questions: s.questions.map((q) => ({
          ...q,
          text: m(`${q.key}.text`, q.text),
          guidance: m(`${q.key}.guidance`, q.guidance),
          ...(q.options && {
            options: q.options.map((o) => ({ ...o, label: m(`${q.key}.options.${o.value}`, o.label) })),
          }),
          ...(q.number && { number: { ...q.number, unit: m(`${q.key}.unit`, q.number.unit) } }),
        })),
      })),
    })),
  };
}

/**
 * Reads every translation file in `dir` (absent dir: none) for the given frameworks.
 * Returns `${key}@${version}` -> locale -> translated framework.
 */
export function loadTranslations(
  dir: string,
  frameworks: readonly Framework[],
): Map<string, Map<Locale, Framework>> {
  const result = new Map<string, Map<Locale, Framework>>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return result;
  }
  for (const file of files.sort()) {
    const name = FILE_NAME.exec(file);
    if (!name) throw new TranslationError(file, ['file names look like <key>-<version>.<lang>.json']);
    const [, key, version, language] = name;
    const framework = frameworks.find((f) => f.key === key && f.version === version);
    if (!framework) throw new TranslationError(file, [`no framework ${key} ${version} is published`]);
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    if ((raw as { language?: unknown })?.language !== language) {
      throw new TranslationError(file, [
        `the file name says ${language}, the file says ${(raw as { language?: unknown })?.language}`,
      ]);
    }
    const messages = checkTranslation(framework, raw, file);
    const id = `${key}@${version}`;
    const byLocale = result.get(id) ?? new Map<Locale, Framework>();
    byLocale.set(language as Locale, translateFramework(framework, messages));
    result.set(id, byLocale);
  }
  return result;
}
