/**
 * @module auth/oauth
 * `POST /oauth/token` (grant types `password` and `refresh_token`, form- or JSON-encoded) and
 * `/oauth/logout`. Answers follow RFC 6749: `{access_token, token_type, refresh_token, expires_in}`, errors
 * `{error, error_description}` (400 invalid_grant for a wrong password or inactive account, 429 while the
 * account is locked after repeated failures). Every password attempt on an existing user is recorded as a
 * LoginRecord; the lock is decided from those records.
 */
import type http from 'node:http';
import { StatusError } from '@sphere/shared';
import type { Platform, LoginRecordObject, UserObject } from '../context';
import { parseForm, readBody, sendJson } from '../http';
import { L } from '../iam/labels';
import { desiredStatus, isLocked } from '../iam/user-state';
import { types } from '../kube/resources';
import { authenticateToken, bearerToken } from './authenticate';
import { verifyPassword } from './password';

class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

function findUser(p: Platform, login: string): UserObject | undefined {
  return p.caches.users.get(login) ?? p.caches.users.list().find((u) => u.spec.email === login);
}

async function tokenResponse(p: Platform, user: UserObject) {
  const uninitialized = user.metadata.annotations?.[L.uninitialized] === 'true';
  const name = user.metadata.name!;
  return {
    access_token: await p.issuer.issue(name, 'access_token', p.cfg.accessTokenTtlSeconds, uninitialized),
    token_type: 'Bearer',
    refresh_token: await p.issuer.issue(name, 'refresh_token', p.cfg.refreshTokenTtlSeconds, uninitialized),
    expires_in: p.cfg.accessTokenTtlSeconds,
    ...(uninitialized ? { uninitialized: true } : {}),
  };
}

const policyOf = (p: Platform) => ({
  maxTries: p.cfg.loginMaxTries,
  windowSeconds: p.cfg.loginWindowSeconds,
});

async function recordLogin(
  p: Platform,
  user: UserObject,
  req: http.IncomingMessage,
  success: boolean,
  reason: string,
) {
  const name = user.metadata.name!;
  const record: LoginRecordObject = {
    metadata: {
      generateName: `${name}-`,
      labels: { [L.userRef]: name },
      annotations: { 'iam.kubesphere.io/login-time': p.now().toISOString() },
    },
    spec: {
      type: 'Token',
      provider: '',
      sourceIP: req.socket.remoteAddress ?? '',
      userAgent: String(req.headers['user-agent'] ?? ''),
      success,
      reason,
    },
  };
  await p.create(types.loginRecords, record);
}

/** Re-evaluates the user's state after a login attempt (lock after too many failures). */
async function syncUserStatus(
  p: Platform,
  name: string,
  extra: Partial<NonNullable<UserObject['status']>> = {},
) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const user = await p.client.get<UserObject>(types.users, name);
    const records = p.caches.loginRecords.list().filter((r) => r.metadata.labels?.[L.userRef] === name);
    const next = desiredStatus(user, records, p.now(), policyOf(p));
    if (!next && Object.keys(extra).length === 0) return;
    try {
      await p.update(types.users, { ...user, status: { ...user.status, ...next, ...extra } });
      return;
    } catch (err) {
      if (!(err instanceof StatusError && err.code === 409)) throw err;
    }
  }
}

async function passwordGrant(p: Platform, req: http.IncomingMessage, form: URLSearchParams) {
  const login = form.get('username');
  const password = form.get('password');
  if (!login || !password) throw new OAuthError(400, 'invalid_request', 'username and password are required');
  const user = findUser(p, login);
  if (!user) throw new OAuthError(400, 'invalid_grant', 'incorrect username or password');
  const name = user.metadata.name!;
  if (isLocked(user, p.now(), policyOf(p))) {
    throw new OAuthError(
      429,
      'invalid_grant',
      `user "${name}" is locked after too many failed login attempts; try again later`,
    );
  }
  if (user.status?.state === 'Disabled')
    throw new OAuthError(400, 'invalid_grant', `user "${name}" is disabled`);
  if (!(await verifyPassword(password, user.spec.password))) {
    await recordLogin(p, user, req, false, 'incorrect password');
    await syncUserStatus(p, name);
    throw new OAuthError(400, 'invalid_grant', 'incorrect username or password');
  }
  await recordLogin(p, user, req, true, 'authenticated successfully');
  await syncUserStatus(p, name, { lastLoginTime: p.now().toISOString() });
  return tokenResponse(p, p.caches.users.get(name) ?? user);
}

async function refreshGrant(p: Platform, form: URLSearchParams) {
  const token = form.get('refresh_token');
  if (!token) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
  try {
    const who = await authenticateToken(p, token, 'refresh_token');
    return await tokenResponse(p, who.object);
  } catch (err) {
    if (err instanceof StatusError) throw new OAuthError(400, 'invalid_grant', err.message);
    throw err;
  }
}

/** Handles `/oauth/*`. Returns false when the path is not an OAuth endpoint. */
export async function handleOAuth(
  p: Platform,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<boolean> {
  if (url.pathname === '/oauth/token') {
    try {
      if (req.method !== 'POST') throw new OAuthError(405, 'invalid_request', 'use POST');
      const body = await readBody(req, 64 * 1024);
      const form = (req.headers['content-type'] ?? '').includes('application/json')
        ? new URLSearchParams(Object.entries(JSON.parse(body.toString() || '{}') as Record<string, string>))
        : parseForm(body);
      const grant = form.get('grant_type');
      if (grant === 'password') sendJson(res, 200, await passwordGrant(p, req, form));
      else if (grant === 'refresh_token') sendJson(res, 200, await refreshGrant(p, form));
      else
        throw new OAuthError(
          400,
          'unsupported_grant_type',
          `grant_type must be "password" or "refresh_token"${grant ? `, not "${grant}"` : ''}`,
        );
    } catch (err) {
      if (err instanceof OAuthError) {
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
        if (err.status === 429) headers['retry-after'] = String(p.cfg.loginWindowSeconds);
        res.writeHead(err.status, headers);
        res.end(JSON.stringify({ error: err.error, error_description: err.description }));
      } else if (err instanceof SyntaxError) {
        sendJson(res, 400, { error: 'invalid_request', error_description: 'the body is not valid JSON' });
      } else throw err;
    }
    return true;
  }
  if (url.pathname === '/oauth/logout') {
    const token = bearerToken(req, url);
    if (!token) throw new StatusError(401, 'Unauthorized', 'a bearer token is required to log out');
    const who = await authenticateToken(p, token, 'access_token');
    // Revokes every token of the user issued up to now, on every replica (the stamp lives on the User).
    await p.patch(types.users, who.user.name, {
      metadata: { annotations: { [L.tokensRevokedBefore]: p.now().toISOString() } },
    });
    sendJson(res, 200, { message: 'logged out' });
    return true;
  }
  return false;
}
