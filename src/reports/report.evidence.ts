import { z } from 'zod';
import { questionKeySchema } from '../assessments/assessment.fields.ts';
import type { AnswerRow } from '../assessments/assessment.repository.ts';
import { type Evidence, evidenceSchema, MAX_EVIDENCE } from '../assessments/assessment.schemas.ts';
import { MAX_QUESTIONS } from '../framework/framework.limits.ts';
import { boundedArray, uuidString } from '../lib/bounded.ts';

/**
 * The report's evidence section: per question, in framework order, the evidence items as the
 * people who answered wrote them, and for an item that points at an uploaded document what a
 * reviewer needs to find and check it (its name and sha256). Titles are people's text: the
 * report's localisation leaves them as stored.
 */

/** What the report reads of an assessment's documents (the documents module provides them). */
export interface EvidenceDocument {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

const evidenceDocumentSchema = z
  .object({
    id: uuidString(),
    name: z.string().max(255).optional(),
    mediaType: z
      .string()
      .max(100)
      .regex(/^[a-z]+\/[a-z0-9.+-]+$/)
      .optional(),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    sha256: z
      .string()
      .max(64)
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .meta({
    id: 'EvidenceDocumentRef',
    description: 'The document an item points at; its id alone when the document no longer exists',
  });

export const reportEvidenceSchema = z
  .object({
    question: questionKeySchema,
    items: boundedArray(
      evidenceSchema
        .pick({ title: true, url: true, citation: true })
        .extend({ document: evidenceDocumentSchema.optional() }),
      MAX_EVIDENCE,
    ),
  })
  .meta({ id: 'QuestionEvidence', description: 'A question’s evidence items, as stored' });

export const reportEvidenceListSchema = boundedArray(reportEvidenceSchema, MAX_QUESTIONS).optional().meta({
  description:
    'Per question with evidence, in framework order, its evidence items; absent from reports validated before the report listed evidence',
});

export type ReportEvidence = z.output<typeof reportEvidenceSchema>;

function item(
  e: Evidence,
  documents: ReadonlyMap<string, EvidenceDocument>,
): ReportEvidence['items'][number] {
  const out: ReportEvidence['items'][number] = { title: e.title };
  if (e.url !== undefined) out.url = e.url;
  if (e.citation !== undefined) out.citation = e.citation;
  if (e.document !== undefined) {
    const d = documents.get(e.document);
    out.document = d
      ? { id: d.id, name: d.name, mediaType: d.mediaType, size: d.size, sha256: d.sha256 }
      : { id: e.document };
  }
  return out;
}

/** The evidence of each answered question, in the order of `questionKeys` (the framework's). */
export function evidenceSection(
  questionKeys: Iterable<string>,
  answers: readonly AnswerRow[],
  documents: readonly EvidenceDocument[],
): ReportEvidence[] {
  const byQuestion = new Map(answers.map((a) => [a.question, a.evidence]));
  const byId = new Map(documents.map((d) => [d.id, d]));
  const section: ReportEvidence[] = [];
  for (const question of questionKeys) {
    const stored = byQuestion.get(question);
    if (stored === undefined || stored === '[]') continue;
    const evidence = JSON.parse(stored) as Evidence[];
    if (evidence.length > 0) section.push({ question, items: evidence.map((e) => item(e, byId)) });
  }
  return section;
}
