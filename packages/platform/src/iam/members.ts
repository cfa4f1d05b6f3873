/**
 * @module iam/members
 * Members of a workspace (`/workspaces/{ws}/workspacemembers`, WorkspaceRoleBindings) and of a project
 * (`/namespaces/{ns}/members`, RoleBindings): one role per user per scope, binding named `<user>-<role>`.
 * Bodies: POST `[{"username","roleRef"}]`, PUT `{"username","roleRef"}`. `roleRef` may be the stored role
 * name (`demo-ws-viewer`), its short name (`viewer`) or the built-in's full name (`workspace-viewer`,
 * `project-admin`).
 */
import { errors, fieldErrors } from '@sphere/shared';
import type { BindingObject, RoleObject } from '../authz/types';
import type { Platform, UserObject } from '../context';
import { types } from '../kube/resources';
import { parseListQuery, runQuery } from '../resources/query';
import { withStatus, type RequestContext, type Route } from '../router';
import { L } from './labels';
import { projectRoleBinding, workspaceRoleBinding } from './objects';
import { IAM_PREFIX, userView } from './users';

interface Member {
  username: string;
  roleRef: string;
}

function parseMember(v: unknown, i?: number): Member {
  const at = i === undefined ? '' : `[${i}]`;
  const m = v as Partial<Member> | null;
  if (!m || typeof m !== 'object')
    throw errors.badRequest(`member${at} must be an object {username, roleRef}`);
  if (typeof m.username !== 'string' || !m.username)
    throw errors.badRequest(`member${at}.username is required`, [fieldErrors.required(`${at}username`)]);
  if (typeof m.roleRef !== 'string' || !m.roleRef)
    throw errors.badRequest(`member${at}.roleRef is required`, [fieldErrors.required(`${at}roleRef`)]);
  return { username: m.username, roleRef: m.roleRef };
}

function userOr404(p: Platform, name: string): UserObject {
  const u = p.caches.users.get(name);
  if (!u) throw errors.notFound('users', 'iam.kubesphere.io', name);
  return u;
}

interface MemberScope {
  kind: string;
  roleAnnotation: string;
  /** 404 unless the scope exists. */
  check(ctx: RequestContext): void;
  bindings(ctx: RequestContext): BindingObject[];
  roles(ctx: RequestContext): RoleObject[];
  resolveRole(ctx: RequestContext, ref: string): RoleObject | undefined;
  binding(ctx: RequestContext, user: string, role: string): BindingObject;
  type: typeof types.workspaceRoleBindings | typeof types.roleBindings;
}

