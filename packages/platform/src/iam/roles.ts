/**
 * @module iam/roles
 * Roles at every scope: GlobalRoles (`/globalroles`), WorkspaceRoles (`/workspaces/{ws}/workspaceroles`,
 * stored as `<ws>-<name>`), project Roles (`/namespaces/{ns}/roles`), and the role templates custom roles
 * are built from (`/roletemplates?scope=global|workspace|namespace`). A role carrying the annotation
 * `iam.kubesphere.io/aggregation-roles: '["role-template-..."]'` gets its rules set to the union of those
 * templates' rules when created or updated. Built-in roles cannot be changed or deleted.
 */
import { errors, fieldErrors, type KubeObject } from '@sphere/shared';
import type { PolicyRule, RoleObject } from '../authz/types';
import type { Platform } from '../context';
import { asObject } from '../http';
import { IAM, types, type ResourceType } from '../kube/resources';
import { parseListQuery, runQuery } from '../resources/query';
import { withStatus, type RequestContext, type Route } from '../router';
import { templateRulesFor, type TemplateScope } from './builtin';
import { L } from './labels';
import { IAM_PREFIX } from './users';
import { roleNameProblem } from './validation';

const BUILTIN = 'iam.kubesphere.io/builtin';

/** Role templates of a scope, by name. */
export function templatesOf(p: Platform, scope: TemplateScope): Map<string, RoleObject> {
  const isTemplate = (o: KubeObject) => o.metadata.labels?.[L.roleTemplate] === 'true';
  const out = new Map<string, RoleObject>();
  if (scope === 'global')
    for (const r of p.caches.globalRoles.list()) if (isTemplate(r)) out.set(r.metadata.name!, r);
  if (scope === 'workspace') {
    for (const r of p.caches.workspaceRoles.list())
      if (isTemplate(r) && !r.metadata.labels?.[L.workspace]) out.set(r.metadata.name!, r);
  }
  if (scope === 'namespace') {
    for (const b of p.caches.roleBases.list()) {
      if (isTemplate(b))
        out.set(b.metadata.name!, { ...(b.role as RoleObject), metadata: { ...b.metadata } });
    }
  }
  return out;
}

/** Resolves `aggregation-roles` into rules; unknown templates are a 400. Undefined when not aggregated. */
export function aggregateRules(
  p: Platform,
  role: RoleObject,
  scope: TemplateScope,
): PolicyRule[] | undefined {
  const raw = role.metadata.annotations?.[L.aggregationRoles];
  if (!raw) return undefined;
  let names: unknown;
  try {
    names = JSON.parse(raw);
  } catch {
    names = undefined;
  }
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw errors.badRequest(`annotation ${L.aggregationRoles} must be a JSON array of role template names`);
  }
  const templates = templatesOf(p, scope);
  const rules: PolicyRule[] = [];
  for (const n of names as string[]) {
    const t = templates.get(n);
    if (!t)
      throw errors.badRequest(`unknown role template "${n}" at ${scope} scope`, [
        fieldErrors.notSupported(
          `metadata.annotations[${L.aggregationRoles}]`,
          n,
          [...templates.keys()].sort(),
        ),
      ]);
    for (const r of t.rules ?? [])
      if (!rules.some((x) => JSON.stringify(x) === JSON.stringify(r))) rules.push(r);
  }
  return rules;
}

interface ScopeSpec {
  scope: TemplateScope;
  type: ResourceType;
  kind: string;
  /** Cache listing of the roles visible at this scope (templates excluded). */
  list(ctx: RequestContext): RoleObject[];
  /** Stored name for a requested name. */
  storedName(ctx: RequestContext, name: string): string;
  namespace(ctx: RequestContext): string | undefined;
  decorate(ctx: RequestContext, role: RoleObject): void;
}

function validateRules(rules: unknown, kind: string, name: string): PolicyRule[] {
  if (rules === undefined) return [];
  if (!Array.isArray(rules))
    throw errors.invalid(kind, IAM, name, [
      fieldErrors.invalid('rules', 'not a list', 'must be a list of policy rules'),
    ]);
  rules.forEach((r, i) => {
    const rule = r as PolicyRule;
    if (!rule || !Array.isArray(rule.verbs) || rule.verbs.length === 0) {
      throw errors.invalid(kind, IAM, name, [
        fieldErrors.required(`rules[${i}].verbs`, 'verbs must contain at least one value'),
      ]);
    }
  });
  return rules as PolicyRule[];
}

