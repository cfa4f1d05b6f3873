/**
 * @module iam/users
 * `/kapis/iam.kubesphere.io/v1alpha2/users...`: create, list, get, update, delete users; change a password
 * (with the old one when changing one's own); login history; the user's platform role. Passwords are never
 * returned. The platform role travels in the `iam.kubesphere.io/globalrole` annotation of the request and
 * response and is stored as the GlobalRoleBinding `<user>-<role>` (one per user).
 */
import { StatusError, errors, fieldErrors, type StatusCause } from '@sphere/shared';
import { hashPassword, passwordProblems, verifyPassword } from '../auth/password';
import type { Platform, UserObject } from '../context';
import { asObject } from '../http';
import { types } from '../kube/resources';
import { parseListQuery, runQuery } from '../resources/query';
import { withStatus, type RequestContext, type Route } from '../router';
import { L } from './labels';
import { globalRoleBinding } from './objects';
import { emailProblem, usernameProblem } from './validation';

export const IAM_PREFIX = '/kapis/iam.kubesphere.io/v1alpha2';

/** The platform role bound to a user, if any. */
export function globalRoleOf(p: Platform, user: string): string | undefined {
  return p.caches.globalRoleBindings
    .list()
    .find(
      (b) =>
        b.metadata.labels?.[L.userRef] === user &&
        b.subjects?.some((s) => s.kind === 'User' && s.name === user),
    )?.roleRef.name;
}

/** A user as the API shows it: no password, platform role as an annotation. */
export function userView(p: Platform, u: UserObject): UserObject {
  const role = globalRoleOf(p, u.metadata.name!);
  const annotations = { ...u.metadata.annotations };
  delete annotations[L.tokensRevokedBefore];
  if (role) annotations[L.globalRole] = role;
  return {
    apiVersion: 'iam.kubesphere.io/v1alpha2',
    kind: 'User',
    ...u,
    metadata: { ...u.metadata, annotations },
    spec: { ...u.spec, password: undefined },
  };
}

function userOr404(p: Platform, name: string): UserObject {
  const u = p.caches.users.get(name);
  if (!u) throw errors.notFound('users', 'iam.kubesphere.io', name);
  return u;
}

function invalid(name: string, causes: StatusCause[]): StatusError {
  return errors.invalid('User', 'iam.kubesphere.io', name, causes);
}

function checkEmailUnique(p: Platform, email: string, self?: string) {
  const other = p.caches.users
    .list()
    .find((u) => u.spec.email?.toLowerCase() === email.toLowerCase() && u.metadata.name !== self);
  if (other)
    throw new StatusError(409, 'Conflict', `email "${email}" is already used by another user`, {
      kind: 'users',
      group: 'iam.kubesphere.io',
      causes: [fieldErrors.duplicate('spec.email', email)],
    });
}

function checkGlobalRole(p: Platform, ctx: RequestContext, role: string) {
  const r = p.caches.globalRoles.get(role);
  if (!r || r.metadata.labels?.[L.roleTemplate] === 'true' || role === 'authenticated') {
    throw errors.badRequest(`unknown platform role "${role}"`, [
      fieldErrors.notSupported(`metadata.annotations[${L.globalRole}]`, role, platformRoleNames(p)),
    ]);
  }
  if (!p.can(ctx.user, 'create', 'iam.kubesphere.io', 'globalrolebindings')) {
    throw errors.forbidden(
      `user "${ctx.user.name}" cannot create resource "globalrolebindings" in API group "iam.kubesphere.io" at the platform scope`,
    );
  }
}

function platformRoleNames(p: Platform): string[] {
  return p.caches.globalRoles
    .list()
    .filter((r) => r.metadata.labels?.[L.roleTemplate] !== 'true' && r.metadata.name !== 'authenticated')
    .map((r) => r.metadata.name!)
    .sort();
}

/** Replaces the user's platform role binding (one per user). */
export async function setGlobalRole(p: Platform, user: string, role: string | undefined) {
  const existing = p.caches.globalRoleBindings.list().filter((b) => b.metadata.labels?.[L.userRef] === user);
  for (const b of existing)
    if (b.roleRef.name !== role) await p.delete(types.globalRoleBindings, b.metadata.name!);
  if (role && !existing.some((b) => b.roleRef.name === role))
    await p.ensure(types.globalRoleBindings, globalRoleBinding(user, role));
}

