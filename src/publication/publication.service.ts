import { randomUUID } from 'node:crypto';
import { type Change, historyEvent } from '../assessments/assessment.history.ts';
import type { AssessmentRow, NewEvent } from '../assessments/assessment.repository.ts';
import type { AssessmentService } from '../assessments/assessment.service.ts';
import type { Principal } from '../auth/claims.ts';
import type { CountryService } from '../countries/country.service.ts';
import type { Locale } from '../i18n/locale.ts';
import { AppError, message } from '../lib/errors.ts';
import { checkIfMatch } from '../lib/etag.ts';
import type { Report } from '../reports/report.schemas.ts';
import type { ReportService } from '../reports/report.service.ts';
import type { DocumentSource } from './documents.port.ts';
import type { ApprovalRow, PublicationRepository, PublicationRow } from './publication.repository.ts';
import type { PublicProfile } from './publication.schemas.ts';
import { buildSnapshot, profiles, type SnapshotSource } from './snapshot.ts';

export interface PublicationDeps {
  repository: PublicationRepository;
  assessments: AssessmentService;
  reports: ReportService;
  countries: Pick<CountryService, 'find'>;
  /** The evidence documents (src/documents/), through the port publication defines. */
  documents: () => DocumentSource;
  /** Called after a publication or withdrawal commits (the public read caches are dropped). */
  onChange?: () => void;
}

const requireValidated = (row: AssessmentRow) => {
  if (row.status !== 'validated') {
    throw new AppError('conflict', message('problem.publicationNeedsValidated', { status: row.status }));
  }
};

/**
 * The government's approval, an admin's publication and a withdrawal (issue 28). Publication is
 * a resource of its own: the assessment stays `validated`; each step is an event in its history
 * and moves its revision, so each takes If-Match like the workflow's state changes.
 */
export class PublicationService {
  constructor(private readonly deps: PublicationDeps) {}

  state(principal: Principal, id: string) {
    const row = this.deps.assessments.load(principal, id);
    return this.stateOf(row);
  }

  private stateOf(row: AssessmentRow) {
    const approval = this.deps.repository.approval(row.id);
    return {
      assessmentId: row.id,
      country: row.country,
      period: row.period,
      approval: approval && {
        authority: approval.authority,
        publicDocuments: JSON.parse(approval.publicDocuments) as string[],
        approvedAt: approval.approvedAt,
      },
      versions: this.deps.repository.ofAssessment(row.id).map((v) => ({
        version: v.version,
        status: v.status,
        publishedAt: v.publishedAt,
        withdrawnAt: v.withdrawnAt,
        withdrawReason: v.withdrawReason,
      })),
    };
  }

  /** Exactly what would be public, in `locale`, built by the same allow-list as the snapshot. */
  preview(
    principal: Principal,
    id: string,
    locale: Locale,
    choice: { authority?: string; documents?: string[] },
  ): PublicProfile {
    const row = this.deps.assessments.load(principal, id);
    requireValidated(row);
    const approval = this.deps.repository.approval(row.id);
    const ids = choice.documents ?? (approval ? (JSON.parse(approval.publicDocuments) as string[]) : []);
    const source = this.source(row, {
      version: this.nextVersion(row),
      approval: {
        authority: choice.authority ?? approval?.authority ?? '',
        approvedAt: approval?.approvedAt ?? new Date().toISOString(),
      },
      publishedAt: new Date().toISOString(),
      documents: this.deps.documents().describe(row, ids),
    });
    return profiles(source).get(locale)!.profile;
  }

  approve(
    principal: Principal,
    id: string,
    body: { authority: string; publicDocuments?: string[] },
    ifMatch: string | undefined,
  ) {
    const ids = [...new Set(body.publicDocuments ?? [])];
    return this.change(principal, id, ifMatch, (row, change) => {
      requireValidated(row);
      this.deps.documents().describe(row, ids);
      const approval: ApprovalRow = {
        assessmentId: row.id,
        authority: body.authority,
        publicDocuments: JSON.stringify(ids),
        approvedBy: principal.sub,
        approvedAt: change.at,
      };
      this.deps.repository.putApproval(approval);
      return historyEvent(change, 'approved', {
        after: { authority: body.authority, publicDocuments: ids },
      });
    });
  }

