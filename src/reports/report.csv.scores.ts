import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import type { Cell } from '../lib/csv.ts';
import { roundScore } from '../scoring/scoring.engine.ts';
import { bandLabel } from './report.bands.ts';
import { previousScores } from './report.previous.ts';
import type { Report } from './report.schemas.ts';

type Extras = { validatedAt?: string | null; hmgiComposite?: Report['hmgiComposite'] };
type Domain = Report['domains'][number];
type Coverage = { answered: number; enabled: number; scored?: number };

/** One scored thing of the report: its level, key, title, score and band, and what it rests on. */
interface Line {
  level: string;
  key: string;
  title: string;
  score: number | null;
  band: string | null;
  provisional: boolean | null;
  coverage: Coverage | null;
  /** The previous round's score, compared only where the report gives one (composite, domains). */
  before?: number | null;
}

/** The composite, the HMG-I reading when present, then each domain followed by its sub-domains. */
function lines(report: Report & Extras, locale: Locale): Line[] {
  const previous = previousScores(report);
  const { composite, hmgiComposite: hmgi } = report;
  const found: Line[] = [
    {
      level: 'composite',
      key: 'MGI',
      title: t(locale, 'csv.title.composite'),
      score: composite.score,
      band: composite.band,
      provisional: composite.provisional,
      coverage: report.coverage,
      before: previous?.composite,
    },
  ];
  if (hmgi) {
    const title = t(locale, 'csv.title.hmgi');
    found.push({
      level: 'hmgi',
      key: 'HMG-I',
      title,
      score: hmgi.score,
      band: hmgi.band,
      provisional: null,
      coverage: null,
    });
  }
  const part = (level: string, p: Domain | Domain['subdomains'][number]): Line => ({
    level,
    key: p.key,
    title: p.title,
    score: p.score,
    band: p.band,
    provisional: null,
    coverage: p.coverage,
  });
  for (const d of report.domains) {
    found.push({ ...part('domain', d), before: previous?.domains.get(d.key) });
    for (const s of d.subdomains) found.push(part('subdomain', s));
  }
  return found;
}

/** The scores table's rows (columns in SCORES_CSV_COLUMNS order). */
export function scoreRows(report: Report, locale: Locale): Cell[][] {
  const extras = report as Report & Extras;
  const unit = t(locale, 'csv.unit.score');
  const compared = previousScores(report) !== null;
  const previousPeriod = report.comparison?.period ?? null;
  const context: Cell[] = [
    report.country,
    report.countryName,
    report.period,
    report.status,
    `${report.framework.key} ${report.framework.version}`,
    `v${report.methodology.version} ${report.methodology.aggregation}`,
    extras.validatedAt ?? null,
  ];
  const coverage = (c: Coverage | null): Cell[] =>
    c ? [c.answered, c.enabled, c.scored ?? null] : [null, null, null];
  const change = (now: number | null, before: number | null | undefined): Cell[] => [
    previousPeriod,
    before ?? null,
    now !== null && before !== null && before !== undefined ? roundScore(now - before) : null,
  ];
  return lines(extras, locale).map((l) => [
    ...context,
    ...[l.level, l.key, l.title, l.score, unit, l.band, bandLabel(report, l.band, locale), l.provisional],
    ...coverage(l.coverage),
    ...(compared ? change(l.score, l.before) : [null, null, null]),
  ]);
}
