import type { Role } from '../auth/claims.ts';

/** Who may call the ministry operations at all (others get 403); which country is the service's. */
export const MINISTRY_ROLES = {
  readMinistries: { roles: ['admin', 'focal_point', 'contributor', 'reviewer'] },
  manageMinistries: { roles: ['admin', 'focal_point'] },
} as const satisfies Record<string, { roles: readonly Role[] }>;
