/**
 * The bands as the renderers (chart, profile, CSV) show them: labelled in the reader's language
 * and cut by the report's own bounds, so a snapshot keeps the bands it was validated with.
 */
import type { Locale } from '../i18n/locale.ts';
import { hasMessage, t } from '../i18n/messages.ts';
import type { Report } from './report.schemas.ts';

/** A band's label in `locale` (the catalogue's name for the four 10.7.2 categories, else the data's). */
export function bandLabel(
  report: Pick<Report, 'methodology'>,
  key: string | null,
  locale: Locale,
): string | null {
  if (key === null) return null;
  if (hasMessage(`band.${key}`)) return t(locale, `band.${key}`);
  return report.methodology.bands.find((b) => b.key === key)?.label ?? key;
}

/** The bands with their upper bounds, labelled in `locale`. */
export function bandsOf(report: Pick<Report, 'methodology'>, locale: Locale) {
  const bands = [...report.methodology.bands].sort((a, b) => a.min - b.min);
  return bands.map((b, i) => ({
    key: b.key,
    label: bandLabel(report, b.key, locale) ?? b.key,
    min: b.min,
    max: bands[i + 1]?.min ?? 100,
  }));
}

/** The band a score falls in, by the report's own cut-offs. */
export function bandKeyOf(report: Pick<Report, 'methodology'>, value: number): string | null {
  let key: string | null = null;
  for (const b of [...report.methodology.bands].sort((a, b) => a.min - b.min))
    if (value >= b.min) key = b.key;
  return key;
}
