import { BoundedMap } from '../lib/bounded-map.ts';
import type { AnswerMap } from '../scoring/scoring.engine.ts';
import type { AnswerRow } from './assessment.repository.ts';
import type { AnswerInputBody, Evidence } from './assessment.schemas.ts';

/**
 * The stored form of an answer and its codec. The columns hold JSON text (`value`, `evidence`);
 * an AnswerState is that answer parsed, as history and GET .../answers show it.
 */
export interface AnswerState {
  value: string | number | null;
  notApplicable: boolean;
  comment: string | null;
  evidence: Evidence[];
}

/** The columns that make up an answer's content (who answered and when aside). */
export type StoredAnswer = Pick<AnswerRow, 'value' | 'notApplicable' | 'comment' | 'evidence'>;

/**
 * Stored values are JSON texts of a few kinds ('"yes"', '"partial"', '3'): each is parsed once
 * and kept (the results are primitives, so sharing them is safe), not on every read of every answer.
 */
const parsedValues = new BoundedMap<string, string | number>(4096);

function parseValue(value: string | null): string | number | null {
  if (value === null) return null;
  let parsed = parsedValues.get(value);
  if (parsed === undefined) {
    parsed = JSON.parse(value) as string | number;
    parsedValues.set(value, parsed);
  }
  return parsed;
}

export function answerState(row: StoredAnswer): AnswerState {
  return {
    value: parseValue(row.value),
    notApplicable: row.notApplicable,
    comment: row.comment,
    evidence: JSON.parse(row.evidence) as Evidence[],
  };
}

/** Maps already made, by the array of rows they were made from (the answer cache hands out the same array). */
const maps = new WeakMap<readonly AnswerRow[], AnswerMap>();

/**
 * What the scoring engine reads of the stored answers. Made once per array of rows: a write's
 * checks and the progress in its answer both read the answers of the same revision. Callers
 * never change the map (the engine only reads it).
 */
export function toAnswerMap(rows: readonly AnswerRow[]): AnswerMap {
  const made = maps.get(rows);
  if (made) return made;
  const map: AnswerMap = new Map(
    rows.map((row) => [row.question, { value: parseValue(row.value), notApplicable: row.notApplicable }]),
  );
  maps.set(rows, map);
  return map;
}

/**
 * An answer's AnswerState as JSON text, built from the stored columns, which are JSON text
 * already: the same text as JSON.stringify(answerState(a)) without parsing anything. A full
 * questionnaire is ~100 answers, and parsing and re-serialising each stored answer twice was a
 * third of the request.
 */
export const stateJson = (a: StoredAnswer): string =>
  `{"value":${a.value ?? 'null'},"notApplicable":${a.notApplicable},"comment":${
    a.comment === null ? 'null' : JSON.stringify(a.comment)
  },"evidence":${a.evidence}}`;

/** An answer item as the columns it is stored in: an omitted comment or evidence keeps `previous`'s. */
export function encodeAnswer(item: AnswerInputBody, previous: StoredAnswer | undefined): StoredAnswer {
  const notApplicable = item.notApplicable === true;
  return {
    value: notApplicable || item.value === undefined ? null : JSON.stringify(item.value),
    notApplicable,
    comment: item.comment === undefined ? (previous?.comment ?? null) : item.comment,
    evidence: item.evidence === undefined ? (previous?.evidence ?? '[]') : JSON.stringify(item.evidence),
  };
}

export const sameAnswer = (a: StoredAnswer, b: StoredAnswer): boolean =>
  a.value === b.value &&
  a.notApplicable === b.notApplicable &&
  a.comment === b.comment &&
  a.evidence === b.evidence;
