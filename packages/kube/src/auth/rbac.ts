/**
 * @module auth/rbac
 * Kubernetes RBAC evaluation: a request is allowed when any ClusterRoleBinding, or any RoleBinding in the
 * request's namespace, binds the user (or one of their groups) to a role with a matching rule. Members of
 * `system:masters` may do everything, as in kube-apiserver.
 */
import type { KubeObject } from '@sphere/shared';
import type { UserInfo } from '../registry/types';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface RequestAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  /** For non-resource requests. */
  path?: string;
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

export interface RbacSource {
  clusterRole(name: string): KubeObject | undefined;
  role(namespace: string, name: string): KubeObject | undefined;
  clusterRoleBindings(): KubeObject[];
  roleBindings(namespace: string): KubeObject[];
}

const has = (list: string[] | undefined, value: string) =>
  !!list && (list.includes('*') || list.includes(value));

export function ruleAllows(rule: PolicyRule, a: RequestAttributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (a.path !== undefined)
    return (rule.nonResourceURLs ?? []).some(
      (u) => u === a.path || u === '*' || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))),
    );
  if (!has(rule.apiGroups, a.group)) return false;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resourceOk =
    has(rule.resources, resource) ||
    (!!a.subresource && (rule.resources ?? []).includes(`*/${a.subresource}`));
  if (!resourceOk) return false;
  return !rule.resourceNames?.length || (!!a.name && rule.resourceNames.includes(a.name));
}

function subjectMatches(s: Subject, user: UserInfo, bindingNamespace: string): boolean {
  if (s.kind === 'User') return s.name === user.username;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount')
    return user.username === `system:serviceaccount:${s.namespace ?? bindingNamespace}:${s.name}`;
  return false;
}

function rulesOf(role: KubeObject | undefined): PolicyRule[] {
  return ((role?.rules as PolicyRule[] | undefined) ?? []).filter((r) => Array.isArray(r.verbs));
}

/** Decides a request; `reason` names the binding that allowed it (kube-apiserver's audit format). */
export function authorize(
  source: RbacSource,
  user: UserInfo,
  a: RequestAttributes,
): { allowed: boolean; reason?: string } {
  if (user.groups.includes('system:masters')) return { allowed: true };
  for (const binding of source.clusterRoleBindings()) {
    const subjects = (binding.subjects as Subject[] | undefined) ?? [];
    if (!subjects.some((s) => subjectMatches(s, user, ''))) continue;
    const ref = binding.roleRef as { name: string };
    if (rulesOf(source.clusterRole(ref.name)).some((r) => ruleAllows(r, a))) {
      return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "${binding.metadata.name}"` };
    }
  }
  if (a.namespace) {
    for (const binding of source.roleBindings(a.namespace)) {
      const subjects = (binding.subjects as Subject[] | undefined) ?? [];
      if (!subjects.some((s) => subjectMatches(s, user, a.namespace))) continue;
      const ref = binding.roleRef as { kind: string; name: string };
      const role =
        ref.kind === 'ClusterRole' ? source.clusterRole(ref.name) : source.role(a.namespace, ref.name);
      if (rulesOf(role).some((r) => ruleAllows(r, a))) {
        return {
          allowed: true,
          reason: `RBAC: allowed by RoleBinding "${binding.metadata.name}/${a.namespace}"`,
        };
      }
    }
  }
  return { allowed: false };
}

/** Every rule that applies to the user in a namespace (SelfSubjectRulesReview; `kubectl auth can-i --list`). */
export function rulesFor(source: RbacSource, user: UserInfo, namespace: string): PolicyRule[] {
  if (user.groups.includes('system:masters')) {
    return [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      { verbs: ['*'], nonResourceURLs: ['*'] },
    ];
  }
  const rules: PolicyRule[] = [];
  for (const binding of source.clusterRoleBindings()) {
    const subjects = (binding.subjects as Subject[] | undefined) ?? [];
    if (subjects.some((s) => subjectMatches(s, user, ''))) {
      rules.push(...rulesOf(source.clusterRole((binding.roleRef as { name: string }).name)));
    }
  }
  if (namespace) {
    for (const binding of source.roleBindings(namespace)) {
      const subjects = (binding.subjects as Subject[] | undefined) ?? [];
      if (!subjects.some((s) => subjectMatches(s, user, namespace))) continue;
      const ref = binding.roleRef as { kind: string; name: string };
      rules.push(
        ...rulesOf(
          ref.kind === 'ClusterRole' ? source.clusterRole(ref.name) : source.role(namespace, ref.name),
        ),
      );
    }
  }
  return rules;
}
