/**
 * @module ScopeRules
 * Rules of the current scope (platform ∪ workspace ∪ project) for the component tree below a
 * workspace or project layout, and the `useCan` hook buttons use.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchRules } from '../api/rules';
import { useAuth } from '../auth/AuthContext';
import { can, mergeRules, type Action, type RuleMap } from './rules';

const ScopeRulesContext = createContext<RuleMap | null | undefined>(undefined);

/** Loads and provides the rules of a workspace and/or project. */
export function ScopeRulesProvider({
  workspace,
  namespace,
  children,
}: {
  workspace?: string;
  namespace?: string;
  children: ReactNode;
}) {
  const { session, globalRules } = useAuth();
  const username = session?.username ?? '';
  const ws = useQuery({
    queryKey: ['rules', 'workspace', workspace, username],
    queryFn: () => fetchRules({ username, workspace }),
    enabled: !!workspace && !!username,
    retry: false,
  });
  const ns = useQuery({
    queryKey: ['rules', 'namespace', namespace, username],
    queryFn: () => fetchRules({ username, namespace }),
    enabled: !!namespace && !!username,
    retry: false,
  });
  // A scope still loading contributes nothing (deny until known); null = endpoint not served.
  const loaded = (q: typeof ws) => (q.data === undefined ? {} : q.data);
  const parts = [globalRules, workspace ? loaded(ws) : undefined, namespace ? loaded(ns) : undefined];
  // Any scope the server could not answer for makes the whole answer "unknown" (null = allow, server decides).
  const unknown = parts.some((p) => p === null);
  const value = unknown ? null : mergeRules(...parts);
  return <ScopeRulesContext.Provider value={value}>{children}</ScopeRulesContext.Provider>;
}

/** Rules in effect here (platform rules outside any workspace/project). */
export function useRules(): RuleMap | null {
  const scoped = useContext(ScopeRulesContext);
  const { globalRules } = useAuth();
  return scoped === undefined ? globalRules : scoped;
}

/** May the user do `action` on `authKey` here? */
export function useCan(authKey: string, action: Action = 'view'): boolean {
  return can(useRules(), authKey, action);
}