/** Deletes everything that refers to a user (bindings at every scope, login records). Idempotent. */
export async function cleanupUser(p: Platform, user: string) {
  const refs = (
    list: { metadata: { name?: string; namespace?: string; labels?: Record<string, string> } }[],
  ) => list.filter((o) => o.metadata.labels?.[L.userRef] === user);
  for (const b of refs(p.caches.globalRoleBindings.list()))
    await p.delete(types.globalRoleBindings, b.metadata.name!);
  for (const b of refs(p.caches.workspaceRoleBindings.list()))
    await p.delete(types.workspaceRoleBindings, b.metadata.name!);
  for (const b of refs(p.caches.roleBindings.list()))
    await p.delete(types.roleBindings, b.metadata.name!, b.metadata.namespace);
  for (const b of refs(p.caches.clusterRoleBindings.list()))
    await p.delete(types.clusterRoleBindings, b.metadata.name!);
  for (const r of refs(p.caches.loginRecords.list())) await p.delete(types.loginRecords, r.metadata.name!);
}

async function createUser(p: Platform, ctx: RequestContext) {
  const body = asObject(await ctx.json()) as Partial<UserObject>;
  const meta = asObject(body.metadata ?? {}, 'metadata');
  const spec = asObject(body.spec ?? {}, 'spec') as UserObject['spec'];
  const name = meta.name as string;
  const causes: StatusCause[] = [];
  const nameProblem = usernameProblem(name);
  if (nameProblem) causes.push(fieldErrors.invalid('metadata.name', name ?? null, nameProblem));
  const emailP = emailProblem(spec.email);
  if (emailP) causes.push(fieldErrors.invalid('spec.email', spec.email ?? null, emailP));
  const pw = passwordProblems(spec.password);
  if (pw.length) causes.push(fieldErrors.invalid('spec.password', '<hidden>', pw.join('; ')));
  if (causes.length) throw invalid(typeof name === 'string' ? name : '', causes);
  if (p.caches.users.get(name)) throw errors.alreadyExists('users', 'iam.kubesphere.io', name);
  checkEmailUnique(p, spec.email!);
  const annotations = { ...((meta.annotations as Record<string, string>) ?? {}) };
  const role = annotations[L.globalRole];
  delete annotations[L.globalRole];
  delete annotations[L.uninitialized];
  delete annotations[L.tokensRevokedBefore];
  if (role) checkGlobalRole(p, ctx, role);
  annotations[L.lastPasswordChange] = p.now().toISOString();
  const user: UserObject = {
    metadata: { name, labels: (meta.labels as Record<string, string>) ?? undefined, annotations },
    spec: { ...spec, password: await hashPassword(spec.password!, p.cfg.bcryptCost) },
    status: { state: 'Active', lastTransitionTime: p.now().toISOString() },
  };
  const created = await p.create(types.users, user);
  if (role) await setGlobalRole(p, name, role);
  return withStatus(201, userView(p, created));
}

async function updateUser(p: Platform, ctx: RequestContext) {
  const name = ctx.params.name;
  const current = userOr404(p, name);
  const body = asObject(await ctx.json()) as Partial<UserObject>;
  if (body.metadata?.name && body.metadata.name !== name)
    throw errors.badRequest(`metadata.name "${body.metadata.name}" does not match the URL ("${name}")`);
  const spec = asObject(body.spec ?? {}, 'spec') as UserObject['spec'];
  if (spec.email !== undefined) {
    const problem = emailProblem(spec.email);
    if (problem) throw invalid(name, [fieldErrors.invalid('spec.email', spec.email, problem)]);
    checkEmailUnique(p, spec.email, name);
  }
  const annotations = { ...((body.metadata?.annotations as Record<string, string>) ?? {}) };
  const role = annotations[L.globalRole];
  if (role && role !== globalRoleOf(p, name)) checkGlobalRole(p, ctx, role);
  const nextState = (body.status as UserObject['status'])?.state;
  const status = { ...current.status };
  if (nextState && nextState !== current.status?.state) {
    if (!['Active', 'Disabled'].includes(nextState))
      throw invalid(name, [fieldErrors.notSupported('status.state', nextState, ['Active', 'Disabled'])]);
    if (name === ctx.user.name) throw errors.badRequest('you cannot change the state of your own account');
    status.state = nextState;
    status.lastTransitionTime = p.now().toISOString();
    status.reason = '';
  }
  // Protected annotations are kept from the stored object, never taken from the request.
  for (const k of [L.globalRole, L.uninitialized, L.tokensRevokedBefore, L.lastPasswordChange])
    delete annotations[k];
  for (const k of [L.uninitialized, L.tokensRevokedBefore, L.lastPasswordChange]) {
    const v = current.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  const next: UserObject = {
    ...current,
    metadata: { ...current.metadata, labels: body.metadata?.labels ?? current.metadata.labels, annotations },
    spec: { ...current.spec, ...spec, password: current.spec.password },
    status,
  };
  const updated = await p.update(types.users, next);
  if (role) await setGlobalRole(p, name, role);
  return userView(p, updated);
}

async function changePassword(p: Platform, ctx: RequestContext) {
  const name = ctx.params.name;
  const current = userOr404(p, name);
  const body = asObject(await ctx.json());
  const password = body.password;
  const problems = passwordProblems(password);
  if (problems.length)
    throw invalid(name, [fieldErrors.invalid('password', '<hidden>', problems.join('; '))]);
  // Changing one's own password (or sending the old one) requires the old password to match.
  if (name === ctx.user.name || body.currentPassword !== undefined) {
    if (
      typeof body.currentPassword !== 'string' ||
      !(await verifyPassword(body.currentPassword, current.spec.password))
    ) {
      throw errors.badRequest('incorrect old password', [
        fieldErrors.invalid('currentPassword', '<hidden>', 'does not match the current password'),
      ]);
    }
    if (body.currentPassword === password)
      throw errors.badRequest('the new password must differ from the old one');
  }
  const annotations: Record<string, string> = {
    ...current.metadata.annotations,
    [L.lastPasswordChange]: p.now().toISOString(),
  };
  delete annotations[L.uninitialized];
  await p.update(types.users, {
    ...current,
    metadata: { ...current.metadata, annotations },
    spec: { ...current.spec, password: await hashPassword(password as string, p.cfg.bcryptCost) },
  });
  return { message: 'password changed' };
}

async function deleteUser(p: Platform, ctx: RequestContext) {
  const name = ctx.params.name;
  userOr404(p, name);
  if (name === ctx.user.name) throw errors.badRequest('you cannot delete your own account');
  await p.delete(types.users, name);
  await cleanupUser(p, name);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name, group: 'iam.kubesphere.io', kind: 'users' },
    code: 200,
  };
}

