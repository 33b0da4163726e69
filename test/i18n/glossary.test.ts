import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogue, t } from '../../src/i18n/messages.ts';
import { unitFor } from '../../src/i18n/units.ts';
import { answerLabel } from '../../src/reports/report.build.ts';
import { changeCounts } from '../../src/reports/report.narrative.ts';

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

describe('units with a number', () => {
  it('agree with the number in each language', () => {
    expect(unitFor('en', 1, 'conventions')).toBe('convention');
    expect(unitFor('en', 2, 'conventions')).toBe('conventions');
    expect(unitFor('en', 1.5, 'years')).toBe('years');
    expect(unitFor('fr', 0, 'ans')).toBe('an');
    expect(unitFor('fr', 1, 'conventions')).toBe('convention');
    expect(unitFor('es', 1, 'convenciones')).toBe('convención');
    expect(unitFor('es', 1, 'por ciento')).toBe('por ciento');
  });

  it('reads «1 convention» in an answer label, not «1 conventions»', () => {
    const question = { number: { unit: 'conventions' } } as Parameters<typeof answerLabel>[0];
    expect(answerLabel(question, 1, 'en')).toBe('1 convention');
    expect(answerLabel(question, 3, 'en')).toBe('3 conventions');
  });

  it('knows the singular of every unit the published frameworks and translations use', () => {
    const plurals = new Map<string, Set<string>>([
      ['en', new Set()],
      ['fr', new Set()],
      ['es', new Set()],
    ]);
    for (const file of readdirSync(new URL('seeds/frameworks/', root)).filter((f) => f.endsWith('.json'))) {
      const framework = json(`seeds/frameworks/${file}`) as {
        domains: { subdomains: { questions: { number?: { unit: string } }[] }[] }[];
      };
      for (const q of framework.domains.flatMap((d) => d.subdomains.flatMap((s) => s.questions)))
        if (q.number) plurals.get('en')?.add(q.number.unit);
    }
    for (const lang of ['fr', 'es'] as const) {
      for (const [key, value] of texts(lang).questionnaire)
        if (key.endsWith('.unit')) plurals.get(lang)?.add(value);
    }
    const invariable = new Set([
      'percent',
      'pour cent',
      'por ciento',
      'mois de rémunération',
      'mois de revenus',
    ]);
    for (const [lang, units] of plurals) {
      const missing = [...units].filter((u) => !invariable.has(u) && unitFor(lang, 1, u) === u);
      expect(missing, lang).toEqual([]);
    }
  });
});

describe('changed answers', () => {
  it('counts questions with no answer now apart from answers given differently', () => {
    const changes = [{ after: 'yes' }, { after: null }, { after: null }, { after: { notApplicable: true } }];
    expect(changeCounts(changes)).toEqual({ changed: 2, notAnswered: 2 });
    expect(
      t('en', 'report.narrative.changeUnknown', { period: '2025', changed: 2, notAnswered: 100 }),
    ).toContain('2 answers changed, and 100 questions answered then have no answer in this round');
    expect(
      t('fr', 'report.narrative.changeUnknown', { period: '2025', changed: 0, notAnswered: 1 }),
    ).toContain(
      'aucune réponse n’a changé, et une question qui avait reçu une réponse n’en a pas dans ce cycle',
    );
  });
});
