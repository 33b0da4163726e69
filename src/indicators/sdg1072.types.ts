import type { Locale } from '../i18n/locale.ts';

export type AreaKind = 'world' | 'region' | 'subregion' | 'intermediateRegion' | 'sdgRegion';

/** A named area the aggregate can report: the world, an M49 area or an SDG grouping. */
export interface AreaInfo {
  code: string;
  kind: AreaKind;
  /** The name in a language: M49 names as the countries list has them (English), the rest from the catalogue. */
  name: (locale: Locale) => string;
}

export interface OfficialTally {
  total: number;
  categories: { code: number; key: string; label: string; count: number; proportion: number | null }[];
  meetsOrFullyMeets: { count: number; proportion: number | null; percent: number | null };
}

export interface OfficialArea {
  area: { code: string; kind: AreaKind; name: string };
  total: number;
  overall: OfficialTally;
  domains: (OfficialTally & { number: number })[];
}

export interface OfficialAggregate extends OfficialArea {
  year: string;
  groups: OfficialArea[] | null;
  excluded: {
    reason: 'framework_without_official_instrument' | 'superseded_by_later_answers';
    count: number;
  }[];
}
