import type { Locale } from '../i18n/locale.ts';
import { type Translator, translator } from '../i18n/messages.ts';
import { bandLabel } from './report.bands.ts';
import type { Report } from './report.schemas.ts';

/**
 * A few sentences a minister can read (issue 15): the composite and how sure it is, the
 * strongest and weakest domains, any neglected domain, the three largest gains and the change
 * since the last round. Built from the report itself, so a stored snapshot can be told again in
 * any language without recomputing a figure.
 */
export function narrative(report: Report, locale: Locale): string[] {
  const t = translator(locale);
  return [
    ...compositeSentences(report, t, locale),
    extremes(report, t),
    imbalance(report, t),
    gains(report, t, locale),
    change(report, t),
  ].filter((sentence): sentence is string => sentence !== null);
}

function compositeSentences(report: Report, t: Translator, locale: Locale): string[] {
  const { composite, coverage } = report;
  const counts = { answered: coverage.answered, enabled: coverage.enabled };
  if (composite.score === null) return [t('report.narrative.noComposite', counts)];
  const sentences = [
    t('report.narrative.composite', {
      ...counts,
      score: composite.score,
      // 2.1.0's bands have names of their own, in the framework data (and its translations).
      band: bandLabel(report, composite.band, locale) ?? '',
      provisional: composite.provisional ? 'yes' : 'no',
    }),
  ];
  const u = composite.uncertainty;
  if (u) {
    const stability = Math.round(u.bandStability * 100);
    sentences.push(t('report.narrative.sensitivity', { p5: u.p5, p95: u.p95, stability }));
  }
  return sentences;
}

function extremes(report: Report, t: Translator): string | null {
  const scored = report.domains.filter((d) => d.score !== null).sort((a, b) => b.score! - a.score!);
  const strong = scored[0];
  const weak = scored.at(-1);
  if (!strong || !weak || strong === weak) return null;
  return t('report.narrative.extremes', {
    strong: strong.title,
    strongScore: strong.score,
    weak: weak.title,
    weakScore: weak.score,
  });
}

function imbalance(report: Report, t: Translator): string | null {
  const neglected = report.domains
    .filter((d) => report.composite.imbalance.includes(d.key))
    .map((d) => d.title);
  if (neglected.length === 0) return null;
  return t('report.narrative.imbalance', { count: neglected.length, domains: neglected.join('; ') });
}

function gains(report: Report, t: Translator, locale: Locale): string | null {
  const largest = report.gaps.filter((g) => g.potentialGain !== null && g.potentialGain > 0).slice(0, 3);
  if (largest.length === 0) return null;
  const points = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: 'always' });
  return t('report.narrative.gains', {
    count: largest.length,
    items: largest.map((g) => `${g.question} (${points.format(g.potentialGain ?? 0)})`).join(', '),
  });
}

/**
 * The comparison's changed questions split in two: answers given differently, and questions
 * answered in the previous round with no answer in this one (unanswered yet on a draft, or no
 * longer asked). Counted together, a draft with four answers "changed 102 answers".
 */
export function changeCounts(changes: readonly unknown[]): { changed: number; notAnswered: number } {
  const notAnswered = changes.filter(
    (c) => typeof c === 'object' && c !== null && (c as { after?: unknown }).after === null,
  ).length;
  return { changed: changes.length - notAnswered, notAnswered };
}

function change(report: Report, t: Translator): string | null {
  const c = report.comparison;
  if (c === null) return null;
  const counts = changeCounts(c.changedQuestions);
  if (c.compositeDelta === null) return t('report.narrative.changeUnknown', { period: c.period, ...counts });
  return t('report.narrative.change', {
    period: c.period,
    delta: Math.abs(c.compositeDelta),
    direction: c.compositeDelta > 0 ? 'up' : c.compositeDelta < 0 ? 'down' : 'same',
    ...counts,
  });
}
