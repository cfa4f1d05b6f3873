/**
 * @module AuthContext
 * The signed-in user, platform-level rules, and login/logout actions for the component tree.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import * as authApi from '../api/auth';
import { iam, type UserObject } from '../api/iam';
import { fetchRules } from '../api/rules';
import type { RuleMap } from '../permissions/rules';
import {
  clearSession,
  getSession,
  initSessionManager,
  markPasswordChanged,
  onSession,
  setSession,
} from './session-manager';
import type { Session } from './tokens';

export const UNINITIALIZED_ANNOTATION = 'iam.kubesphere.io/uninitialized';

interface AuthState {
  session: Session | null;
  user: UserObject | undefined;
  /** Platform-scope rules; null = unknown (treated as allowed). */
  globalRules: RuleMap | null;
  isAdmin: boolean;
  /** The user must change the initial password before using the console. */
  mustChangePassword: boolean;
  expired: boolean;
  /** Signs in; resolves true when the user must change the initial password first. */
  login: (username: string, password: string) => Promise<boolean>;
  logout: () => Promise<void>;
  reloadUser: () => Promise<void>;
  /** After the forced password change: clear the flag and refetch what was refused before. */
  passwordChanged: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

initSessionManager({ refresh: authApi.refresh });

/** Provides session and user state. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<Session | null>(getSession());
  const [expired, setExpired] = useState(false);
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onSession((event) => {
        setSessionState(getSession());
        if (event === 'expired') {
          setExpired(true);
          queryClient.clear();
        }
      }),
    [queryClient],
  );

  const username = session?.username;
  const userQuery = useQuery({
    queryKey: ['me', username],
    queryFn: () => iam.getUser(username ?? ''),
    enabled: !!username,
    retry: false,
  });
  const rulesQuery = useQuery({
    queryKey: ['rules', 'global', username],
    queryFn: () => fetchRules({ username: username ?? '' }),
    enabled: !!username,
    retry: false,
  });

  const login = useCallback(async (name: string, password: string) => {
    const res = await authApi.login(name, password);
    setExpired(false);
    return !!setSession(res, name).uninitialized;
  }, []);

  const logout = useCallback(async () => {
    await authApi.logout();
    clearSession('logout');
    queryClient.clear();
  }, [queryClient]);

  const value = useMemo<AuthState>(() => {
    // Until the rules arrive nothing is allowed (no flash of controls the user may not use); null —
    // the endpoint is not served — means "unknown": show everything and let the server decide.
    const globalRules = rulesQuery.data === undefined ? {} : rulesQuery.data;
    const user = userQuery.data;
    const role = user?.metadata.annotations?.['iam.kubesphere.io/globalrole'];
    return {
      session,
      user,
      globalRules,
      isAdmin: role === 'platform-admin' || !!globalRules?._?.includes('manage'),
      mustChangePassword:
        !!session?.uninitialized || user?.metadata.annotations?.[UNINITIALIZED_ANNOTATION] === 'true',
      expired,
      login,
      logout,
      reloadUser: async () => {
        await userQuery.refetch();
      },
      passwordChanged: async () => {
        markPasswordChanged();
        // Rules fetched while the password was still the initial one were refused (403): fetch again.
        await queryClient.invalidateQueries({ queryKey: ['rules'] });
        await userQuery.refetch();
      },
    };
  }, [session, userQuery, rulesQuery.data, expired, login, logout, queryClient]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Session and user state. */
export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
