/**
 * @module controllers/roletemplates
 * Role-template controller: when a template changes, every role at that scope that aggregates it
 * (annotation `iam.kubesphere.io/aggregation-roles`) gets its rules recomputed, so custom roles follow
 * their templates.
 */
import { StatusError } from '@sphere/shared';
import type { RoleObject } from '../authz/types';
import type { Platform } from '../context';
import type { TemplateScope } from '../iam/builtin';
import { L } from '../iam/labels';
import { aggregateRules } from '../iam/roles';
import { types } from '../kube/resources';

/** `key` is `<scope>/<template name>`. */
export async function reaggregateRoles(p: Platform, key: string): Promise<void> {
  const [scope, template] = key.split('/') as [TemplateScope, string];
  const roles: RoleObject[] =
    scope === 'global'
      ? p.caches.globalRoles.list()
      : scope === 'workspace'
        ? p.caches.workspaceRoles.list()
        : p.caches.roles.list();
  const type =
    scope === 'global' ? types.globalRoles : scope === 'workspace' ? types.workspaceRoles : types.roles;
  for (const role of roles) {
    const names = role.metadata.annotations?.[L.aggregationRoles];
    if (!names || !names.includes(`"${template}"`)) continue;
    let rules;
    try {
      rules = aggregateRules(p, role, scope);
    } catch {
      continue; // a template it names is gone: keep the rules it has
    }
    if (!rules || JSON.stringify(rules) === JSON.stringify(role.rules)) continue;
    try {
      await p.update(type, { ...role, rules });
    } catch (err) {
      if (!(err instanceof StatusError && (err.code === 409 || err.code === 404))) throw err;
    }
  }
}
