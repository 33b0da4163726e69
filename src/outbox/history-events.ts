import type { NewEvent } from '../assessments/assessment.rows.ts';
import type { EventData, OutboxEvent } from './outbox.events.ts';

/**
 * What the assessments' history means to the outside: each batch of history events one write
 * appends (inside its transaction) becomes the outbox events webhooks and mail are made from.
 * The history is the one place every change passes, so no change can miss its event.
 */

interface Assessment {
  id: string;
  country: string;
  period: string;
}

type AssignmentsView = { assignments: { scope: string; lead: string; contributors: string[] }[] };

const parse = <T>(text: string | null | undefined): T | null => (text ? (JSON.parse(text) as T) : null);

/** The scopes each ministry holds (as lead or contributor) in an assignments view. */
function scopesByMinistry(view: AssignmentsView | null): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const a of view?.assignments ?? []) {
    for (const m of [a.lead, ...a.contributors]) {
      const set = out.get(m) ?? new Set<string>();
      set.add(a.scope);
      out.set(m, set);
    }
  }
  return out;
}

/** The ministries that gained scopes in an assignments change, with those scopes. */
function gained(e: NewEvent): { ministryId: string; scopes: string[] }[] {
  const before = scopesByMinistry(parse<AssignmentsView>(e.before));
  const after = scopesByMinistry(parse<AssignmentsView>(e.after));
  return [...after]
    .map(([ministryId, scopes]) => ({
      ministryId,
      scopes: [...scopes].filter((s) => !before.get(ministryId)?.has(s)).sort(),
    }))
    .filter((m) => m.scopes.length > 0);
}

type Comment = { comment: { id: string; threadId: string | null; text: string; remark: boolean } };

function one(e: NewEvent, base: EventData): OutboxEvent | null {
  const data = { ...base, revision: e.revision, actor: e.actor };
  switch (e.type) {
    case 'created':
      return { type: 'assessment.created', data };
    case 'submitted':
      return { type: 'assessment.submitted', data };
    case 'validated':
      return { type: 'assessment.validated', data };
    case 'published':
      return { type: 'assessment.published', data: { ...data, ...parse<{ version: number }>(e.after) } };
    case 'unpublished': {
      const after = parse<{ versions: number[] }>(e.after);
      return {
        type: 'assessment.unpublished',
        data: { ...data, versions: after?.versions, reason: e.reason },
      };
    }
    case 'ministry_ready':
      return {
        type: 'ministry.ready',
        data: { ...data, ministryId: parse<{ ministry: string }>(e.after)?.ministry },
      };
    case 'assignments_set': {
      const ministries = gained(e);
      return ministries.length ? { type: 'ministry.assigned', data: { ...data, ministries } } : null;
    }
    case 'comment_added': {
      const c = parse<Comment>(e.after)?.comment;
      if (!c || c.remark) return null; // remarks travel with their return
      const thread = {
        question: e.question,
        commentId: c.id,
        threadId: c.threadId ?? c.id,
        ministry: e.ministry,
      };
      return { type: 'comment.posted', data: { ...data, ...thread } };
    }
    default:
      return null;
  }
}

export function outboxEventsFor(rows: readonly NewEvent[], assessment: Assessment): OutboxEvent[] {
  const base: EventData = {
    assessmentId: assessment.id,
    country: assessment.country,
    period: assessment.period,
  };
  const out: OutboxEvent[] = [];
  const changed = rows.filter((e) => e.type === 'answer_set' || e.type === 'answer_cleared');
  const last = rows.at(-1);
  if (changed.length && last) {
    out.push({
      type: 'assessment.answers_changed',
      data: { ...base, revision: last.revision },
      coalesce: { key: assessment.id, questions: changed.map((e) => e.question ?? '').filter(Boolean) },
    });
  }
  const returned = rows.find((e) => e.type === 'returned');
  if (returned) {
    const remarks = rows
      .filter((e) => e.type === 'comment_added' && parse<Comment>(e.after)?.comment.remark)
      .map((e) => ({ question: e.question, text: parse<Comment>(e.after)?.comment.text ?? '' }));
    const data = {
      ...base,
      revision: returned.revision,
      actor: returned.actor,
      reason: returned.reason,
      remarks,
    };
    out.push({ type: 'assessment.returned', data });
  }
  for (const e of rows) {
    const event = one(e, base);
    if (event) out.push(event);
  }
  return out;
}
