import { ForbiddenError } from '#contracts';
import type { Principal } from './api-token.js';
import { requireRole, requireTeamAccess } from './authorize.js';
import { generateTokenSecret, hashToken, tokensEqual } from './api-token.js';

const principal = (role: Principal['role'], teamSlug: string | null = null): Principal => ({
  tokenId: 't1',
  name: 'test',
  role,
  teamSlug,
});

describe('authorization', () => {
  it('lets a higher role do what a lower role may', () => {
    expect(() => requireRole(principal('admin'), 'facilitator')).not.toThrow();
    expect(() => requireRole(principal('facilitator'), 'facilitator')).not.toThrow();
  });

  it('refuses a lower role and names both roles', () => {
    expect(() => requireRole(principal('viewer'), 'facilitator')).toThrow(ForbiddenError);
    expect(() => requireRole(principal('responder'), 'admin')).toThrow(/needs the 'admin' role; the token has 'responder'/);
  });

  it('keeps a team-scoped token inside its team', () => {
    expect(() => requireTeamAccess(principal('facilitator', 'payments'), 'payments')).not.toThrow();
    expect(() => requireTeamAccess(principal('facilitator', 'payments'), 'search')).toThrow(/limited to team 'payments'/);
    expect(() => requireTeamAccess(principal('viewer'), 'search')).not.toThrow();
  });
});

describe('token secrets', () => {
  it('are unique, prefixed and never equal to their hash', () => {
    const a = generateTokenSecret();
    const b = generateTokenSecret();
    expect(a).not.toBe(b);
    expect(a.startsWith('fdt_')).toBe(true);
    expect(hashToken(a)).toHaveLength(64);
    expect(hashToken(a)).not.toContain(a);
    expect(tokensEqual(a, a)).toBe(true);
    expect(tokensEqual(a, b)).toBe(false);
  });
});
