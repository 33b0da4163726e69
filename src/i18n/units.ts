import type { Locale } from './locale.ts';
import units from './units.json' with { type: 'json' };

const singular: Record<string, Record<string, string>> = units.singular;
const rules = new Map<string, Intl.PluralRules>();

/**
 * The unit as it goes with `value` in `locale`: "1 convention", "2 conventions", «0 an». The
 * framework writes units in the plural; the singular comes from units.json, chosen by the
 * language's plural rules (ICU's, through Intl.PluralRules).
 */
export function unitFor(locale: Locale | string, value: number, unit: string): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  return rule.select(value) === 'one' ? (singular[locale]?.[unit] ?? unit) : unit;
}
