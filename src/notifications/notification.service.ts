import type { Transporter } from 'nodemailer';
import type { GroupCommit } from '../db/group-commit.ts';
import { uuidv7 } from '../lib/ids.ts';
import type { OutboxConsumer } from '../outbox/outbox.dispatcher.ts';
import type { Clock, DispatchedEvent } from '../outbox/outbox.events.ts';
import { RETRY_SCHEDULE_MS } from '../webhooks/webhook.delivery.ts';
import { type MailContext, renderMail } from './notification.mail.ts';
import { KIND_OF, type RecipientSources, recipientsOf } from './notification.recipients.ts';
import type { MailRow, NotificationRepository } from './notification.repository.ts';

/**
 * The notifications module owns the e-mail queue (mail_messages): for each event people are told
 * of, one message per recipient is written in the outbox's dispatch transaction, in their
 * language, then sent through SMTP (never inside a request), retried on the webhooks' schedule.
 * Registered only when SMTP_URL is set: otherwise nothing is queued and nothing is sent.
 */
export class NotificationService implements OutboxConsumer {
  readonly name = 'mail';
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly deps: {
      repository: NotificationRepository;
      writes: GroupCommit;
      clock: Clock;
      transport: Pick<Transporter, 'sendMail'>;
      from: string;
      sources: RecipientSources;
      context: MailContext;
    },
  ) {}

  accept(event: DispatchedEvent): void {
    const kind = KIND_OF[event.type];
    if (!kind) return;
    const now = this.deps.clock.now();
    for (const recipient of recipientsOf(event, kind, this.deps.sources)) {
      const { subject, body } = renderMail(event, kind, recipient.language, this.deps.context);
      this.deps.repository.insert({
        id: uuidv7(now),
        eventId: event.id,
        kind,
        recipient: recipient.email,
        language: recipient.language,
        subject,
        body,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: now,
      });
    }
  }

  async deliverDue(now: number): Promise<number> {
    const due = this.deps.repository.due(now, 20).filter((m) => !this.inFlight.has(m.id));
    for (const mail of due) {
      this.inFlight.add(mail.id);
      try {
        const error = await this.send(mail);
        await this.deps.writes.run(() => this.record(mail, error));
      } finally {
        this.inFlight.delete(mail.id);
      }
    }
    return due.length;
  }

  private async send(mail: MailRow): Promise<string | null> {
    try {
      await this.deps.transport.sendMail({
        from: this.deps.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        headers: { 'Content-Language': mail.language, 'X-Migov-Event': mail.eventId },
      });
      return null;
    } catch (error) {
      return ((error as Error).message || 'send_failed').slice(0, 200);
    }
  }

  private record(mail: MailRow, error: string | null): void {
    const attempts = mail.attempts + 1;
    const retry = error !== null && attempts < RETRY_SCHEDULE_MS.length;
    this.deps.repository.update(mail.id, {
      attempts,
      status: error === null ? 'succeeded' : retry ? 'pending' : 'failed',
      nextAttemptAt: retry ? this.deps.clock.now() + (RETRY_SCHEDULE_MS[attempts] ?? 0) : null,
      lastError: error,
    });
  }
}
