import type { Principal } from '../auth/claims.ts';
import { MAX_LIST, MAX_MINISTRIES } from '../consultation/consultation.limits.ts';
import type { CountryService } from '../countries/country.service.ts';
import { AppError, message } from '../lib/errors.ts';
import { checkIfMatch } from '../lib/etag.ts';
import { uuidv7 } from '../lib/ids.ts';
import type { MinistryAuditRow, MinistryRepository, MinistryRow } from './ministry.repository.ts';
import type { CreateMinistry, MinistryView, UpdateMinistry } from './ministry.schemas.ts';

/**
 * The ministries module owns a country's ministries (named by its focal point, each with a code
 * that contributors' tokens carry) and their audit log. It also decides whether a contributor's
 * token names a ministry that exists and is not retired.
 */

export interface MinistryDeps {
  repository: MinistryRepository;
  countries: Pick<CountryService, 'find'>;
  /** Whether anything on record (answers, history, assignments, comments) names the ministry. */
  hasRecord: (ministryId: string) => boolean;
}

const contactsOf = (row: MinistryRow): string[] => JSON.parse(row.contacts) as string[];

export const ministryView = (row: MinistryRow): MinistryView => ({
  id: row.id,
  country: row.country,
  code: row.code,
  name: row.name,
  acronym: row.acronym,
  contacts: contactsOf(row),
  retired: row.retiredAt !== null,
  retiredAt: row.retiredAt,
  revision: row.revision,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

/** What the audit log keeps of a ministry. */
const auditState = (row: MinistryRow) => ({
  code: row.code,
  name: row.name,
  acronym: row.acronym,
  contacts: contactsOf(row),
  retired: row.retiredAt !== null,
});

export class MinistryService {
  constructor(private readonly deps: MinistryDeps) {}

  /** The country if the caller may see its ministries: 404 for another country's scoped caller. */
  private country(principal: Principal, iso3: string): string {
    const outside = principal.country !== undefined && principal.country !== iso3;
    if (outside || !this.deps.countries.find(iso3)) {
      throw new AppError('not_found', message('consultation.countryNotFound', { country: iso3 }));
    }
    return iso3;
  }

  private load(principal: Principal, iso3: string, id: string): MinistryRow {
    const row = this.deps.repository.findById(id);
    if (!row || row.country !== this.country(principal, iso3)) {
      throw new AppError('not_found', message('consultation.ministryNotFound', { id }));
    }
    return row;
  }

  list(principal: Principal, iso3: string, includeRetired: boolean): MinistryRow[] {
    const rows = this.deps.repository.list(this.country(principal, iso3));
    return includeRetired ? rows : rows.filter((r) => r.retiredAt === null);
  }

  get(principal: Principal, iso3: string, id: string): MinistryRow {
    return this.load(principal, iso3, id);
  }

  /** The ministry `id` of `country`, for other modules (assignments); null when there is none. */
  byId(country: string, id: string): MinistryRow | null {
    const row = this.deps.repository.findById(id);
    return row && row.country === country ? row : null;
  }

  /** What a notification needs of a ministry: its code (contributors' claim), name and contact addresses. */
  mailTarget(country: string, id: string): { code: string; name: string; contacts: string[] } | null {
    const row = this.byId(country, id);
    return row ? { code: row.code, name: row.name, contacts: contactsOf(row) } : null;
  }

  private assertCodeFree(country: string, code: string, except?: string): void {
    const taken = this.deps.repository.findByCode(country, code);
    if (taken && taken.id !== except) {
      throw new AppError('conflict', message('consultation.ministryCodeTaken', { country, code }));
    }
  }

  create(principal: Principal, iso3: string, body: CreateMinistry): Promise<MinistryRow> {
    const country = this.country(principal, iso3);
    return this.deps.repository.transaction(() => {
      this.assertCodeFree(country, body.code);
      if (this.deps.repository.list(country).length >= MAX_MINISTRIES) {
        throw new AppError(
          'conflict',
          message('consultation.tooManyMinistries', { country, max: MAX_MINISTRIES }),
        );
      }
      const at = new Date().toISOString();
      const row = this.deps.repository.insert({
        id: uuidv7(),
        country,
        code: body.code,
        name: body.name,
        acronym: body.acronym ?? null,
        contacts: JSON.stringify(body.contacts ?? []),
        createdAt: at,
        updatedAt: at,
      });
      this.audit(row, 'created', principal.sub, null, auditState(row));
      return row;
    });
  }

  update(principal: Principal, iso3: string, id: string, body: UpdateMinistry, ifMatch: string | undefined) {
    return this.deps.repository.transaction(() => {
      const row = this.load(principal, iso3, id);
      checkIfMatch(ifMatch, row.revision, false);
      if (row.retiredAt !== null) {
        throw new AppError('conflict', message('consultation.ministryRetired', { code: row.code }));
      }
      if (body.code !== undefined) this.assertCodeFree(row.country, body.code, row.id);
      const updated = this.deps.repository.update(row.id, {
        ...(body.code !== undefined ? { code: body.code } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.acronym !== undefined ? { acronym: body.acronym } : {}),
        ...(body.contacts !== undefined ? { contacts: JSON.stringify(body.contacts) } : {}),
        revision: row.revision + 1,
        updatedAt: new Date().toISOString(),
      });
      this.audit(row, 'updated', principal.sub, auditState(row), auditState(updated));
      return updated;
    });
  }

  /** Deletes a ministry nothing names yet; one with anything on record is retired instead. */
  remove(principal: Principal, iso3: string, id: string, ifMatch: string | undefined) {
    return this.deps.repository.transaction((): { row: MinistryRow; outcome: 'deleted' | 'retired' } => {
      const row = this.load(principal, iso3, id);
      checkIfMatch(ifMatch, row.revision, false);
      if (!this.deps.hasRecord(row.id)) {
        this.deps.repository.delete(row.id);
        this.audit(row, 'deleted', principal.sub, auditState(row), null);
        return { row, outcome: 'deleted' };
      }
      if (row.retiredAt !== null) return { row, outcome: 'retired' };
      const at = new Date().toISOString();
      const retired = this.deps.repository.update(row.id, {
        retiredAt: at,
        updatedAt: at,
        revision: row.revision + 1,
      });
      this.audit(row, 'retired', principal.sub, auditState(row), auditState(retired));
      return { row: retired, outcome: 'retired' };
    });
  }

  auditLog(principal: Principal, iso3: string): MinistryAuditRow[] {
    // The latest entries: a response holds at most MAX_LIST.
    return this.deps.repository.audit(this.country(principal, iso3)).slice(-MAX_LIST);
  }

  private audit(
    row: MinistryRow,
    type: MinistryAuditRow['type'],
    actor: string,
    before: object | null,
    after: object | null,
  ): void {
    this.deps.repository.appendAudit({
      country: row.country,
      ministryId: row.id,
      type,
      actor,
      at: new Date().toISOString(),
      before: before && JSON.stringify(before),
      after: after && JSON.stringify(after),
    });
  }

  /**
   * A contributor's ministry, from the code their token carries: 403 with a problem that says
   * so when the country has no such ministry or it is retired. Null for other roles.
   */
  contributorMinistry(principal: Principal): MinistryRow | null {
    if (principal.role !== 'contributor') return null;
    const country = principal.country as string;
    const code = principal.ministry as string;
    const row = this.deps.repository.findByCode(country, code);
    if (!row)
      throw new AppError('forbidden', message('consultation.tokenMinistryUnknown', { code, country }));
    if (row.retiredAt !== null) {
      throw new AppError('forbidden', message('consultation.tokenMinistryRetired', { code, country }));
    }
    return row;
  }
}
