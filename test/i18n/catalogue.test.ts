import { readdirSync, readFileSync } from 'node:fs';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, LOCALES, negotiateLocale } from '../../src/i18n/locale.ts';
import { catalogue, messageKeys, t } from '../../src/i18n/messages.ts';

/** The message catalogues: complete in every language, valid ICU, the same arguments everywhere. */

/** The argument names a message uses (plural, select and nested ones included). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    // Literals carry text, `#` carries nothing; every other element names an argument.
    if (element.type !== TYPE.literal && element.type !== TYPE.pound && 'value' in element) {
      into.add(String(element.value));
    }
    if ('options' in element) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

describe('message catalogues', () => {
  it('has every English key in French and Spanish, and no key English lacks', () => {
    const english = messageKeys().sort();
    expect(english.length).toBeGreaterThan(40);
    for (const locale of LOCALES) {
      expect(Object.keys(catalogue(locale)).sort(), `keys of ${locale}`).toEqual(english);
    }
  });

  it('has one file per area in every language', () => {
    const files = (locale: string) =>
      readdirSync(new URL(`../../src/i18n/messages/${locale}/`, import.meta.url)).sort();
    for (const locale of LOCALES) expect(files(locale)).toEqual(files('en'));
  });

  it('parses as ICU MessageFormat and uses the same arguments in every language', () => {
    for (const key of messageKeys()) {
      const english = argumentsOf(parse(catalogue('en')[key]!));
      for (const locale of LOCALES) {
        const message = catalogue(locale)[key]!;
        expect(message.trim(), `${locale} ${key} is empty`).not.toBe('');
        expect([...argumentsOf(parse(message))].sort(), `${locale} ${key}`).toEqual([...english].sort());
      }
    }
  });

  it('translates rather than copies the English', () => {
    for (const locale of ['fr', 'es'] as const) {
      const same = messageKeys().filter(
        (key) => catalogue(locale)[key] === catalogue('en')[key] && /[a-z]{4}/.test(catalogue('en')[key]!),
      );
      // Formats, proper names and codes may read the same; sentences may not.
      const prose = (message: string) => {
        let text = message;
        while (/\{[^{}]*\}/.test(text)) text = text.replace(/\{[^{}]*\}/g, '');
        return text.split(/\s+/).filter((word) => /[a-z]/i.test(word));
      };
      expect(
        same.filter((key) => prose(catalogue('en')[key]!).length > 3),
        locale,
      ).toEqual([]);
    }
  });

  it('formats plurals and numbers per locale', () => {
    const values = { period: '2024', delta: 7.5, direction: 'up', changed: 1, notAnswered: 0 };
    expect(t('en', 'report.narrative.change', values)).toBe(
      'Since 2024, the indicator has risen by 7.5 points; one answer changed.',
    );
    expect(t('fr', 'report.narrative.change', values)).toContain('7,5 points');
    expect(t('fr', 'report.narrative.change', values)).toContain('une réponse a changé');
    expect(t('es', 'report.narrative.change', { ...values, changed: 4 })).toContain(
      'han cambiado 4 respuestas',
    );
  });

  it('keeps the catalogue files valid JSON objects of strings', () => {
    for (const locale of LOCALES) {
      for (const file of readdirSync(new URL(`../../src/i18n/messages/${locale}/`, import.meta.url))) {
        const data = JSON.parse(
          readFileSync(new URL(`../../src/i18n/messages/${locale}/${file}`, import.meta.url), 'utf8'),
        );
        for (const value of Object.values(data)) expect(typeof value).toBe('string');
      }
    }
  });
});

describe('language negotiation', () => {
  it('takes the highest q-value among en, fr and es, in header order on ties', () => {
    expect(fromAcceptLanguage('fr-CA;q=0.8, es;q=0.9, en;q=0.1')).toBe('es');
    expect(fromAcceptLanguage('de-DE, fr;q=0.5')).toBe('fr');
    expect(fromAcceptLanguage('es, fr')).toBe('es');
    expect(fromAcceptLanguage('FR')).toBe('fr');
  });

  it('falls back to English for nothing, q=0, unknown languages and junk', () => {
    expect(fromAcceptLanguage(undefined)).toBe('en');
    expect(fromAcceptLanguage('fr;q=0')).toBe('en');
    expect(fromAcceptLanguage('de, pt-BR')).toBe('en');
    expect(fromAcceptLanguage(';;;,q=,fr;q=abc')).toBe('en');
    expect(fromAcceptLanguage('*')).toBe('en');
  });

  it('lets ?lang= win over the header, and falls back to English for an unknown one', () => {
    expect(negotiateLocale('es', 'fr')).toBe('es');
    expect(negotiateLocale('fr-BE', undefined)).toBe('fr');
    expect(negotiateLocale('xx', 'fr')).toBe('en');
    expect(negotiateLocale(undefined, 'fr')).toBe('fr');
  });
});

describe('labels for what the frameworks use', () => {
  it('has a label for every SDG target a published framework tags, in every language', async () => {
    const { migof } = await import('../fixtures.ts');
    const targets = new Set(
      ['1.0.0', '2.0.0'].flatMap((version) =>
        migof(version).domains.flatMap((d) =>
          d.subdomains.flatMap((s) => s.questions.flatMap((q) => q.sdgTargets)),
        ),
      ),
    );
    for (const locale of LOCALES) {
      const missing = [...targets].filter((target) => !(`lens.sdg.${target}` in catalogue(locale)));
      expect(missing, locale).toEqual([]);
    }
  });
});
