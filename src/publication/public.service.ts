import type { CountryService } from '../countries/country.service.ts';
import type { Locale } from '../i18n/locale.ts';
import { WORLD } from '../indicators/sdg1072.areas.ts';
import type { OfficialAreaCount } from '../indicators/sdg1072.repository.ts';
import type { Sdg1072Service } from '../indicators/sdg1072.service.ts';
import type { OfficialArea } from '../indicators/sdg1072.types.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import { AppError, message } from '../lib/errors.ts';
import type { DocumentSource } from './documents.port.ts';
import type { PublicationRepository, PublicationRow } from './publication.repository.ts';
import type { PublicDocumentMeta, PublicProfile } from './publication.schemas.ts';
import type { SnapshotFileName } from './snapshot.ts';

/** A stored representation, kept as one Buffer so its compressed forms are made once. */
export interface PublicFile {
  bytes: Buffer;
  mediaType: string;
  sha256: string;
}

export interface PublicAggregate {
  period: string;
  world: OfficialArea;
  regions: OfficialArea[];
}

const encodeCursor = (row: Pick<PublicationRow, 'country' | 'period'>) =>
  Buffer.from(`${row.country}|${row.period}`).toString('base64url');
const decodeCursor = (cursor: string) => {
  const [country, period] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!country || !period) throw new AppError('bad_request', 'Not a cursor from a previous page');
  return { country, period };
};

/**
 * What the public reads (no token): current publications and their versions, each answer the
 * stored bytes of the snapshot. Only `published` rows are current; a withdrawn profile is 404 on
 * its current URL and 410 on its version URLs. Caches are dropped whenever a publication changes.
 */
export class PublicService {
  private readonly files = new BoundedMap<string, PublicFile>(2000);
  private readonly aggregates = new BoundedMap<string, PublicAggregate>(100);
  /** The current publication per country and period (null: none), until the next change. */
  private readonly currents = new BoundedMap<string, PublicationRow | null>(5000);

  constructor(
    private readonly repository: PublicationRepository,
    private readonly countries: Pick<CountryService, 'find' | 'nameIn'>,
    private readonly sdg1072: Pick<Sdg1072Service, 'areas' | 'describe'>,
    private readonly documents: () => DocumentSource,
  ) {}

  /** Moves on each change: what was rendered from an earlier generation is stale. */
  generation = 0;

  /** Called after any approval, publication or withdrawal commits. */
  changed(): void {
    this.generation += 1;
    this.currents.clear();
    this.files.clear();
    this.aggregates.clear();
  }

  list(query: { region?: string; period?: string; limit: number; cursor?: string }, locale: Locale) {
    const rows = this.repository.listCurrent({
      region: query.region,
      period: query.period,
      after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((r) => ({
        country: r.country,
        countryName: this.countries.nameIn(r.country, locale),
        region: r.regionCode,
        period: r.period,
        version: r.version,
        publishedAt: r.publishedAt,
        url: `/v1/public/profiles/${r.country}/${r.period}`,
      })),
      nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
    };
  }

  /** The current version of a country's period; 404 when none (never published, or withdrawn). */
  current(country: string, period: string): PublicationRow {
    const key = `${country}/${period}`;
    let row = this.currents.get(key);
    if (row === undefined) {
      row = this.repository.current(country, period);
      this.currents.set(key, row);
    }
    if (!row) throw new AppError('not_found', message('problem.profileNotFound', { country, period }));
    return row;
  }

  countryName(iso3: string, locale: Locale): string {
    return this.countries.nameIn(iso3, locale);
  }

  /** A version; 404 when it never existed, 410 when it was withdrawn. */
  version(country: string, period: string, version: number): PublicationRow {
    const row = this.repository.version(country, period, version);
    if (!row) throw new AppError('not_found', message('problem.profileNotFound', { country, period }));
    if (row.status === 'withdrawn') {
      throw new AppError('gone', message('problem.profileWithdrawn', { country, period, version }));
    }
    return row;
  }

  file(row: PublicationRow, name: SnapshotFileName, locale: Locale): PublicFile {
    const key = `${row.id}/${name}/${locale}`;
    const cached = this.files.get(key);
    if (cached) return cached;
    const stored = this.repository.file(row.id, name, locale);
    if (!stored) throw new AppError('not_found', message('problem.profileNotFound', row));
    const entry = { bytes: stored.bytes, mediaType: stored.mediaType, sha256: stored.sha256 };
    this.files.set(key, entry);
    return entry;
  }

  profile(row: PublicationRow, locale: Locale): PublicProfile {
    return JSON.parse(this.file(row, 'profile.json', locale).bytes.toString('utf8')) as PublicProfile;
  }

  /** A public document of a version: as listed at publication, its bytes from the store. */
  async document(row: PublicationRow, id: string): Promise<{ meta: PublicDocumentMeta; bytes: Buffer }> {
    const meta = (JSON.parse(row.documents) as PublicDocumentMeta[]).find((d) => d.id === id);
    const bytes = meta ? await this.documents().open(meta.sha256) : null;
    if (!meta || !bytes) throw new AppError('not_found', message('problem.publicDocumentNotFound', { id }));
    return { meta, bytes };
  }

  /**
   * SDG 10.7.2 from current publications only: each published profile of the period counted by
   * its official categories, with the indicators module's own tally (Sdg1072Service.describe).
   */
  indicator(period: string, locale: Locale): PublicAggregate {
    const key = `${period}/${locale}`;
    const cached = this.aggregates.get(key);
    if (cached) return cached;
    const counts = new Map<string, OfficialAreaCount[]>();
    const add = (area: string | null, domain: number, category: number) => {
      if (!area) return;
      const rows = counts.get(area) ?? [];
      const row = rows.find((r) => r.domain === domain && r.category === category);
      if (row) row.count += 1;
      else rows.push({ area, domain, category, count: 1 });
      counts.set(area, rows);
    };
    for (const row of this.allCurrent(period)) {
      const sdg = this.profile(row, 'en').sdg1072;
      if (!sdg) continue;
      for (const area of [WORLD, row.regionCode]) {
        add(area, 0, sdg.overall.category.code);
        for (const d of sdg.domains) add(area, d.number, d.category.code);
      }
    }
    const areas = this.sdg1072.areas();
    const world = areas.find((a) => a.code === WORLD)!;
    const aggregate = {
      period,
      world: this.sdg1072.describe(world, counts.get(WORLD) ?? [], locale),
      regions: areas
        .filter((a) => a.kind === 'region' && counts.has(a.code))
        .map((a) => this.sdg1072.describe(a, counts.get(a.code) ?? [], locale)),
    };
    this.aggregates.set(key, aggregate);
    return aggregate;
  }

  /** Every current publication, optionally of one period. */
  allCurrent(period?: string): PublicationRow[] {
    const out: PublicationRow[] = [];
    let after: { country: string; period: string } | undefined;
    for (;;) {
      const page = this.repository.listCurrent({ period, after, limit: 500 });
      out.push(...page);
      if (page.length < 500) return out;
      after = page.at(-1)!;
    }
  }
}