  /** Builds the snapshot first (the PDF is asynchronous), then records it in one transaction. */
  async publish(principal: Principal, id: string, ifMatch: string | undefined) {
    const row = this.deps.assessments.load(principal, id);
    checkIfMatch(ifMatch, row.revision, true);
    requireValidated(row);
    const approval = this.deps.repository.approval(row.id);
    if (!approval) throw new AppError('conflict', message('problem.notApproved'));
    const current = this.deps.repository.current(row.country, row.period);
    if (current?.assessmentId === row.id) {
      throw new AppError('conflict', message('problem.alreadyPublished', { version: current.version }));
    }
    const version = this.nextVersion(row);
    const publishedAt = new Date().toISOString();
    const documents = this.deps.documents().describe(row, JSON.parse(approval.publicDocuments) as string[]);
    const files = await buildSnapshot(this.source(row, { version, approval, publishedAt, documents }));
    const region = this.deps.countries.find(row.country);
    const publication: PublicationRow = {
      id: randomUUID(),
      assessmentId: row.id,
      country: row.country,
      period: row.period,
      version,
      status: 'published',
      regionCode: region?.regionCode ?? null,
      subregionCode: region?.subregionCode ?? null,
      authority: approval.authority,
      approvedAt: approval.approvedAt,
      publishedAt,
      publishedBy: principal.sub,
      documents: JSON.stringify(documents),
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
    };
    return this.change(principal, id, ifMatch, (latest, change) => {
      if (this.nextVersion(latest) !== version) {
        throw new AppError('conflict', message('problem.publishedConcurrently'));
      }
      const { repository } = this.deps;
      const live = repository.versions(row.country, row.period).filter((v) => v.status === 'published');
      repository.setStatus(
        live.map((v) => v.id),
        'superseded',
      );
      repository.insertVersion(
        publication,
        files.map((f) => ({ publicationId: publication.id, ...f })),
      );
      return historyEvent(change, 'published', { after: { version } });
    });
  }

  /** Withdraws the profile of the assessment's country and period: every version still readable. */
  unpublish(principal: Principal, id: string, body: { reason: string }, ifMatch: string | undefined) {
    return this.change(principal, id, ifMatch, (row, change) => {
      const { repository } = this.deps;
      const readable = repository.versions(row.country, row.period).filter((v) => v.status !== 'withdrawn');
      if (!readable.some((v) => v.assessmentId === row.id)) {
        throw new AppError('conflict', message('problem.notPublished'));
      }
      repository.setStatus(
        readable.map((v) => v.id),
        'withdrawn',
        { at: change.at, by: principal.sub, reason: body.reason },
      );
      return historyEvent(change, 'unpublished', {
        after: { versions: readable.map((v) => v.version) },
        reason: body.reason,
      });
    });
  }

  private async change(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    fn: (row: AssessmentRow, change: Change) => NewEvent,
  ) {
    const updated = await this.deps.assessments.recordChange(
      principal,
      id,
      ifMatch,
      { allowed: () => true },
      (row, change) => {
        checkIfMatch(ifMatch, row.revision, true);
        return [fn(row, change)];
      },
    );
    this.deps.onChange?.();
    return { row: updated, state: this.stateOf(updated) };
  }

  private nextVersion(row: AssessmentRow): number {
    return (this.deps.repository.versions(row.country, row.period)[0]?.version ?? 0) + 1;
  }

  private source(row: AssessmentRow, common: SnapshotSource['common']): SnapshotSource {
    const { reports, repository } = this.deps;
    const previous = repository.previousCurrent(row.country, row.period);
    return {
      report: (locale) =>
        JSON.parse(reports.reportBuffer(row, 'arithmetic', locale).toString('utf8')) as Report,
      answers: this.deps.assessments.answersOf(row),
      previous: (locale) => {
        const file = previous && repository.file(previous.id, 'profile.json', locale);
        return file ? (JSON.parse(file.bytes.toString('utf8')) as PublicProfile) : null;
      },
      common,
    };
  }
}
