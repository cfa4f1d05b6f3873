/**
 * @module session-manager
 * The signed-in session: holds the tokens, refreshes them before expiry and tells the UI when the
 * session is over ("session expired"). Network calls are injected so this file stays free of fetch.
 */
import { refreshDelay, sessionFromToken, sessionStore, type Session, type TokenResponse } from './tokens';

export type SessionEvent = 'changed' | 'expired';
type Listener = (event: SessionEvent) => void;

/** Operations the manager needs from the auth API. */
export interface TokenApi {
  refresh(refreshToken: string): Promise<TokenResponse>;
}

let current: Session | null = sessionStore.load();
let timer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<Session | null> | null = null;
let api: TokenApi | null = null;
const listeners = new Set<Listener>();

function emit(event: SessionEvent): void {
  for (const l of listeners) l(event);
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (!current?.refreshToken) return;
  timer = setTimeout(() => void refreshNow(), refreshDelay(current, Date.now()));
}

/** Current session, or null when signed out. */
export function getSession(): Session | null {
  return current;
}

/** Installs the token API (done once at start-up) and schedules the first refresh. */
export function initSessionManager(tokenApi: TokenApi): void {
  api = tokenApi;
  schedule();
}

/** Stores a fresh session after login or refresh. */
export function setSession(res: TokenResponse, username?: string): Session {
  current = sessionFromToken(res, Date.now(), username ?? current?.username);
  sessionStore.save(current);
  schedule();
  emit('changed');
  return current;
}

/** Marks the initial password as changed (the platform clears its own flag on the user). */
export function markPasswordChanged(): void {
  if (!current?.uninitialized) return;
  const { uninitialized: _done, ...rest } = current;
  current = rest;
  sessionStore.save(current);
  emit('changed');
}

/** Forgets the session; `expired` distinguishes "session expired" from a deliberate logout. */
export function clearSession(reason: 'logout' | 'expired'): void {
  current = null;
  sessionStore.save(null);
  if (timer) clearTimeout(timer);
  emit(reason === 'expired' ? 'expired' : 'changed');
}

/** Refreshes now (deduplicated: concurrent callers share one request). Null when the session ended. */
export function refreshNow(): Promise<Session | null> {
  if (refreshing) return refreshing;
  const token = current?.refreshToken;
  if (!token || !api) {
    if (current && current.expiresAt <= Date.now()) clearSession('expired');
    return Promise.resolve(current);
  }
  refreshing = api
    .refresh(token)
    .then((res) => setSession(res))
    .catch(() => {
      clearSession('expired');
      return null;
    })
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/** Subscribes to session changes; returns the unsubscribe function. */
export function onSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
