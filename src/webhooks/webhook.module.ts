import type { Db } from '../db/client.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import type { Clock } from '../outbox/outbox.events.ts';
import { WebhookDeliveries } from './webhook.delivery.ts';
import { WebhookRepository } from './webhook.repository.ts';
import { WebhookService } from './webhook.service.ts';
import type { Resolver } from './webhook.ssrf.ts';
import { type Connector, systemConnector, systemResolver } from './webhook.transport.ts';

export interface WebhookModuleOptions {
  db: Db;
  writes: GroupCommit;
  clock: Clock;
  resolver?: Resolver;
  connector?: Connector;
  allowPrivate: boolean;
  timeoutMs: number;
  payload: (eventId: string) => string | null;
  wake: () => void;
}

/** The webhooks module's parts on one repository: the admin service and the outbox consumer. */
export function webhookModule(options: WebhookModuleOptions) {
  const repository = new WebhookRepository(options.db);
  const resolver = options.resolver ?? systemResolver;
  const common = { repository, writes: options.writes, clock: options.clock, resolver };
  return {
    service: new WebhookService({ ...common, allowPrivate: options.allowPrivate, wake: options.wake }),
    deliveries: new WebhookDeliveries({
      ...common,
      connector: options.connector ?? systemConnector,
      allowPrivate: options.allowPrivate,
      timeoutMs: options.timeoutMs,
      payload: options.payload,
      concurrency: 16,
    }),
  };
}
