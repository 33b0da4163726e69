import type { PublishedFramework } from '../framework/framework.service.ts';
import type { AssignmentRow } from './consultation.repository.ts';

/** Who a question is assigned to: its lead ministry and contributing ministries (ids). */
export interface Assigned {
  scope: string;
  lead: string;
  contributors: string[];
}

/** Every sub-domain of the framework with its question keys. */
export function subdomainsOf(framework: PublishedFramework): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const d of framework.framework.domains) {
    for (const s of d.subdomains)
      map.set(
        s.key,
        s.questions.map((q) => q.key),
      );
  }
  return map;
}

export const contributorsOf = (row: AssignmentRow): string[] => JSON.parse(row.contributors) as string[];

/**
 * Each question's assignment: a question-level assignment wins over its sub-domain's. Questions
 * absent from the map are the focal point's.
 */
export function assignmentMap(
  framework: PublishedFramework,
  rows: readonly AssignmentRow[],
): Map<string, Assigned> {
  const map = new Map<string, Assigned>();
  const subdomains = subdomainsOf(framework);
  const ordered = [...rows].sort(
    (a, b) => Number(framework.questions.has(a.scope)) - Number(framework.questions.has(b.scope)),
  );
  for (const row of ordered) {
    const assigned = { scope: row.scope, lead: row.lead, contributors: contributorsOf(row) };
    for (const q of subdomains.get(row.scope) ?? [row.scope]) map.set(q, assigned);
  }
  return map;
}

export const ministriesOf = (a: Assigned): string[] => [a.lead, ...a.contributors];

/** The questions assigned to each ministry (as lead or contributor). */
export function questionsByMinistry(map: ReadonlyMap<string, Assigned>): Map<string, string[]> {
  const byMinistry = new Map<string, string[]>();
  for (const [question, a] of map) {
    for (const m of ministriesOf(a)) byMinistry.set(m, [...(byMinistry.get(m) ?? []), question]);
  }
  return byMinistry;
}