function scopedMemberRoutes(p: Platform, base: string, s: MemberScope, tag: string): Route[] {
  const userBindings = (ctx: RequestContext, user: string) =>
    s.bindings(ctx).filter((b) => b.metadata.labels?.[L.userRef] === user);
  const view = (ctx: RequestContext, user: UserObject) => {
    const v = userView(p, user);
    const role = userBindings(ctx, user.metadata.name!)[0]?.roleRef.name;
    if (role) v.metadata.annotations = { ...v.metadata.annotations, [s.roleAnnotation]: role };
    return v;
  };
  const members = (ctx: RequestContext) => {
    const names = new Set(
      s
        .bindings(ctx)
        .map((b) => b.metadata.labels?.[L.userRef])
        .filter(Boolean) as string[],
    );
    return [...names].map((n) => p.caches.users.get(n)).filter((u): u is UserObject => !!u);
  };
  /** The role a member would get; 404 for an unknown user, 400 for an unknown role. */
  const validate = (ctx: RequestContext, m: Member): RoleObject => {
    userOr404(p, m.username);
    const role = s.resolveRole(ctx, m.roleRef);
    if (!role) {
      const known = s
        .roles(ctx)
        .map((r) => r.metadata.name!)
        .sort();
      throw errors.badRequest(`unknown role "${m.roleRef}"`, [
        fieldErrors.notSupported('roleRef', m.roleRef, known),
      ]);
    }
    return role;
  };
  const bind = async (ctx: RequestContext, m: Member) => {
    const role = validate(ctx, m);
    for (const b of userBindings(ctx, m.username)) {
      if (b.roleRef.name !== role.metadata.name)
        await p.delete(s.type, b.metadata.name!, b.metadata.namespace);
    }
    await p.ensure(s.type, s.binding(ctx, m.username, role.metadata.name!));
  };
  const memberOr404 = (ctx: RequestContext) => {
    s.check(ctx);
    const user = userOr404(p, ctx.params.member);
    if (userBindings(ctx, ctx.params.member).length === 0)
      throw errors.notFound(s.kind, 'iam.kubesphere.io', ctx.params.member);
    return user;
  };
  return [
    {
      method: 'GET',
      pattern: base,
      tag,
      summary: 'List members with their role',
      handler: async (ctx) => {
        s.check(ctx);
        const out = runQuery(members(ctx), parseListQuery(ctx.url.searchParams));
        return { items: out.items.map((u) => view(ctx, u)), totalItems: out.totalItems };
      },
    },
    {
      method: 'POST',
      pattern: base,
      tag,
      summary: 'Add members: [{username, roleRef}]',
      handler: async (ctx) => {
        s.check(ctx);
        const body = await ctx.json();
        const list = (Array.isArray(body) ? body : [body]).map((m, i) => parseMember(m, i));
        for (const m of list) validate(ctx, m); // all or nothing
        for (const m of list) await bind(ctx, m);
        return withStatus(201, list);
      },
    },
    {
      method: 'GET',
      pattern: `${base}/:member`,
      tag,
      summary: 'Get a member',
      handler: async (ctx) => view(ctx, memberOr404(ctx)),
    },
    {
      method: 'PUT',
      pattern: `${base}/:member`,
      tag,
      summary: "Change a member's role: {username, roleRef}",
      handler: async (ctx) => {
        memberOr404(ctx);
        const m = parseMember(await ctx.json());
        if (m.username !== ctx.params.member)
          throw errors.badRequest(`username "${m.username}" does not match the URL ("${ctx.params.member}")`);
        await bind(ctx, m);
        return m;
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:member`,
      tag,
      summary: 'Remove a member',
      handler: async (ctx) => {
        memberOr404(ctx);
        for (const b of userBindings(ctx, ctx.params.member))
          await p.delete(s.type, b.metadata.name!, b.metadata.namespace);
        return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
      },
    },
    {
      method: 'GET',
      pattern: `${base}/:member/${s.kind === 'workspacemembers' ? 'workspaceroles' : 'roles'}`,
      tag,
      summary: "A member's roles in this scope",
      handler: async (ctx) => {
        memberOr404(ctx);
        const names = userBindings(ctx, ctx.params.member).map((b) => b.roleRef.name);
        const items = s.roles(ctx).filter((r) => names.includes(r.metadata.name!));
        return { items, totalItems: items.length };
      },
    },
  ];
}

/** Routes of workspace and project membership. */
export function membershipRoutes(p: Platform): Route[] {
  const ws: MemberScope = {
    kind: 'workspacemembers',
    roleAnnotation: L.workspaceRole,
    type: types.workspaceRoleBindings,
    check: (ctx) => {
      if (
        !p.caches.workspaceTemplates.get(ctx.params.workspace) &&
        !p.caches.workspaces.get(ctx.params.workspace)
      ) {
        throw errors.notFound('workspaces', 'tenant.kubesphere.io', ctx.params.workspace);
      }
    },
    bindings: (ctx) =>
      p.caches.workspaceRoleBindings
        .list()
        .filter((b) => b.metadata.labels?.[L.workspace] === ctx.params.workspace),
    roles: (ctx) =>
      p.caches.workspaceRoles.list().filter((r) => r.metadata.labels?.[L.workspace] === ctx.params.workspace),
    resolveRole: (ctx, ref) => {
      const w = ctx.params.workspace;
      const candidates = [
        ref,
        `${w}-${ref}`,
        ref.startsWith('workspace-') ? `${w}-${ref.slice('workspace-'.length)}` : '',
      ];
      return candidates
        .map((c) => p.caches.workspaceRoles.get(c))
        .find((r) => r && r.metadata.labels?.[L.workspace] === w);
    },
    binding: (ctx, user, role) => workspaceRoleBinding(ctx.params.workspace, user, role),
  };
  const ns: MemberScope = {
    kind: 'members',
    roleAnnotation: L.role,
    type: types.roleBindings,
    check: (ctx) => {
      if (!p.caches.namespaces.get(ctx.params.namespace))
        throw errors.notFound('namespaces', '', ctx.params.namespace);
    },
    bindings: (ctx) =>
      p.caches.roleBindings.list(ctx.params.namespace).filter((b) => b.metadata.labels?.[L.userRef]),
    roles: (ctx) =>
      p.caches.roles.list(ctx.params.namespace).filter((r) => r.metadata.labels?.[L.roleTemplate] !== 'true'),
    resolveRole: (ctx, ref) => {
      const n = ctx.params.namespace;
      return (
        p.caches.roles.get(ref, n) ??
        (ref.startsWith('project-') ? p.caches.roles.get(ref.slice('project-'.length), n) : undefined)
      );
    },
    binding: (ctx, user, role) => projectRoleBinding(ctx.params.namespace, user, role),
  };
  return [
    ...scopedMemberRoutes(p, `${IAM_PREFIX}/workspaces/:workspace/workspacemembers`, ws, 'Workspace members'),
    ...scopedMemberRoutes(p, `${IAM_PREFIX}/namespaces/:namespace/members`, ns, 'Project members'),
  ];
}
