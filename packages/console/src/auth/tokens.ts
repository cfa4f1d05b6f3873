/**
 * @module tokens
 * Token storage and the pure decisions around it (when to refresh, whether a session is over).
 * The clock is injected so the decisions are testable.
 */

/** What `/oauth/token` returns. */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  token_type: string;
  expires_in: number;
  /** The platform's hint that the user must change the initial password. */
  uninitialized?: boolean;
}

/** The tokens the console keeps, with absolute expiry times (ms since epoch). */
export interface Session {
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires. */
  expiresAt: number;
  username: string;
  /** Set from the login response; cleared once the password has been changed. */
  uninitialized?: boolean;
}

/** Refresh this long before expiry (or at 80% of a short lifetime). */
export const REFRESH_MARGIN_MS = 60_000;

/** Reads a JWT payload without verifying it (the server verifies; the console only needs the username). */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
    const json = decodeURIComponent(
      Array.from(atob(padded), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
    );
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Builds a session from a token response received at `now`. */
export function sessionFromToken(res: TokenResponse, now: number, fallbackUser = ''): Session {
  const claims = decodeJwtPayload(res.access_token);
  const username =
    (typeof claims.username === 'string' && claims.username) ||
    (typeof claims.sub === 'string' && claims.sub) ||
    fallbackUser;
  return {
    accessToken: res.access_token,
    refreshToken: res.refresh_token,
    expiresAt: now + Math.max(0, res.expires_in) * 1000,
    username,
    ...(res.uninitialized ? { uninitialized: true } : {}),
  };
}

/** Milliseconds from `now` until the console should refresh; 0 = refresh now. */
export function refreshDelay(session: Session, now: number, issuedAt?: number): number {
  const remaining = session.expiresAt - now;
  const lifetime = issuedAt !== undefined ? session.expiresAt - issuedAt : remaining;
  const margin = Math.min(REFRESH_MARGIN_MS, lifetime * 0.2);
  return Math.max(0, remaining - margin);
}

/** true when the access token has expired and cannot be refreshed any more. */
export function isSessionOver(session: Session | null, now: number): boolean {
  if (!session) return true;
  return session.expiresAt <= now && !session.refreshToken;
}

const KEY = 'sphere.session';

/** Persists the session in localStorage (so a reload keeps the user signed in). */
export const sessionStore = {
  load(): Session | null {
    try {
      const raw = localStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  },
  save(session: Session | null): void {
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
  },
};
