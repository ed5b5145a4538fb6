import type { Request } from 'express';

export const PARTICIPANT_COOKIE = 'fd_participant';
export const PARTICIPANT_HEADER = 'x-participant-token';

/** Reads one cookie without a cookie-parser dependency. */
export function readCookie(req: Pick<Request, 'headers'>, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The participant token of a request: the header wins over the cookie. */
export function participantTokenOf(req: Pick<Request, 'headers'>): { token: string; via: 'header' | 'cookie' } | null {
  const header = req.headers[PARTICIPANT_HEADER];
  if (typeof header === 'string' && header) return { token: header, via: 'header' };
  const cookie = readCookie(req, PARTICIPANT_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}
