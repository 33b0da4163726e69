import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { type Cell, toCsv } from '../lib/csv.ts';
import { sdmxAreaCode } from './sdg1072.areas.ts';
import { OFFICIAL_CATEGORIES, OFFICIAL_DOMAINS } from './sdg1072.official.ts';
import type { OfficialCountryRow } from './sdg1072.repository.ts';
import type { OfficialArea } from './sdg1072.types.ts';

/**
 * The SDG database's global dataflow, whose data structure the columns follow (docs/sdg-10-7-2.md,
 * "SDMX-CSV"). Its key has 15 dimensions; 10.7.2 uses SERIES, REF_AREA and COMPOSITE_BREAKDOWN (the
 * policy domain) and leaves the other breakdowns at `_T`.
 */
export const SDMX_STRUCTURE_ID = 'IAEG-SDGs:DF_SDG_GLH(1.9)';

const BREAKDOWNS = [
  'SEX',
  'AGE',
  'URBANISATION',
  'INCOME_WEALTH_QUANTILE',
  'EDUCATION_LEV',
  'OCCUPATION',
  'CUST_BREAKDOWN',
] as const;
const AFTER_COMPOSITE = ['DISABILITY_STATUS', 'ACTIVITY', 'PRODUCT'] as const;

const SDMX_HEADER = [
  'STRUCTURE',
  'STRUCTURE_ID',
  'ACTION',
  'FREQ',
  'REPORTING_TYPE',
  'SERIES',
  'REF_AREA',
  ...BREAKDOWNS,
  'COMPOSITE_BREAKDOWN',
  ...AFTER_COMPOSITE,
  'TIME_PERIOD',
  'OBS_VALUE',
  'UNIT_MEASURE',
  'NATURE',
];

/** Policy domain 0 is the total. */
export const policyDomainCode = (domain: number): string => (domain === 0 ? '_T' : `PD_${domain}`);

interface Observation {
  series: 'SG_CPA_MIGRS' | 'SG_CPA_MIGRP';
  area: string;
  domain: number;
  period: string;
  value: number;
}

function sdmxRow(o: Observation): Cell[] {
  const country = o.series === 'SG_CPA_MIGRS';
  return [
    'dataflow',
    SDMX_STRUCTURE_ID,
    'I',
    'A',
    'G',
    o.series,
    sdmxAreaCode(o.area),
    ...BREAKDOWNS.map(() => '_T'),
    policyDomainCode(o.domain),
    ...AFTER_COMPOSITE.map(() => '_T'),
    o.period,
    o.value,
    country ? 'NUMBER' : 'PT',
    // C: the country's own data; G: computed from country data for a group of countries.
    country ? 'C' : 'G',
  ];
}

/**
 * SDMX-CSV 2.0: `SG_CPA_MIGRS` for each country (its category code 1-4, at the period it answered
 * for) and `SG_CPA_MIGRP` for each area (the percentage that meets or fully meets), no BOM.
 */
export function sdg1072SdmxCsv(year: string, countries: OfficialCountryRow[], areas: OfficialArea[]): string {
  const observations: Observation[] = countries.map((c) => ({
    series: 'SG_CPA_MIGRS',
    area: c.country,
    domain: c.domain,
    period: c.period,
    value: c.category,
  }));
  for (const a of areas) {
    for (const [domain, tally] of [
      [0, a.overall] as const,
      ...a.domains.map((d) => [d.number, d] as const),
    ]) {
      const value = tally.meetsOrFullyMeets.percent;
      if (value !== null)
        observations.push({ series: 'SG_CPA_MIGRP', area: a.area.code, domain, period: year, value });
    }
  }
  return toCsv(SDMX_HEADER, observations.map(sdmxRow));
}

/** The aggregate for people: one row per area and policy domain, headers in the reader's language, UTF-8 BOM for spreadsheets. */
export function sdg1072PlainCsv(year: string, areas: OfficialArea[], locale: Locale): string {
  const header = [
    t(locale, 'indicator.csv.year'),
    t(locale, 'indicator.csv.area_code'),
    t(locale, 'indicator.csv.area'),
    t(locale, 'indicator.csv.domain'),
    t(locale, 'indicator.csv.countries'),
    ...OFFICIAL_CATEGORIES.map((c) => t(locale, `report.sdg1072.category.${c.key}`)),
    t(locale, 'indicator.csv.meets_or_fully_meets'),
    t(locale, 'indicator.csv.percent_meets_or_fully_meets'),
  ];
  const rows = areas.flatMap((a) =>
    OFFICIAL_DOMAINS.map((domain): Cell[] => {
      const tally = domain === 0 ? a.overall : a.domains[domain - 1]!;
      return [
        year,
        a.area.code,
        a.area.name,
        domain === 0 ? t(locale, 'indicator.sdg1072.domain.0') : domain,
        tally.total,
        ...tally.categories.map((c) => c.count),
        tally.meetsOrFullyMeets.count,
        tally.meetsOrFullyMeets.percent,
      ];
    }),
  );
  return `\uFEFF${toCsv(header, rows)}`;
}