function scopedRoleRoutes(p: Platform, base: string, s: ScopeSpec, tag: string): Route[] {
  const get = (ctx: RequestContext) => {
    const name = s.storedName(ctx, ctx.params.name);
    const role = s.list(ctx).find((r) => r.metadata.name === name);
    if (!role) throw errors.notFound(s.type.resource, s.type.group, ctx.params.name);
    return role;
  };
  const write = async (ctx: RequestContext, existing?: RoleObject) => {
    const body = asObject(await ctx.json()) as RoleObject;
    const requested = existing ? ctx.params.name : (body.metadata?.name as string);
    const problem = roleNameProblem(requested);
    if (problem)
      throw errors.invalid(s.kind, s.type.group, String(requested ?? ''), [
        fieldErrors.invalid('metadata.name', requested ?? null, problem),
      ]);
    if (existing?.metadata.labels?.[BUILTIN] === 'true')
      throw errors.badRequest(`built-in role "${requested}" cannot be modified`);
    const role: RoleObject = {
      metadata: {
        ...(existing?.metadata ?? {}),
        name: s.storedName(ctx, requested),
        namespace: s.namespace(ctx),
        labels: { ...(body.metadata?.labels ?? {}) },
        annotations: { ...(body.metadata?.annotations ?? {}) },
      },
      rules: validateRules(body.rules, s.kind, requested),
    };
    delete role.metadata.labels![L.roleTemplate];
    delete role.metadata.labels![BUILTIN];
    const aggregated = aggregateRules(p, role, s.scope);
    if (aggregated) role.rules = aggregated;
    role.metadata.annotations![L.roleTemplateRules] = JSON.stringify(
      templateRulesFor(role.rules ?? [], s.scope),
    );
    if (!existing) role.metadata.annotations![L.creator] = ctx.user.name;
    s.decorate(ctx, role);
    if (existing) return p.update(s.type, role);
    if (s.list(ctx).some((r) => r.metadata.name === role.metadata.name))
      throw errors.alreadyExists(s.type.resource, s.type.group, requested);
    return withStatus(201, await p.create(s.type, role));
  };
  return [
    {
      method: 'GET',
      pattern: base,
      tag,
      summary: `List ${s.kind}s (templates excluded)`,
      handler: async (ctx) => runQuery(s.list(ctx), parseListQuery(ctx.url.searchParams)),
    },
    {
      method: 'POST',
      pattern: base,
      tag,
      summary: `Create a ${s.kind} (rules, or aggregation-roles templates)`,
      handler: (ctx) => write(ctx),
    },
    {
      method: 'GET',
      pattern: `${base}/:name`,
      tag,
      summary: `Get a ${s.kind}`,
      handler: async (ctx) => get(ctx),
    },
    {
      method: 'PUT',
      pattern: `${base}/:name`,
      tag,
      summary: `Replace a ${s.kind}`,
      handler: (ctx) => write(ctx, get(ctx)),
    },
    {
      method: 'DELETE',
      pattern: `${base}/:name`,
      tag,
      summary: `Delete a ${s.kind} (not built-in ones, not while bound)`,
      handler: async (ctx) => {
        const role = get(ctx);
        if (role.metadata.labels?.[BUILTIN] === 'true' || builtinStamped(s.scope, ctx, role))
          throw errors.badRequest(`built-in role "${ctx.params.name}" cannot be deleted`);
        await p.delete(s.type, role.metadata.name!, role.metadata.namespace);
        return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
      },
    },
  ];
}

const STAMPED_WS = ['admin', 'self-provisioner', 'regular', 'viewer'];
const STAMPED_NS = ['admin', 'operator', 'viewer'];

function builtinStamped(scope: TemplateScope, ctx: RequestContext, role: RoleObject): boolean {
  if (scope === 'workspace')
    return STAMPED_WS.some((n) => role.metadata.name === `${ctx.params.workspace}-${n}`);
  if (scope === 'namespace') return STAMPED_NS.includes(role.metadata.name!);
  return false;
}

const notTemplate = (r: KubeObject) => r.metadata.labels?.[L.roleTemplate] !== 'true';

/** Routes of roles at every scope and of role templates. */
export function roleRoutes(p: Platform): Route[] {
  const global: ScopeSpec = {
    scope: 'global',
    type: types.globalRoles,
    kind: 'GlobalRole',
    list: () =>
      p.caches.globalRoles.list().filter((r) => notTemplate(r) && r.metadata.name !== 'authenticated'),
    storedName: (_c, n) => n,
    namespace: () => undefined,
    decorate: () => {},
  };
  const workspace: ScopeSpec = {
    scope: 'workspace',
    type: types.workspaceRoles,
    kind: 'WorkspaceRole',
    list: (ctx) =>
      p.caches.workspaceRoles
        .list()
        .filter((r) => notTemplate(r) && r.metadata.labels?.[L.workspace] === ctx.params.workspace),
    storedName: (ctx, n) => (n.startsWith(`${ctx.params.workspace}-`) ? n : `${ctx.params.workspace}-${n}`),
    namespace: () => undefined,
    decorate: (ctx, role) => {
      if (!p.caches.workspaceTemplates.get(ctx.params.workspace))
        throw errors.notFound('workspaces', 'tenant.kubesphere.io', ctx.params.workspace);
      role.metadata.labels![L.workspace] = ctx.params.workspace;
    },
  };
  const namespace: ScopeSpec = {
    scope: 'namespace',
    type: types.roles,
    kind: 'Role',
    list: (ctx) => p.caches.roles.list(ctx.params.namespace).filter(notTemplate),
    storedName: (_c, n) => n,
    namespace: (ctx) => ctx.params.namespace,
    decorate: (ctx) => {
      if (!p.caches.namespaces.get(ctx.params.namespace))
        throw errors.notFound('namespaces', '', ctx.params.namespace);
    },
  };
  return [
    ...scopedRoleRoutes(p, `${IAM_PREFIX}/globalroles`, global, 'Platform roles'),
    ...scopedRoleRoutes(
      p,
      `${IAM_PREFIX}/workspaces/:workspace/workspaceroles`,
      workspace,
      'Workspace roles',
    ),
    ...scopedRoleRoutes(p, `${IAM_PREFIX}/namespaces/:namespace/roles`, namespace, 'Project roles'),
    {
      method: 'GET',
      pattern: `${IAM_PREFIX}/roletemplates`,
      tag: 'Role templates',
      authz: 'handler',
      summary: 'Role templates of a scope (?scope=global|workspace|namespace)',
      handler: async (ctx) => {
        const scope = (ctx.url.searchParams.get('scope') ?? 'global') as TemplateScope;
        if (!['global', 'workspace', 'namespace'].includes(scope))
          throw errors.badRequest(`invalid scope "${scope}": use global, workspace or namespace`);
        const items = [...templatesOf(p, scope).values()].sort((a, b) =>
          a.metadata.name!.localeCompare(b.metadata.name!),
        );
        return { items, totalItems: items.length };
      },
    },
  ];
}
