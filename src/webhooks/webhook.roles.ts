import type { Role } from '../auth/claims.ts';

/** Who may manage webhook subscriptions: they receive every country's events, so admins only. */
export const WEBHOOK_ROLES = {
  manageWebhooks: { roles: ['admin'] },
} as const satisfies Record<string, { roles: readonly Role[] }>;
