import { type Locale, locale } from '../../i18n.ts';

/* Numbers as the person's language writes them: "6,5" in French or Spanish, "6.5" in English. */

const DECIMAL: Record<Locale, ',' | '.'> = { en: '.', fr: ',', es: ',' };

/** How a value is shown in the field: the language's decimal mark, no grouping. */
export const showNumber = (value: number) => String(value).replace('.', DECIMAL[locale()]);

/**
 * What was typed, read in the current language: a number, or null when it is not one, or
 * "ambiguous" when a separator could be a decimal mark or a thousands one ("1.234" in French
 * may be 1234 or 1.234; "1,5" in English may be 15 or 1.5), which is refused, never guessed.
 */
export function readNumber(typed: string): number | null | 'ambiguous' {
  // Spaces (also the no-break ones French puts between thousands) only group digits.
  const raw = typed.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^[-+]?[\d.,]+$/.test(raw) || !/\d/.test(raw)) return null;
  const decimal = DECIMAL[locale()];
  const other = decimal === ',' ? '.' : ',';
  const commas = raw.split(',').length - 1;
  const dots = raw.split('.').length - 1;
  if (commas + dots === 0) return Number(raw);
  if (commas && dots) return null;
  if (commas + dots > 1) return null;
  const [, fraction = ''] = raw.split(/[.,]/);
  // The language's own mark, or the other one where it cannot be a thousands separator.
  if (raw.includes(decimal)) return Number(raw.replace(',', '.'));
  if (raw.includes(other) && fraction.length === 3) return 'ambiguous';
  return Number(raw.replace(',', '.'));
}

/** An example of how to write a decimal here, for the message beside a refused number. */
export const decimalExample = () => showNumber(6.5);
