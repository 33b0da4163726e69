import type { Role } from '../auth/claims.ts';

/**
 * Who may call the consultation operations at all (others get 403). Which assessments and
 * questions within that is the services' (scope, assignment of the question, the ministry).
 */
export const CONSULTATION_ROLES = {
  readConsultation: { roles: ['admin', 'focal_point', 'contributor', 'reviewer'] },
  assign: { roles: ['admin', 'focal_point'] },
  signOff: { roles: ['admin', 'focal_point', 'contributor'] },
  comment: { roles: ['admin', 'focal_point', 'contributor', 'reviewer'] },
  resolve: { roles: ['admin', 'focal_point', 'contributor'] },
  reopen: { roles: ['admin', 'focal_point', 'contributor', 'reviewer'] },
  tasks: { roles: ['admin', 'focal_point', 'contributor', 'reviewer'] },
} as const satisfies Record<string, { roles: readonly Role[] }>;
