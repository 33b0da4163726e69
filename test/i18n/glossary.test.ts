import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogue, t } from '../../src/i18n/messages.ts';

/**
 * The glossary (docs/glossary.md) is binding: no catalogue or questionnaire translation uses a
 * variant it rules out, the band names agree everywhere, French puts no breakable space where a
 * line must not break, and the plurals the review found wrong now agree with their number.
 */

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const json = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;

type Lang = 'fr' | 'es';
/** Every message a person reads in `lang`, by where it is: `ui` (server and web) and questionnaire. */
function texts(lang: Lang): { ui: Map<string, string>; questionnaire: Map<string, string> } {
  const ui = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue(lang))) ui.set(`server ${key}`, value);
  for (const [key, value] of Object.entries(json(`web/messages/${lang}.json`)))
    ui.set(`web ${key}`, String(value));
  const questionnaire = new Map<string, string>();
  for (const file of readdirSync(new URL('seeds/frameworks/translations/', root))) {
    if (!file.endsWith(`.${lang}.json`)) continue;
    const { messages } = json(`seeds/frameworks/translations/${file}`) as {
      messages: Record<string, string>;
    };
    for (const [key, value] of Object.entries(messages)) questionnaire.set(`${file} ${key}`, value);
  }
  return { ui, questionnaire };
}

/** The rows of the glossary's "Variants not to use" table. */
function forbiddenVariants(): { lang: Lang; variant: string; instead: string; scope: string }[] {
  const section = read('docs/glossary.md').split('## Variants not to use')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\|\s*(fr|es)\s*\|/.test(line))
    .map((line) => {
      const [lang, variant, instead, scope] = line
        .split('|')
        .slice(1, 5)
        .map((cell) => cell.trim());
      return { lang: lang as Lang, variant: variant ?? '', instead: instead ?? '', scope: scope ?? '' };
    });
}

describe('glossary', () => {
  const rules = forbiddenVariants();

  it('lists variants for both languages', () => {
    expect(rules.filter((r) => r.lang === 'fr').length).toBeGreaterThan(4);
    expect(rules.filter((r) => r.lang === 'es').length).toBeGreaterThan(4);
  });

  it.each(['fr', 'es'] as const)(
    'is followed by every %s catalogue and questionnaire translation',
    (lang) => {
      const { ui, questionnaire } = texts(lang);
      const offences: string[] = [];
      for (const rule of rules.filter((r) => r.lang === lang)) {
        const where = rule.scope === 'all' ? [...ui, ...questionnaire] : [...ui];
        for (const [key, text] of where) {
          if (text.toLowerCase().includes(rule.variant.toLowerCase())) {
            offences.push(`${key}: «${rule.variant}», use «${rule.instead}»`);
          }
        }
      }
      expect(offences).toEqual([]);
    },
  );

  it.each(['en', 'fr', 'es'] as const)('names the bands the same way in %s everywhere', (lang) => {
    const keys = ['requires_further_progress', 'partially_meets', 'meets', 'fully_meets'];
    const server = keys.map((k) => t(lang, `band.${k}`));
    for (const version of ['1.0.0', '2.0.0']) {
      if (lang === 'en') break;
      const { messages } = json(`seeds/frameworks/translations/migof-${version}.${lang}.json`) as {
        messages: Record<string, string>;
      };
      expect(
        keys.map((k) => messages[`bands.${k}`]),
        version,
      ).toEqual(server);
    }
    // The regional table's "meets or fully meets" column joins the two band names.
    const meets = String(json(`web/messages/${lang}.json`)['i.meets']).toLowerCase();
    expect(meets).toContain(server[2]!.toLowerCase());
    expect(meets).toContain(server[3]!.toLowerCase());
  });
});

describe('French typography', () => {
  const { ui, questionnaire } = texts('fr');
  const all = [...ui, ...questionnaire];

  it('has no breakable space before : ; ? ! % » or after «', () => {
    const offences = all
      .filter(([, text]) => / [:;?!%»]|« /.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(offences).toEqual([]);
  });

  it('groups digits with a no-break space', () => {
    const offences = all.filter(([, text]) => /\d \d{3}\b/.test(text)).map(([key]) => key);
    expect(offences).toEqual([]);
  });

  it('keeps the no-break space in formatted output', () => {
    const title = t('fr', 'chart.title', { country: 'Mali', period: '2026' });
    expect(title).toMatch(/^Gouvernance des migrations[\u202f\u00a0]: Mali, 2026$/);
  });
});

describe('plural forms', () => {
  const web = (lang: string, key: string, values: Record<string, number | string>) =>
    String(new IntlMessageFormat(String(json(`web/messages/${lang}.json`)[key]), lang).format(values));

  it('agrees the chart coverage with its numbers in every language', () => {
    expect(t('fr', 'chart.coverage', { answered: 1, enabled: 40 })).not.toMatch(
      /1 questions|1 question applicable sur 1 ont/,
    );
    expect(t('fr', 'chart.coverage', { answered: 1, enabled: 40 })).toContain('1 sur 40');
    expect(t('en', 'chart.coverage', { answered: 1, enabled: 1 })).toBe(
      '1 of 1 applicable question answered',
    );
    expect(t('es', 'chart.coverage', { answered: 1, enabled: 1 })).toBe(
      '1 de 1 pregunta aplicable respondida',
    );
  });

  it('never writes «1 questions» or «1 puntuadas»', () => {
    for (const [lang, key] of [
      ['fr', 'q.overall'],
      ['fr', 'q.domainProgress'],
      ['es', 'q.overall'],
      ['en', 'q.overall'],
    ] as const) {
      expect(web(lang, key, { answered: 1, enabled: 1, coverage: '100 %' })).not.toMatch(
        /\b1 of 1 questions|\b1 (questions|preguntas)\b/,
      );
    }
    expect(t('fr', 'report.narrative.noComposite', { answered: 1, enabled: 40 })).not.toMatch(
      /\b1 questions\b/,
    );
    expect(t('fr', 'profile.provisional', { answered: 1, enabled: 2, scored: 1 })).not.toMatch(/1 notées/);
    expect(t('es', 'profile.provisional', { answered: 1, enabled: 2, scored: 1 })).toContain('(1 puntuada)');
  });
});
