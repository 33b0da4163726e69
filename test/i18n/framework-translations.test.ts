import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frameworkMessages } from '../../src/i18n/framework-messages.ts';
import {
  checkTranslation,
  loadTranslations,
  TranslationError,
  translateFramework,
} from '../../src/i18n/framework-translations.ts';
import { FRAMEWORKS_DIR } from '../../src/paths.ts';
import { migof } from '../fixtures.ts';
import { tempDir } from '../helper.ts';
import { buildFramework } from '../scoring/framework-builder.ts';

/** Questionnaire translations as data, and the loader that refuses a bad one. */

const first = migof('1.0.0');
const shipped = (language: string, version = '1.0.0') =>
  JSON.parse(readFileSync(join(FRAMEWORKS_DIR, 'translations', `migof-${version}.${language}.json`), 'utf8'));

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof TranslationError) return error.problems;
    throw error;
  }
  throw new Error('expected the translation to be refused');
}

describe('the shipped translations', () => {
  it('cover every key of their framework version, in French and Spanish', () => {
    for (const version of ['1.0.0', '2.0.0']) {
      const framework = migof(version);
      for (const language of ['fr', 'es']) {
        const messages = checkTranslation(framework, shipped(language, version), `${version}.${language}`);
        expect(messages.size).toBe(frameworkMessages(framework).size);
      }
    }
  });

  it('translate texts and leave keys, codes, weights and scores as they are', () => {
    const fr = translateFramework(first, checkTranslation(first, shipped('fr'), 'fr'));
    const strip = (framework: typeof first) =>
      JSON.stringify(framework, (key, value) =>
        ['title', 'description', 'text', 'guidance', 'label', 'unit'].includes(key) ? undefined : value,
      );
    expect(strip(fr)).toBe(strip(first));
    expect(fr.domains[0]!.title).not.toBe(first.domains[0]!.title);
    expect(fr.domains[0]!.subdomains[0]!.questions[0]!.options![0]!.label).toBe('Oui');
  });
});

describe('a translation is refused when', () => {
  const raw = () => structuredClone(shipped('fr'));

  it('misses a key', () => {
    const file = raw();
    delete file.messages['P1.1.1.guidance'];
    expect(problems(() => checkTranslation(first, file, 'x'))).toEqual(['P1.1.1.guidance: missing']);
  });

  it('has a key the framework lacks', () => {
    const file = raw();
    file.messages['P1.1.9.text'] = 'Question inventée ?';
    expect(problems(() => checkTranslation(first, file, 'x'))).toEqual([
      'P1.1.9.text: the framework has no such key',
    ]);
  });

  it('changes a placeholder', () => {
    const framework = buildFramework({ domains: [{ subdomains: [{ questions: [{}] }] }] });
    framework.domains[0]!.subdomains[0]!.questions[0]!.text = 'Since {year}, has the State adopted a plan?';
    const messages = Object.fromEntries(frameworkMessages(framework));
    const file = { framework: framework.key, version: framework.version, language: 'fr', messages };
    expect(checkTranslation(framework, file, 'ok').get('P1.1.1.text')).toContain('{year}');
    messages['P1.1.1.text'] = 'Depuis {annee}, l’État a-t-il adopté un plan ?';
    expect(problems(() => checkTranslation(framework, file, 'x'))).toEqual([
      'P1.1.1.text: placeholders {annee} differ from {year}',
    ]);
  });

  it('names another version or an unknown language, or is empty', () => {
    const file = raw();
    file.version = '9.9.9';
    file.language = 'de';
    file.messages['P1.1.1.text'] = ' ';
    expect(problems(() => checkTranslation(first, file, 'x'))).toEqual([
      'names migof 9.9.9, expected migof 1.0.0',
      'language de is not one of fr, es',
      'P1.1.1.text: empty or not text',
    ]);
  });

  it('is in a file whose name disagrees with it, or for a version not published', () => {
    const dir = tempDir('migov-translations-');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migof-1.0.0.es.json'), JSON.stringify(raw()));
    expect(problems(() => loadTranslations(dir, [first]))).toEqual([
      'the file name says es, the file says fr',
    ]);
    const other = tempDir('migov-translations-');
    writeFileSync(join(other, 'migof-3.0.0.fr.json'), JSON.stringify(raw()));
    expect(problems(() => loadTranslations(other, [first]))).toEqual([
      'no framework migof 3.0.0 is published',
    ]);
  });
});
