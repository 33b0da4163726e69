import type { Report } from '../../api.ts';
import { h } from '../../dom.ts';
import { formatNumber, t } from '../../i18n.ts';
import { isOfficial } from '../report-sdg1072.ts';
import { bandChip, bandLabel, type Heading, signed, table } from './parts.ts';

/**
 * Answers given differently, and questions answered in the previous round with no answer in this
 * one (a draft's unanswered questions are not "changed answers").
 */
const changeCounts = (changes: NonNullable<Report['comparison']>['changedQuestions']) => {
  const notAnswered = changes.filter((c) => typeof c === 'object' && c !== null && c.after === null).length;
  return { count: changes.length - notAnswered, notAnswered };
};

export function comparisonSection(report: Report, hx: Heading, domainTitle: Map<string, string>) {
  const comparison = report.comparison;
  return h(
    'section',
    null,
    hx(t('r.comparison')),
    comparison
      ? [
          h(
            'p',
            null,
            t('r.comparedWith', {
              period: comparison.period,
              composite: formatNumber(comparison.composite),
              delta: signed(comparison.compositeDelta),
            }),
          ),
          comparison.commonQuestionsOnly && h('p', null, t('r.commonOnly')),
          table(
            t('r.comparison'),
            [t('r.domain'), t('r.previous'), t('r.change')],
            comparison.domains.map((d) =>
              h(
                'tr',
                null,
                h('th', { scope: 'row' }, `${d.key} ${domainTitle.get(d.key) ?? ''}`),
                h('td', { class: 'num' }, formatNumber(d.score)),
                h('td', { class: 'num' }, signed(d.delta)),
              ),
            ),
          ),
          h('p', null, t('r.changed', changeCounts(comparison.changedQuestions))),
        ]
      : h('p', null, t('r.noComparison')),
  );
}

export function sdg1072Section(report: Report, hx: Heading) {
  const sdg = report.sdg1072;
  // Methodology 2's unofficial view (2.0.0 reports).
  if (!sdg || isOfficial(sdg)) return null;
  return h(
    'section',
    null,
    hx(t('r.sdg1072')),
    h(
      'p',
      null,
      sdg.overall.score === null
        ? t('r.sdg1072OverallNone')
        : t('r.sdg1072Overall', {
            category: bandLabel(report, sdg.overall.category),
            score: formatNumber(sdg.overall.score),
          }),
    ),
    table(
      t('r.sdg1072'),
      [t('r.sdgDomain'), t('r.inPlace'), t('r.category')],
      sdg.domains.map((d) =>
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, `${d.number}. ${d.title}`),
          h('td', null, t('r.inPlaceOf', { inPlace: d.inPlace, assessed: d.assessed })),
          h('td', null, bandChip(report, d.category)),
        ),
      ),
    ),
  );
}
