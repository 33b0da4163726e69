/**
 * Language negotiation (README, "Languages"): `?lang=` wins, then `Accept-Language`
 * with its q-values (RFC 9110 12.5.4), then English. Only the three official IOM languages.
 */

export const LOCALES = ['en', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/**
 * What an `Accept-Language` header may hold (RFC 9110 12.5.4: language ranges, `*`, commas and
 * q-values), and how long: a browser sends a few dozen characters. A longer or other header is
 * refused with 400 rather than parsed (OWASP API4:2023).
 */
export const ACCEPT_LANGUAGE_MAX = 500;
export const ACCEPT_LANGUAGE_PATTERN = /^[A-Za-z0-9*,;=. \t-]*$/;

export const isAcceptableAcceptLanguage = (header: string | undefined): boolean =>
  header === undefined || (header.length <= ACCEPT_LANGUAGE_MAX && ACCEPT_LANGUAGE_PATTERN.test(header));

const isLocale = (tag: string): tag is Locale => (LOCALES as readonly string[]).includes(tag);

/** The primary subtag of a language tag, lower-cased: `fr-CA` -> `fr`. */
const primary = (tag: string) => tag.trim().split('-')[0]?.toLowerCase() ?? '';

/**
 * Picks the best supported locale from an `Accept-Language` header. Ranges with q=0 are refused;
 * `*` matches the default; ties keep header order. Anything unparseable falls back to English.
 */
export function fromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: Locale = DEFAULT_LOCALE;
  let bestQ = 0;
  for (const part of header.split(',').slice(0, 32)) {
    const [range = '', ...params] = part.split(';');
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=');
      if (name?.trim().toLowerCase() === 'q') q = Number(value);
    }
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    const tag = primary(range);
    const locale = tag === '*' ? DEFAULT_LOCALE : tag;
    if (isLocale(locale) && q > bestQ) {
      best = locale;
      bestQ = q;
    }
  }
  return best;
}

/** `?lang=` first (an unsupported value falls back like an unsupported header), then the header. */
export function negotiateLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (lang !== undefined) {
    const tag = primary(lang);
    return isLocale(tag) ? tag : DEFAULT_LOCALE;
  }
  return fromAcceptLanguage(acceptLanguage);
}
