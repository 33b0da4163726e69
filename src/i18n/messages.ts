import { readdirSync, readFileSync } from 'node:fs';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locale.ts';

/**
 * The message catalogues: every string a person reads that is not questionnaire content
 * (report labels, band names, narrative, CSV headers, the chart, the country profile, problem
 * titles and details) comes from `messages/<locale>/*.json` (one file per area, merged; keys
 * carry the area as prefix), written in ICU MessageFormat so
 * plurals and number and date formats follow the locale. English is the reference catalogue;
 * a key missing in another language falls back to English (and a test fails on it).
 */

export type Catalogue = Readonly<Record<string, string>>;
export type MessageValues = Record<string, string | number | Date | null | undefined>;

function load(locale: Locale): Catalogue {
  const dir = new URL(`./messages/${locale}/`, import.meta.url);
  const merged: Record<string, string> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const area = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Record<string, string>;
    for (const [key, value] of Object.entries(area)) {
      if (key in merged) throw new Error(`Message key ${key} is defined twice in ${locale}`);
      merged[key] = value;
    }
  }
  return merged;
}

const catalogues = new Map<Locale, Catalogue>(LOCALES.map((locale) => [locale, load(locale)]));
/** Compiled formats, built once per locale and key: parsing ICU syntax is the costly part. */
const compiled = new Map<string, IntlMessageFormat>();

export const catalogue = (locale: Locale): Catalogue => catalogues.get(locale) ?? {};

/** The keys of the English catalogue: the reference every other language must match. */
export const messageKeys = (): string[] => Object.keys(catalogue(DEFAULT_LOCALE));

function format(locale: Locale, key: string): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let message = compiled.get(id);
  if (!message) {
    const source = catalogue(locale)[key] ?? catalogue(DEFAULT_LOCALE)[key];
    if (source === undefined) throw new Error(`Unknown message key: ${key}`);
    message = new IntlMessageFormat(source, locale);
    compiled.set(id, message);
  }
  return message;
}

/** Formats the message `key` in `locale`; an unknown key is a programming error and throws. */
export function t(locale: Locale, key: string, values?: MessageValues): string {
  const result = format(locale, key).format(values as Record<string, string | number | Date>);
  return Array.isArray(result) ? result.join('') : String(result);
}

/** Whether `key` exists in the English catalogue (for optional labels such as SDG targets). */
export const hasMessage = (key: string): boolean => key in catalogue(DEFAULT_LOCALE);

export type Translator = (key: string, values?: MessageValues) => string;
/** Binds a locale, for code that formats many messages in one language. */
export const translator =
  (locale: Locale): Translator =>
  (key, values) =>
    t(locale, key, values);
