/** Roles of an API token, from most to least privileged. */
export const ROLES = ['admin', 'facilitator', 'responder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { admin: 3, facilitator: 2, responder: 1, viewer: 0 };

/** True when `held` grants at least what `required` asks for. */
export function roleSatisfies(held: Role, required: Role): boolean {
  return rank[held] >= rank[required];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
