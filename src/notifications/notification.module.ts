import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../db/client.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import type { Clock } from '../outbox/outbox.events.ts';
import type { MailContext } from './notification.mail.ts';
import type { RecipientSources } from './notification.recipients.ts';
import { NotificationRepository } from './notification.repository.ts';
import { NotificationService } from './notification.service.ts';

/** The e-mail consumer, or null when no SMTP server is configured (then nothing is ever sent). */
export function notificationModule(options: {
  db: Db;
  writes: GroupCommit;
  clock: Clock;
  smtpUrl: string | undefined;
  from: string | undefined;
  transport?: Pick<Transporter, 'sendMail'>;
  sources: RecipientSources;
  context: MailContext;
}): NotificationService | null {
  if (!options.smtpUrl && !options.transport) return null;
  const transport = options.transport ?? nodemailer.createTransport(options.smtpUrl);
  const host = new URL(options.context.baseUrl).hostname;
  return new NotificationService({
    repository: new NotificationRepository(options.db),
    writes: options.writes,
    clock: options.clock,
    transport,
    from: options.from ?? `migov <no-reply@${host}>`,
    sources: options.sources,
    context: options.context,
  });
}
