import type { Locale } from '../i18n/locale.ts';
import { translator } from '../i18n/messages.ts';
import type { Report } from './report.schemas.ts';

/**
 * A few sentences a minister can read (issue 15): the composite and how sure it is, the
 * strongest and weakest domains, any neglected domain, the three largest gains and the change
 * since the last round. Built from the report itself, so a stored snapshot can be told again in
 * any language without recomputing a figure.
 */
export function narrative(report: Report, locale: Locale): string[] {
  const t = translator(locale);
  const bandName = (band: string | null) => (band === null ? '' : t(`band.${band}`));
  const sentences: string[] = [];
  const { composite, coverage } = report;
  if (composite.score === null) {
    sentences.push(
      t('report.narrative.noComposite', { answered: coverage.answered, enabled: coverage.enabled }),
    );
  } else {
    sentences.push(
      t('report.narrative.composite', {
        score: composite.score,
        band: bandName(composite.band),
        provisional: composite.provisional ? 'yes' : 'no',
        answered: coverage.answered,
        enabled: coverage.enabled,
      }),
    );
    if (composite.uncertainty) {
      sentences.push(
        t('report.narrative.sensitivity', {
          p5: composite.uncertainty.p5,
          p95: composite.uncertainty.p95,
          stability: Math.round(composite.uncertainty.bandStability * 100),
        }),
      );
    }
  }
  const scored = report.domains.filter((d) => d.score !== null).sort((a, b) => b.score! - a.score!);
  const strongest = scored[0];
  const weakest = scored.at(-1);
  if (strongest && weakest && strongest !== weakest) {
    sentences.push(
      t('report.narrative.extremes', {
        strong: strongest.title,
        strongScore: strongest.score,
        weak: weakest.title,
        weakScore: weakest.score,
      }),
    );
  }
  const neglected = report.domains.filter((d) => composite.imbalance.includes(d.key)).map((d) => d.title);
  if (neglected.length > 0) {
    sentences.push(
      t('report.narrative.imbalance', { count: neglected.length, domains: neglected.join('; ') }),
    );
  }
  const gains = report.gaps.filter((g) => g.potentialGain !== null && g.potentialGain > 0).slice(0, 3);
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'always' });
  if (gains.length > 0) {
    sentences.push(
      t('report.narrative.gains', {
        count: gains.length,
        items: gains.map((g) => `${g.question} (${points.format(g.potentialGain ?? 0)})`).join(', '),
      }),
    );
  }
  const c = report.comparison;
  if (c !== null) {
    sentences.push(
      c.compositeDelta === null
        ? t('report.narrative.changeUnknown', { period: c.period, changed: c.changedQuestions.length })
        : t('report.narrative.change', {
            period: c.period,
            delta: Math.abs(c.compositeDelta),
            direction: c.compositeDelta > 0 ? 'up' : c.compositeDelta < 0 ? 'down' : 'same',
            changed: c.changedQuestions.length,
          }),
    );
  }
  return sentences;
}
