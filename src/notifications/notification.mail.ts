import type { Locale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import type { DispatchedEvent } from '../outbox/outbox.events.ts';
import type { Kind } from './notification.recipients.ts';

/** The text of a notification e-mail in one language, with absolute links from PUBLIC_BASE_URL. */

export interface MailContext {
  baseUrl: string;
  countryName: (iso3: string, locale: Locale) => string;
  ministryName: (country: string, id: string) => string;
}

/** Where in the web app the event is looked at. */
function linkOf(event: DispatchedEvent, kind: Kind, baseUrl: string): string {
  const id = encodeURIComponent(event.data.assessmentId);
  if (kind === 'assigned' || kind === 'thread') return `${baseUrl}/#/a/${id}/consultation`;
  if (kind === 'review') return `${baseUrl}/#/a/${id}/review`;
  if (kind === 'validated' || kind === 'published') return `${baseUrl}/#/a/${id}/report`;
  return `${baseUrl}/#/a/${id}`;
}

export function renderMail(
  event: DispatchedEvent,
  kind: Kind,
  locale: Locale,
  context: MailContext,
): { subject: string; body: string } {
  const { data } = event;
  const remarks = (data.remarks as { question: string; text: string }[] | undefined) ?? [];
  const ministries = (data.ministries as { ministryId: string; scopes: string[] }[] | undefined) ?? [];
  const values = {
    country: context.countryName(data.country, locale),
    period: data.period,
    question: String(data.question ?? ''),
    ministry: ministries.map((m) => context.ministryName(data.country, m.ministryId)).join(', '),
    scopes: ministries.flatMap((m) => m.scopes).join(', '),
    reason: String(data.reason ?? ''),
    remarkCount: remarks.length,
    remarks: remarks.map((r) => t(locale, 'mail.remark', r)).join('\n'),
    link: linkOf(event, kind, context.baseUrl),
  };
  const footer = t(locale, 'mail.footer', { link: `${context.baseUrl}/#/preferences` });
  return {
    subject: t(locale, `mail.subject.${kind}`, values),
    body: `${t(locale, `mail.body.${kind}`, values)}\n\n-- \n${footer}\n`,
  };
}
