import { WORKFLOW } from '../assessments/assessment.workflow.ts';
import type { Role } from '../auth/claims.ts';

/**
 * Who may do what with a publication (other roles get 403; the routes declare them from here).
 * The government approves (its focal point), an admin publishes, and either withdraws.
 */
export const PUBLICATION_ROLES = {
  readPublication: { roles: WORKFLOW.read.roles },
  previewPublication: { roles: ['admin', 'focal_point'] },
  approve: { roles: ['focal_point'] },
  publish: { roles: ['admin'] },
  unpublish: { roles: ['admin', 'focal_point'] },
} as const satisfies Record<string, { roles: readonly Role[] }>;
