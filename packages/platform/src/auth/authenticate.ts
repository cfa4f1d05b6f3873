/**
 * @module auth/authenticate
 * Bearer-token authentication: a valid access token of an existing, enabled user whose tokens were not
 * revoked after it was issued. The token may also come as `?access_token=` (browsers cannot set headers on
 * WebSockets) or the `token` cookie.
 */
import type http from 'node:http';
import { errors } from '@sphere/shared';
import type { UserInfo } from '../authz/types';
import type { Platform, UserObject } from '../context';
import { L } from '../iam/labels';
import type { TokenClaims } from './tokens';

export interface Authenticated {
  user: UserInfo;
  object: UserObject;
  claims: TokenClaims;
  /** The account still has the default password: only the password change is allowed. */
  mustChangePassword: boolean;
}

export function bearerToken(req: http.IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m) throw errors.unauthorized('invalid Authorization header: expected "Bearer <token>"');
    return m[1].trim();
  }
  const q = url.searchParams.get('access_token');
  if (q) return q;
  const cookie = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('token='));
  return cookie ? decodeURIComponent(cookie.slice(6)) : undefined;
}

export function userInfoOf(user: UserObject): UserInfo {
  return { name: user.metadata.name!, groups: [...(user.spec.groups ?? []), 'system:authenticated'] };
}

/** Checks a token and returns who it belongs to; 401 with a clear reason otherwise. */
export async function authenticateToken(
  p: Platform,
  token: string,
  expect: TokenClaims['tokenType'],
): Promise<Authenticated> {
  const claims = await p.issuer.verify(token);
  if (claims.tokenType !== expect)
    throw errors.unauthorized(`invalid token: expected an ${expect.replace('_', ' ')}`);
  const object = p.caches.users.get(claims.username);
  if (!object) throw errors.unauthorized(`user "${claims.username}" no longer exists`);
  if (object.status?.state === 'Disabled') throw errors.unauthorized(`user "${claims.username}" is disabled`);
  const revokedBefore = Date.parse(object.metadata.annotations?.[L.tokensRevokedBefore] ?? '');
  if (revokedBefore && claims.issuedAtMs < revokedBefore) throw errors.unauthorized('token has been revoked');
  return {
    user: userInfoOf(object),
    object,
    claims,
    mustChangePassword: object.metadata.annotations?.[L.uninitialized] === 'true',
  };
}
