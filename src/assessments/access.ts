import type { Principal } from '../auth/claims.ts';
import type { AssessmentStatus } from '../db/schema/index.ts';

/**
 * Who may see which assessments. Anything outside a caller's scope is answered 404,
 * so that ids and countries cannot be enumerated.
 */
export interface ReadScope {
  country?: string;
  statuses?: readonly AssessmentStatus[];
}

const REVIEWABLE: readonly AssessmentStatus[] = ['submitted', 'returned', 'validated'];

export function readScope(principal: Principal): ReadScope {
  switch (principal.role) {
    case 'admin':
      return {};
    case 'focal_point':
    case 'contributor':
      return { country: principal.country };
    case 'reviewer':
      return { statuses: REVIEWABLE };
    case 'viewer':
      return principal.country ? { country: principal.country } : { statuses: ['validated'] };
  }
}

export function inScope(scope: ReadScope, row: { country: string; status: AssessmentStatus }): boolean {
  if (scope.country !== undefined && row.country !== scope.country) return false;
  if (scope.statuses && !scope.statuses.includes(row.status)) return false;
  return true;
}
