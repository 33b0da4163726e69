import type { Principal } from '../auth/claims.ts';
import type { CountryService } from '../countries/country.service.ts';
import type { FrameworkService, PublishedFramework } from '../framework/framework.service.ts';
import { AppError, fieldError, message } from '../lib/errors.ts';
import { uuidv7 } from '../lib/ids.ts';
import { inScope, readScope } from './access.ts';
import { answerState, type StoredAnswer } from './answer.codec.ts';
import { answerProblems } from './answer.rules.ts';
import { type Change, historyEvent } from './assessment.history.ts';
import { replayOf, requestHash } from './assessment.idempotency.ts';
import type { AssessmentRepository, AssessmentRow } from './assessment.repository.ts';
import type { CreateAssessment } from './assessment.schemas.ts';

type CopiedAnswer = StoredAnswer & { question: string };

/** Opening an assessment: checks, the idempotent retry, the optional copy of a validated one. */
export class AssessmentCreation {
  constructor(
    private readonly repository: AssessmentRepository,
    private readonly frameworks: FrameworkService,
    private readonly countries: Pick<CountryService, 'find'>,
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
      const copied = body.copyFrom ? this.copySource(principal, body.copyFrom, body.country, framework) : [];
      const row = this.insert(principal, body, framework, copied);
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
    copied: CopiedAnswer[],
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
      createdBy: principal.sub,
      createdAt: change.at,
      updatedAt: change.at,
    });
    this.repository.upsertAnswers(
      copied.map((a) => ({ ...a, assessmentId: row.id, answeredBy: principal.sub, answeredAt: change.at })),
    );
    const after = {
      country: body.country,
      period: body.period,
      framework: { key: framework.key, version: framework.version },
      copiedFrom: body.copyFrom ?? null,
      answersCopied: copied.length,
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
  ): CopiedAnswer[] {
    const source = this.repository.findById(sourceId);
    if (!source || !inScope(readScope(principal), source)) {
      throw new AppError('not_found', message('problem.copyFromNotFound', { id: sourceId }));
    }
    if (source.country !== country || source.status !== 'validated') {
      throw new AppError('conflict', message('problem.copyFromNotValidated'));
    }
    return this.repository
      .answerRows(sourceId)
      .flatMap(({ question, value, notApplicable, comment, evidence }) => {
        const q = framework.questions.get(question);
        const state = answerState({ value, notApplicable, comment, evidence });
        if (!q || answerProblems(q, { value: state.value ?? undefined, notApplicable }).length) return [];
        return [{ question, value, notApplicable, comment, evidence }];
      });
  }
}
