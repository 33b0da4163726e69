import type { Principal } from '../auth/claims.ts';
import type { Locale } from '../i18n/locale.ts';
import { BoundedMap } from '../lib/bounded-map.ts';
import type { PersonRepository, PersonRow, VisitRow } from './person.repository.ts';
import type { Preferences, PreferencesPatch } from './person.schemas.ts';

/**
 * The people module owns the server's record of a person: who they are by their verified token
 * (role, country, ministry, e-mail), their preferences (language, notification choices) and when
 * they last opened each assessment, from which "what changed since my last visit" counts.
 */
/** How often a change of language alone is written to a person's record. */
const LANGUAGE_WRITE_MS = 60_000;

export class PersonService {
  /**
   * What each person's record last said: their claims, the language and when that was written. A
   * request that changes none writes nothing, and a change of language alone is written at most
   * once a minute (someone reading reports in two languages would otherwise write on every read).
   */
  private readonly seen = new BoundedMap<string, { claims: string; language: Locale; at: number }>(10_000);

  constructor(private readonly repository: PersonRepository) {}

  /** The person as their token says now, created on first sight. */
  private remember(principal: Principal, language?: Locale): PersonRow {
    const at = new Date().toISOString();
    return this.repository.upsert({
      sub: principal.sub,
      role: principal.role,
      country: principal.country ?? null,
      ministry: principal.ministry ?? null,
      email: principal.email ?? null,
      lastLanguage: language ?? null,
      firstSeenAt: at,
      lastSeenAt: at,
    });
  }

  /**
   * Records the person on any authenticated request (their `email` claim from the first one, the
   * language of the latest), writing only when that changed: e-mail reaches people who never
   * opened their preferences, in the language they last used.
   */
  sighted(principal: Principal, language: Locale, onError: (error: unknown) => void): void {
    const claims = `${principal.role}|${principal.country}|${principal.ministry}|${principal.email}`;
    const last = this.seen.get(principal.sub);
    const now = Date.now();
    if (last?.claims === claims && (last.language === language || now - last.at < LANGUAGE_WRITE_MS)) return;
    this.seen.set(principal.sub, { claims, language, at: now });
    this.repository
      .transaction(() => this.remember(principal, language))
      .catch((error: unknown) => {
        this.seen.delete(principal.sub);
        onError(error);
      });
  }

  /** People with an e-mail address in a role (and country, ministry), in the language to write to them. */
  recipients(filter: { role: string; country?: string; ministry?: string }) {
    return this.repository.withEmail(filter).map((row) => {
      const preferences = JSON.parse(row.preferences) as Preferences;
      return {
        sub: row.sub,
        email: row.email as string,
        language: (preferences.language ?? row.lastLanguage ?? 'en') as Locale,
        notifications: preferences.notifications ?? {},
      };
    });
  }

  async me(principal: Principal, ministryId: string | null, language?: Locale) {
    const row = await this.repository.transaction(() => this.remember(principal, language));
    return this.view(row, ministryId);
  }

  async updatePreferences(
    principal: Principal,
    patch: PreferencesPatch,
    ministryId: string | null,
    language?: Locale,
  ) {
    const row = await this.repository.transaction(() => {
      const person = this.remember(principal, language);
      const stored = JSON.parse(person.preferences) as Preferences;
      const next: Preferences = { ...stored };
      if (patch.language === null) delete next.language;
      else if (patch.language !== undefined) next.language = patch.language;
      if (patch.notifications) next.notifications = { ...stored.notifications, ...patch.notifications };
      this.repository.setPreferences(person.sub, JSON.stringify(next));
      return { ...person, preferences: JSON.stringify(next) };
    });
    return this.view(row, ministryId);
  }

  private view(row: PersonRow, ministryId: string | null) {
    return {
      sub: row.sub,
      role: row.role as Principal['role'],
      ...(row.country ? { country: row.country } : {}),
      ...(row.ministry ? { ministry: row.ministry } : {}),
      ...(ministryId ? { ministryId } : {}),
      ...(row.email ? { email: row.email } : {}),
      preferences: JSON.parse(row.preferences) as Preferences,
      firstSeenAt: row.firstSeenAt,
      lastSeenAt: row.lastSeenAt,
      visits: this.repository
        .visits(row.sub, 50)
        .map((v) => ({ assessmentId: v.assessmentId, at: v.at, revision: v.revision })),
    };
  }

  /** Remembers that the person opened an assessment at `revision`: "changed since my last visit" counts from here. */
  async recordVisit(principal: Principal, assessmentId: string, revision: number) {
    const at = new Date().toISOString();
    await this.repository.transaction(() => {
      this.remember(principal);
      this.repository.recordVisit({ sub: principal.sub, assessmentId, at, revision });
    });
    return { assessmentId, at, revision };
  }

  lastVisit(sub: string, assessmentId: string): VisitRow | null {
    return this.repository.visit(sub, assessmentId);
  }

  /** Remembers that the person read a question's threads at `revision`: its unread count starts again from here. */
  async recordRead(principal: Principal, assessmentId: string, question: string, revision: number) {
    const at = new Date().toISOString();
    await this.repository.transaction(() => {
      this.remember(principal);
      this.repository.recordRead({ sub: principal.sub, assessmentId, question, at, revision });
    });
    return { assessmentId, question, at, revision };
  }

  /** When (and at which revision) the person last read each question's threads; never read: absent. */
  reads(sub: string, assessmentId: string): Map<string, { at: string; revision: number }> {
    return this.repository.reads(sub, assessmentId);
  }
}
