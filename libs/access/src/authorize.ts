import { ForbiddenError, roleSatisfies, type Role } from '#contracts';
import type { Principal } from './api-token.js';

/** Throws when the principal's role is below `required`. */
export function requireRole(principal: Principal, required: Role): void {
  if (!roleSatisfies(principal.role, required)) {
    throw new ForbiddenError(`This action needs the '${required}' role; the token has '${principal.role}'`, {
      requiredRole: required,
      role: principal.role,
    });
  }
}

/** Throws when a team-scoped token reaches for another team. */
export function requireTeamAccess(principal: Principal, teamSlug: string): void {
  if (principal.teamSlug !== null && principal.teamSlug !== teamSlug) {
    throw new ForbiddenError(`The token is limited to team '${principal.teamSlug}' and cannot access team '${teamSlug}'`, {
      tokenTeam: principal.teamSlug,
      team: teamSlug,
    });
  }
}
