import type { AreaInfo } from './sdg1072.types.ts';

/**
 * The areas the UN publishes 10.7.2 for, derived from a country's M49 codes: the world (001), the
 * M49 regions, sub-regions and intermediate regions, and the eight SDG regional groupings, each a
 * union of M49 regions or sub-regions (UNSD, "SDG regional groupings").
 */

export const WORLD = '001';

/** SDG regional groupings in the UN's order, with the M49 codes they are made of. */
export const SDG_REGIONS = [
  { code: '202', key: 'sub_saharan_africa', subregions: ['202'] },
  { code: '747', key: 'northern_africa_western_asia', subregions: ['015', '145'] },
  { code: '062', key: 'central_southern_asia', subregions: ['143', '034'] },
  { code: '753', key: 'eastern_south_eastern_asia', subregions: ['030', '035'] },
  { code: '419', key: 'latin_america_caribbean', subregions: ['419'] },
  { code: '053', key: 'australia_new_zealand', subregions: ['053'] },
  { code: '543', key: 'oceania_excluding_australia_new_zealand', subregions: ['054', '057', '061'] },
  // Europe (a region) with Northern America (a sub-region of the Americas).
  { code: '513', key: 'europe_northern_america', subregions: ['021'], regions: ['150'] },
] as const;

export interface CountryAreas {
  regionCode: string | null;
  subregionCode: string | null;
  intermediateRegionCode?: string | null;
}

/** The SDG regional grouping of a country, from its M49 region and sub-region; null when none. */
export function sdgRegionOf(country: CountryAreas): string | null {
  for (const group of SDG_REGIONS) {
    const regions: readonly string[] = 'regions' in group ? group.regions : [];
    if (country.regionCode && regions.includes(country.regionCode)) return group.code;
    if (country.subregionCode && (group.subregions as readonly string[]).includes(country.subregionCode))
      return group.code;
  }
  return null;
}

/** One area per code: an SDG grouping equal to an M49 sub-region (202, 419, 053) is listed once. */
export function distinctAreas(areas: AreaInfo[]): AreaInfo[] {
  const seen = new Set<string>();
  return areas.filter((a) => !seen.has(a.code) && seen.add(a.code));
}

/** The M49 numeric code as the SDG database writes it (no leading zeros): `001` -> `1`. */
export const sdmxAreaCode = (m49: string): string => String(Number(m49));
