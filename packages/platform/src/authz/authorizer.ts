/**
 * @module authz/authorizer
 * KubeSphere's evaluation order as a pure function over the cached roles and bindings:
 *  1. GlobalRoleBindings of the user (stop here for Global-scope resources);
 *  2. for Workspace/Namespace scope: the WorkspaceRoleBindings of the workspace (for a namespace, the
 *     workspace named by its `kubesphere.io/workspace` label);
 *  3. for Namespace scope: the namespace's RoleBindings (to Roles or ClusterRoles);
 *  4. for non-global scope: ClusterRoleBindings.
 * The first rule that allows wins. Built in: a user may always read and edit their own User object.
 */
import { ruleAllows, subjectMatches } from './rbac';
import type {
  Attributes,
  BindingObject,
  Decision,
  PolicyRule,
  PolicySource,
  RoleObject,
  UserInfo,
} from './types';

/** Rules every user has on their own account (KubeSphere grants these through a policy override). */
function selfRules(user: UserInfo, attrs: Attributes): boolean {
  if (attrs.apiGroup !== 'iam.kubesphere.io' || attrs.name !== user.name) return false;
  if (attrs.resource === 'users') {
    return (
      ['get', 'update', 'patch'].includes(attrs.verb) &&
      ['', 'password', 'loginrecords', 'globalroles'].includes(attrs.subresource)
    );
  }
  if (['workspacemembers', 'members'].includes(attrs.resource))
    return ['get', 'list', 'watch'].includes(attrs.verb);
  return false;
}

interface RuleSet {
  source: string;
  rules: PolicyRule[];
}

/** Every (binding, rules) pair that applies to the user for a request's scope, in evaluation order. */
export function applicableRules(
  user: UserInfo,
  attrs: Pick<Attributes, 'scope' | 'namespace' | 'workspace'>,
  policy: PolicySource,
): RuleSet[] {
  const out: RuleSet[] = [];
  const visit = (
    bindings: BindingObject[],
    kind: string,
    resolve: (b: BindingObject) => RoleObject | undefined,
  ) => {
    for (const b of bindings) {
      if (!b.subjects?.some((s) => subjectMatches(s, user))) continue;
      const role = resolve(b);
      if (role?.rules)
        out.push({ source: `${kind} ${b.metadata.name} (role ${b.roleRef.name})`, rules: role.rules });
    }
  };
  visit(policy.globalRoleBindings(), 'GlobalRoleBinding', (b) => policy.globalRole(b.roleRef.name));
  if (attrs.scope === 'Global') return out;
  let workspace = attrs.workspace;
  if (attrs.namespace) workspace = policy.workspaceOfNamespace(attrs.namespace) ?? '';
  if ((attrs.scope === 'Workspace' || attrs.scope === 'Namespace') && workspace) {
    visit(policy.workspaceRoleBindings(workspace), 'WorkspaceRoleBinding', (b) =>
      policy.workspaceRole(b.roleRef.name),
    );
  }
  if (attrs.scope === 'Namespace' && attrs.namespace) {
    const ns = attrs.namespace;
    visit(policy.roleBindings(ns), 'RoleBinding', (b) =>
      b.roleRef.kind === 'ClusterRole' ? policy.clusterRole(b.roleRef.name) : policy.role(ns, b.roleRef.name),
    );
  }
  visit(policy.clusterRoleBindings(), 'ClusterRoleBinding', (b) => policy.clusterRole(b.roleRef.name));
  return out;
}

/** Decides one request. */
export function authorize(user: UserInfo, attrs: Attributes, policy: PolicySource): Decision {
  if (selfRules(user, attrs)) return { allowed: true, reason: 'own account' };
  for (const set of applicableRules(user, attrs, policy)) {
    if (set.rules.some((r) => ruleAllows(attrs, r)))
      return { allowed: true, reason: `allowed by ${set.source}` };
  }
  return { allowed: false, reason: 'no binding allows it' };
}

/** The Kubernetes-style message of a denial: `user "u" cannot list resource "pods" in API group "" ...`. */
export function forbiddenMessage(user: UserInfo, attrs: Attributes): string {
  if (!attrs.resourceRequest) return `user "${user.name}" cannot ${attrs.verb} path "${attrs.path}"`;
  const res = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  let msg = `user "${user.name}" cannot ${attrs.verb} resource "${res}" in API group "${attrs.apiGroup}"`;
  if (attrs.namespace) msg += ` in the namespace "${attrs.namespace}"`;
  else if (attrs.workspace) msg += ` in the workspace "${attrs.workspace}"`;
  else msg += attrs.scope === 'Global' ? ' at the platform scope' : ' at the cluster scope';
  return msg;
}