export function userRoutes(p: Platform): Route[] {
  const tag = 'Users';
  return [
    {
      method: 'GET',
      pattern: `${IAM_PREFIX}/users`,
      tag,
      summary: 'List users (v1alpha3 query: name, email, status, sortBy, page, limit...)',
      handler: async (ctx) => {
        const q = parseListQuery(ctx.url.searchParams, ['globalrole']);
        const role = ctx.url.searchParams.get('globalrole');
        const users = p.caches.users
          .list()
          .filter((u) => !role || globalRoleOf(p, u.metadata.name!) === role);
        const out = runQuery(users, q);
        return { items: out.items.map((u) => userView(p, u)), totalItems: out.totalItems };
      },
    },
    {
      method: 'POST',
      pattern: `${IAM_PREFIX}/users`,
      tag,
      summary: 'Create a user (annotation iam.kubesphere.io/globalrole binds a platform role)',
      handler: (ctx) => createUser(p, ctx),
    },
    {
      method: 'GET',
      pattern: `${IAM_PREFIX}/users/:name`,
      tag,
      summary: 'Get a user',
      handler: async (ctx) => userView(p, userOr404(p, ctx.params.name)),
    },
    {
      method: 'PUT',
      pattern: `${IAM_PREFIX}/users/:name`,
      tag,
      summary: 'Update a user (email, display name, platform role, state Active/Disabled)',
      handler: (ctx) => updateUser(p, ctx),
    },
    {
      method: 'DELETE',
      pattern: `${IAM_PREFIX}/users/:name`,
      tag,
      summary: 'Delete a user and everything bound to it',
      handler: (ctx) => deleteUser(p, ctx),
    },
    {
      method: 'PUT',
      pattern: `${IAM_PREFIX}/users/:name/password`,
      tag,
      summary: 'Change a password ({currentPassword, password})',
      handler: (ctx) => changePassword(p, ctx),
    },
    {
      method: 'GET',
      pattern: `${IAM_PREFIX}/users/:name/loginrecords`,
      tag,
      summary: 'Login history of a user, newest first',
      handler: async (ctx) => {
        userOr404(p, ctx.params.name);
        const records = p.caches.loginRecords
          .list()
          .filter((r) => r.metadata.labels?.[L.userRef] === ctx.params.name);
        return runQuery(records, parseListQuery(ctx.url.searchParams));
      },
    },
    {
      method: 'GET',
      pattern: `${IAM_PREFIX}/users/:name/globalroles`,
      tag,
      summary: 'The platform role of a user',
      handler: async (ctx) => {
        userOr404(p, ctx.params.name);
        const role = globalRoleOf(p, ctx.params.name);
        const obj = role ? p.caches.globalRoles.get(role) : undefined;
        return { items: obj ? [obj] : [], totalItems: obj ? 1 : 0 };
      },
    },
  ];
}
