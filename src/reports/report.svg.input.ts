/** What the chart says about a report, in the reader's language: every word and number it draws. */
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { bandKeyOf, bandLabel, bandsOf } from './report.bands.ts';
import { previousScores } from './report.previous.ts';
import type { Report } from './report.schemas.ts';

/** What the chart draws: the domain scores now and, when there is one, in the previous round. */
export interface RadarInput {
  title: string;
  subtitle: string;
  /** Set for anything not validated: the banner and the corner ribbon say so. */
  status: { banner: string; ribbon: string } | null;
  /** e.g. "41 of 96 applicable questions answered", shown when the composite is provisional. */
  coverage: string | null;
  bands: { key: string; label: string; min: number; max: number }[];
  domains: { key: string; title: string; score: number | null; previous: number | null }[];
  /** The legend line of this round (it carries the MGI; the chart has no centre badge). */
  current: string;
  previous: string | null;
  desc: string;
  /** Locale-dependent words and number format. */
  words: { bands: string; gapNote: string; notScored: string };
  /** False where the page around the chart already gives the title (the country profile). */
  showHeading?: boolean;
  formatScore: (score: number) => string;
}

type Previous = ReturnType<typeof previousScores>;

/** The chart's reading of a report in one language: its score format and the previous round. */
interface Reading {
  report: Report;
  locale: Locale;
  score: (value: number) => string;
  previous: Previous;
  /** The composite's band label ('' when there is none). */
  band: string;
}

/** The legend lines of the two series, each carrying its MGI. */
function legendLines({ report, locale, score, previous, band }: Reading) {
  const { composite } = report;
  const current =
    composite.score === null
      ? t(locale, 'chart.currentNoMgi', { period: report.period })
      : t(locale, composite.provisional ? 'chart.currentProvisional' : 'chart.current', {
          period: report.period,
          mgi: score(composite.score),
          band,
        });
  if (!report.comparison || !previous) return { current, previous: null };
  const before = previous.composite;
  return {
    current,
    previous:
      before === null
        ? t(locale, 'chart.previousNoMgi', { period: report.comparison.period })
        : t(locale, 'chart.previous', {
            period: report.comparison.period,
            mgi: score(before),
            band: bandLabel(report, bandKeyOf(report, before), locale) ?? '',
          }),
  };
}

/** The text alternative: every score the chart draws, then the status. */
function description({ report, locale, score, previous, band }: Reading, status: string | null): string {
  const { composite } = report;
  const scoresText = (values: { key: string; score: number | null }[]) =>
    values
      .map((d) => `${d.key} ${d.score === null ? t(locale, 'chart.notScored') : score(d.score)}`)
      .join(', ');
  return [
    t(locale, 'chart.desc', {
      scores: scoresText(report.domains),
      mgi:
        composite.score === null
          ? t(locale, 'chart.descNoMgi')
          : t(locale, 'chart.descMgi', { score: score(composite.score), band }),
    }),
    ...(report.comparison && previous
      ? [
          t(locale, 'chart.descPrevious', {
            period: report.comparison.period,
            scores: scoresText(
              report.domains.map((d) => ({ key: d.key, score: previous.domains.get(d.key) ?? null })),
            ),
          }),
        ]
      : []),
    ...(status ? [status] : []),
  ].join(' ');
}

/** Everything the chart says about a report, in `locale`. */
export function chartInput(report: Report, locale: Locale = DEFAULT_LOCALE): RadarInput {
  const score = (value: number) => t(locale, 'chart.score', { score: value });
  const previous = previousScores(report);
  const reading = {
    report,
    locale,
    score,
    previous,
    band: bandLabel(report, report.composite.band, locale) ?? '',
  };
  const status =
    report.status === 'validated'
      ? null
      : {
          banner: t(locale, `chart.status.${report.status}`),
          ribbon: t(locale, `chart.ribbon.${report.status}`),
        };
  const { coverage } = report;
  return {
    title: t(locale, 'chart.title', { country: report.countryName, period: report.period }),
    subtitle: t(locale, 'chart.subtitle', {
      framework: report.framework.key,
      version: report.framework.version,
      methodology: report.methodology.version,
    }),
    status,
    coverage: report.composite.provisional
      ? t(locale, 'chart.coverage', { answered: coverage.answered, enabled: coverage.enabled })
      : null,
    bands: bandsOf(report, locale).map((b) => ({
      ...b,
      label: t(locale, 'chart.bandRange', { label: b.label, min: b.min, max: b.max }),
    })),
    domains: report.domains.map((d) => ({
      key: d.key,
      title: d.title,
      score: d.score,
      previous: previous?.domains.get(d.key) ?? null,
    })),
    ...legendLines(reading),
    desc: description(reading, status?.banner ?? null),
    words: {
      bands: t(locale, 'chart.bands'),
      gapNote: t(locale, 'chart.gapNote'),
      notScored: t(locale, 'chart.notScored'),
    },
    formatScore: score,
  };
}
