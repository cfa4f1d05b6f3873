/**
 * @module auth
 * OAuth endpoints of the platform: password login, refresh, logout, password change.
 */
import type { TokenResponse } from '../auth/tokens';
import { request } from './http';
import { iamPath } from './paths';

/** `POST /oauth/token` with the password grant. 400 = wrong credentials, 429 = account locked. */
export function login(username: string, password: string): Promise<TokenResponse> {
  const body = new URLSearchParams({ grant_type: 'password', username, password });
  return request<TokenResponse>('/oauth/token', {
    method: 'POST',
    body,
    contentType: 'application/x-www-form-urlencoded',
    anonymous: true,
  });
}

/** `POST /oauth/token` with the refresh_token grant. */
export function refresh(refreshToken: string): Promise<TokenResponse> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
  return request<TokenResponse>('/oauth/token', {
    method: 'POST',
    body,
    contentType: 'application/x-www-form-urlencoded',
    anonymous: true,
  });
}

/** Revokes the user's tokens server-side. Failures are ignored: the console forgets the tokens anyway. */
export async function logout(): Promise<void> {
  try {
    await request('/oauth/logout', { method: 'GET' });
  } catch {
    // already signed out or server unreachable: nothing else to do
  }
}

/** `PUT /kapis/iam.kubesphere.io/v1alpha2/users/{user}/password`. */
export function changePassword(
  username: string,
  currentPassword: string,
  password: string,
): Promise<unknown> {
  return request(iamPath(`users/${encodeURIComponent(username)}/password`), {
    method: 'PUT',
    body: { currentPassword, password },
  });
}
