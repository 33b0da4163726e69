import { IntlMessageFormat } from 'intl-messageformat';
import en from '../messages/en.json';
import es from '../messages/es.json';
import fr from '../messages/fr.json';

export const LOCALES = ['en', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof en;

const CATALOGUES: Record<Locale, Record<string, string>> = { en, fr, es };
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français', es: 'Español' };
const STORAGE_KEY = 'migov.locale';

function initialLocale(): Locale {
  // A link may choose the language (/?lang=fr); it is then remembered like a choice in the app.
  const asked = new URLSearchParams(location.search).get('lang')?.slice(0, 2).toLowerCase();
  if (asked && (LOCALES as readonly string[]).includes(asked)) {
    localStorage.setItem(STORAGE_KEY, asked);
    return asked as Locale;
  }
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  for (const language of navigator.languages ?? []) {
    const base = language.slice(0, 2).toLowerCase();
    if ((LOCALES as readonly string[]).includes(base)) return base as Locale;
  }
  return 'en';
}

let current: Locale = initialLocale();
const formatters = new Map<string, IntlMessageFormat>();

export const locale = () => current;

export function setLocale(next: Locale): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** A message of the current language's catalogue, formatted (ICU MessageFormat). */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  const id = `${current}\u0000${key}`;
  let formatter = formatters.get(id);
  if (!formatter) {
    const message = CATALOGUES[current][key] ?? en[key] ?? key;
    formatter = new IntlMessageFormat(message, current);
    formatters.set(id, formatter);
  }
  return String(formatter.format(values));
}

/** A label and what it introduces, joined as the language writes a colon (French: a narrow no-break space before). */
export const labelled = (label: string, text: string) => `${label}${t('app.colon')}${text}`;

export const formatNumber = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat(current, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
        value,
      );

export const formatPercent = (value: number | null | undefined) =>
  value === null || value === undefined
    ? '—'
    : new Intl.NumberFormat(current, { style: 'percent', maximumFractionDigits: 0 }).format(value);

export const formatDate = (iso: string | null | undefined) =>
  iso
    ? new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
    : '—';

document.documentElement.lang = current;
