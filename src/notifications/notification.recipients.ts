import type { Locale } from '../i18n/locale.ts';
import type { DispatchedEvent } from '../outbox/outbox.events.ts';
import type { NOTIFICATION_KINDS } from '../people/person.schemas.ts';

/** Who is told of an event, and under which of their preference kinds. */

export type Kind = (typeof NOTIFICATION_KINDS)[number];

export interface Recipient {
  /** The person's subject, so the one who caused the event is not told of it. */
  sub?: string;
  email: string;
  language: Locale;
  /** Their choice for this kind (people); contact addresses of a ministry have none. */
  choice?: 'off' | 'immediate' | 'daily';
}

interface Person {
  sub: string;
  email: string;
  language: Locale;
  notifications: Partial<Record<Kind, 'off' | 'immediate' | 'daily'>>;
}

export interface RecipientSources {
  people: (filter: { role: string; country?: string; ministry?: string }) => Person[];
  /** A ministry's code and contact addresses, by id, in a country. */
  ministry: (country: string, id: string) => { code: string; name: string; contacts: string[] } | null;
  /** The ministry (id) leading a question of an assessment, if one is assigned. */
  leadOf: (assessmentId: string, question: string) => string | null;
}

/** The kind of notification an event is, when people are told of it at all. */
export const KIND_OF: Partial<Record<DispatchedEvent['type'], Kind>> = {
  'ministry.assigned': 'assigned',
  'comment.posted': 'thread',
  'assessment.returned': 'remark',
  'assessment.submitted': 'review',
  'assessment.validated': 'validated',
  'assessment.published': 'published',
};

const personal =
  (kind: Kind) =>
  (p: Person): Recipient => ({
    sub: p.sub,
    email: p.email,
    language: p.language,
    choice: p.notifications[kind] ?? 'immediate',
  });

/** A ministry's contributors with an address, then its contact addresses (in English: they have no record). */
function ministryStaff(
  sources: RecipientSources,
  country: string,
  ministryId: string,
  kind: Kind,
): Recipient[] {
  const ministry = sources.ministry(country, ministryId);
  if (!ministry) return [];
  return [
    ...sources.people({ role: 'contributor', country, ministry: ministry.code }).map(personal(kind)),
    ...ministry.contacts.map((email): Recipient => ({ email, language: 'en' })),
  ];
}

/** Everyone to tell of the event, each address once (a person's own record wins over a contact entry). */
export function recipientsOf(event: DispatchedEvent, kind: Kind, sources: RecipientSources): Recipient[] {
  const { country, assessmentId } = event.data;
  const focalPoints = () => sources.people({ role: 'focal_point', country }).map(personal(kind));
  let found: Recipient[];
  if (event.type === 'ministry.assigned') {
    const ministries = (event.data.ministries as { ministryId: string }[] | undefined) ?? [];
    found = ministries.flatMap((m) => ministryStaff(sources, country, m.ministryId, kind));
  } else if (event.type === 'comment.posted') {
    // A thread waits on the question's ministry when someone else wrote, else on the focal point.
    const lead = sources.leadOf(assessmentId, String(event.data.question));
    found =
      lead && event.data.ministry !== lead ? ministryStaff(sources, country, lead, kind) : focalPoints();
  } else if (event.type === 'assessment.submitted') {
    found = sources.people({ role: 'reviewer' }).map(personal(kind));
  } else {
    found = focalPoints();
  }
  const byAddress = new Map<string, Recipient>();
  for (const r of found) {
    const key = r.email.toLowerCase();
    if (!byAddress.has(key) || r.choice !== undefined) byAddress.set(key, r);
  }
  return [...byAddress.values()].filter((r) => r.choice !== 'off' && r.sub !== event.data.actor);
}
