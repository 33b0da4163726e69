import { and, asc, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import {
  type ApprovalRow,
  type PublicationFileRow,
  type PublicationRow,
  publicationApprovals,
  publicationFiles,
  publications,
} from '../db/schema/index.ts';

export type { ApprovalRow, PublicationFileRow, PublicationRow };

export interface CurrentFilter {
  region?: string;
  period?: string;
  /** Resume after this (country, period), as the cursor carries it. */
  after?: { country: string; period: string };
  limit: number;
}

/**
 * Drizzle queries for publication's tables: approvals, publication versions and their snapshot
 * files. Writes run inside the assessment's transaction (AssessmentService.recordChange).
 */
export class PublicationRepository {
  constructor(private readonly db: Db) {}

  approval(assessmentId: string): ApprovalRow | null {
    return (
      this.db
        .select()
        .from(publicationApprovals)
        .where(eq(publicationApprovals.assessmentId, assessmentId))
        .get() ?? null
    );
  }

  putApproval(row: ApprovalRow): void {
    this.db
      .insert(publicationApprovals)
      .values(row)
      .onConflictDoUpdate({
        target: publicationApprovals.assessmentId,
        set: {
          authority: row.authority,
          publicDocuments: row.publicDocuments,
          approvedBy: row.approvedBy,
          approvedAt: row.approvedAt,
        },
      })
      .run();
  }

  /** Every version of a country's period, newest first. */
  versions(country: string, period: string): PublicationRow[] {
    return this.db
      .select()
      .from(publications)
      .where(and(eq(publications.country, country), eq(publications.period, period)))
      .orderBy(desc(publications.version))
      .all();
  }

  /** The versions made from one assessment, newest first. */
  ofAssessment(assessmentId: string): PublicationRow[] {
    return this.db
      .select()
      .from(publications)
      .where(eq(publications.assessmentId, assessmentId))
      .orderBy(desc(publications.version))
      .all();
  }

  version(country: string, period: string, version: number): PublicationRow | null {
    return (
      this.db
        .select()
        .from(publications)
        .where(
          and(
            eq(publications.country, country),
            eq(publications.period, period),
            eq(publications.version, version),
          ),
        )
        .get() ?? null
    );
  }

  current(country: string, period: string): PublicationRow | null {
    return (
      this.db
        .select()
        .from(publications)
        .where(
          and(
            eq(publications.country, country),
            eq(publications.period, period),
            eq(publications.status, 'published'),
          ),
        )
        .get() ?? null
    );
  }

  /** The country's current publication of the latest period before `period`, or null. */
  previousCurrent(country: string, period: string): PublicationRow | null {
    return (
      this.db
        .select()
        .from(publications)
        .where(
          and(
            eq(publications.country, country),
            lt(publications.period, period),
            eq(publications.status, 'published'),
          ),
        )
        .orderBy(desc(publications.period))
        .get() ?? null
    );
  }

  /** Current publications in (country, period) order, a page at a time. */
  listCurrent(filter: CurrentFilter): PublicationRow[] {
    const { region, period, after, limit } = filter;
    return this.db
      .select()
      .from(publications)
      .where(
        and(
          eq(publications.status, 'published'),
          region === undefined
            ? undefined
            : or(eq(publications.regionCode, region), eq(publications.subregionCode, region)),
          period === undefined ? undefined : eq(publications.period, period),
          after === undefined
            ? undefined
            : or(
                gt(publications.country, after.country),
                and(eq(publications.country, after.country), gt(publications.period, after.period)),
              ),
        ),
      )
      .orderBy(asc(publications.country), asc(publications.period))
      .limit(limit)
      .all();
  }

  insertVersion(row: PublicationRow, files: PublicationFileRow[]): void {
    this.db.insert(publications).values(row).run();
    if (files.length) this.db.insert(publicationFiles).values(files).run();
  }

  setStatus(
    ids: readonly string[],
    status: PublicationRow['status'],
    withdrawal?: { at: string; by: string; reason: string },
  ): void {
    if (!ids.length) return;
    this.db
      .update(publications)
      .set({
        status,
        ...(withdrawal && {
          withdrawnAt: withdrawal.at,
          withdrawnBy: withdrawal.by,
          withdrawReason: withdrawal.reason,
        }),
      })
      .where(inArray(publications.id, [...ids]))
      .run();
  }

  file(publicationId: string, name: string, locale: string): PublicationFileRow | null {
    return (
      this.db
        .select()
        .from(publicationFiles)
        .where(
          and(
            eq(publicationFiles.publicationId, publicationId),
            eq(publicationFiles.name, name),
            eq(publicationFiles.locale, locale),
          ),
        )
        .get() ?? null
    );
  }

  /** Whether any publication row exists (cheap check for the portal's empty state). */
  count(): number {
    return this.db.select({ n: sql<number>`count(*)` }).from(publications).get()?.n ?? 0;
  }
}
