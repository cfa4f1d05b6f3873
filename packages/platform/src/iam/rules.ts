/**
 * @module iam/rules
 * "What can I do here": the rules that apply to a user at a scope (platform, a workspace, a project),
 * and the console modules they unlock (`{module: view|manage|create}`), so the console can show or hide
 * actions. `GET /kapis/iam.kubesphere.io/v1alpha2/users/{user}/rules?workspace=&namespace=`.
 */
import { errors } from '@sphere/shared';
import { applicableRules } from '../authz/authorizer';
import type { PolicyRule, Scope } from '../authz/types';
import type { Platform } from '../context';
import { userInfoOf } from '../auth/authenticate';
import type { Route } from '../router';
import { templateRulesFor, type TemplateScope } from './builtin';
import { IAM_PREFIX } from './users';

export function rulesRoutes(p: Platform): Route[] {
  return [
    {
      method: 'GET',
      pattern: `${IAM_PREFIX}/users/:name/rules`,
      tag: 'Users',
      authz: 'handler',
      summary:
        'Rules that apply to a user at the platform, a workspace (?workspace=) or a project (?namespace=)',
      handler: async (ctx) => {
        const name = ctx.params.name;
        if (name !== ctx.user.name && !p.can(ctx.user, 'get', 'iam.kubesphere.io', 'users', { name })) {
          throw errors.forbidden(
            `user "${ctx.user.name}" cannot get resource "users" in API group "iam.kubesphere.io" at the platform scope`,
          );
        }
        const user = p.caches.users.get(name);
        if (!user) throw errors.notFound('users', 'iam.kubesphere.io', name);
        const namespace = ctx.url.searchParams.get('namespace') ?? '';
        const workspace = ctx.url.searchParams.get('workspace') ?? '';
        const scope: Scope = namespace ? 'Namespace' : workspace ? 'Workspace' : 'Global';
        const sets = applicableRules(userInfoOf(user), { scope, namespace, workspace }, p.policy);
        const rules: PolicyRule[] = sets.flatMap((s) => s.rules);
        const templateScope: TemplateScope = namespace ? 'namespace' : workspace ? 'workspace' : 'global';
        return {
          user: name,
          scope,
          workspace: workspace || undefined,
          namespace: namespace || undefined,
          rules,
          modules: templateRulesFor(rules, templateScope),
          grantedBy: sets.map((s) => s.source),
        };
      },
    },
  ];
}
