import type { Principal } from '../auth/claims.ts';
import type { CountryService } from '../countries/country.service.ts';
import type { FrameworkService, PublishedFramework } from '../framework/framework.service.ts';
import { AppError, fieldError, message } from '../lib/errors.ts';
import { uuidv7 } from '../lib/ids.ts';
import { inScope, readScope } from './access.ts';
import { answerState, type StoredAnswer } from './answer.codec.ts';
import { answerProblems } from './answer.rules.ts';
import { type DocumentHooks, renameDocuments } from './assessment.documents.ts';
import { type Change, historyEvent } from './assessment.history.ts';
import { replayOf, requestHash } from './assessment.idempotency.ts';
import type { AssessmentRepository, AssessmentRow } from './assessment.repository.ts';
import type { CreateAssessment } from './assessment.schemas.ts';
import { type AskedAgainReason, askedAgainReason } from './copy-forward.ts';

type CopiedAnswer = StoredAnswer & { question: string };
type AskedAgain = { question: string; reason: AskedAgainReason | 'invalid' };

/** Opening an assessment: checks, the idempotent retry, the optional copy of a validated one. */
export class AssessmentCreation {
  constructor(
    private readonly repository: AssessmentRepository,
    private readonly frameworks: FrameworkService,
    private readonly countries: Pick<CountryService, 'find'>,
    private readonly documents: () => DocumentHooks,
  ) {}

  async create(
    principal: Principal,
    body: CreateAssessment,
    idempotencyKey: string | undefined,
  ): Promise<{ row: AssessmentRow; replayed: boolean }> {
    if (principal.role === 'focal_point' && body.country !== principal.country) {
      throw new AppError('forbidden', message('problem.focalPointCountry', { country: principal.country }));
    }
    if (!this.countries.find(body.country)) {
      throw new AppError('validation', message('problem.unknownCountry', { country: body.country }), {
        errors: [fieldError('body.country', 'field.unknownCountry')],
      });
    }
    const framework = body.framework
      ? this.frameworks.get(body.framework.key, body.framework.version)
      : this.frameworks.defaultFramework();
    const hash = requestHash(body);

    return this.repository.transaction(() => {
      const replay = idempotencyKey ? replayOf(this.repository, principal.sub, idempotencyKey, hash) : null;
      if (replay) return { row: replay, replayed: true };
      this.assertNoOpenDuplicate(principal, body, framework);
      const copy = body.copyFrom
        ? this.copySource(principal, body.copyFrom, body.country, framework)
        : { copied: [], askedAgain: [] };
      const row = this.insert(principal, body, framework, copy);
      if (idempotencyKey) {
        this.repository.insertIdempotencyKey({
          actor: principal.sub,
          key: idempotencyKey,
          requestHash: hash,
          assessmentId: row.id,
        });
      }
      return { row, replayed: false };
    });
  }

  /** The new assessment at revision 1, its copied answers and its `created` event. */
  private insert(
    principal: Principal,
    body: CreateAssessment,
    framework: PublishedFramework,
    { copied, askedAgain }: { copied: CopiedAnswer[]; askedAgain: AskedAgain[] },
  ): AssessmentRow {
    const change: Change = {
      assessmentId: uuidv7(),
      revision: 1,
      actor: principal.sub,
      at: new Date().toISOString(),
    };
    const row = this.repository.insert({
      id: change.assessmentId,
      country: body.country,
      period: body.period,
      frameworkId: framework.id,
      status: 'draft',
      revision: 1,
      copiedFrom: body.copyFrom ?? null,
      askedAgain: body.copyFrom ? JSON.stringify(askedAgain) : null,
      createdBy: principal.sub,
      createdAt: change.at,
      updatedAt: change.at,
    });
    const documentIds = body.copyFrom
      ? this.documents().copy(body.copyFrom, row.id)
      : new Map<string, string>();
    this.repository.upsertAnswers(
      copied.map((a) => ({
        ...a,
        evidence: renameDocuments(a.evidence, documentIds),
        assessmentId: row.id,
        answeredBy: principal.sub,
        answeredAt: change.at,
        ministry: null,
      })),
    );
    const after = {
      country: body.country,
      period: body.period,
      framework: { key: framework.key, version: framework.version },
      copiedFrom: body.copyFrom ?? null,
      answersCopied: copied.length,
      ...(body.copyFrom && { answersAskedAgain: askedAgain.length }),
    };
    this.repository.appendEvents([historyEvent(change, 'created', { after })]);
    return row;
  }

  /** One open assessment per country, period and framework version (409 names it when in scope). */
  private assertNoOpenDuplicate(principal: Principal, body: CreateAssessment, framework: PublishedFramework) {
    const open = this.repository.findOpen(body.country, body.period, framework.id);
    if (!open) return;
    const { country, period } = body;
    if (!inScope(readScope(principal), open)) {
      throw new AppError('conflict', message('problem.openDuplicateElsewhere', { country, period }));
    }
    const { key, version } = framework;
    throw new AppError(
      'conflict',
      message('problem.openDuplicate', { country, period, framework: key, version }),
      { assessmentId: open.id },
    );
  }

  /** Answers of a validated assessment of the same country, kept where they fit the new framework. */
  private copySource(
    principal: Principal,
    sourceId: string,
    country: string,
    framework: PublishedFramework,
  ): { copied: CopiedAnswer[]; askedAgain: AskedAgain[] } {
    const source = this.repository.findById(sourceId);
    if (!source || !inScope(readScope(principal), source)) {
      throw new AppError('not_found', message('problem.copyFromNotFound', { id: sourceId }));
    }
    if (source.country !== country || source.status !== 'validated') {
      throw new AppError('conflict', message('problem.copyFromNotValidated'));
    }
    const previous = this.frameworks.getById(source.frameworkId);
    const copied: CopiedAnswer[] = [];
    const askedAgain: AskedAgain[] = [];
    for (const { question, value, notApplicable, comment, evidence } of this.repository.answerRows(
      sourceId,
    )) {
      const q = framework.questions.get(question);
      const reason = askedAgainReason(previous.questions.get(question), q);
      if (reason) {
        askedAgain.push({ question, reason });
        continue;
      }
      const state = answerState({ value, notApplicable, comment, evidence });
      // Unchanged questions take the same answers; a stored answer the rules refuse is asked again too.
      if (!q || answerProblems(q, { value: state.value ?? undefined, notApplicable }).length) {
        askedAgain.push({ question, reason: 'invalid' });
        continue;
      }
      copied.push({ question, value, notApplicable, comment, evidence });
    }
    return { copied, askedAgain };
  }
}
