/**
 * @module tenant/quotas
 * Workspace quotas: `/kapis/tenant.kubesphere.io/v1alpha2/workspaces/{ws}/resourcequotas` (cluster-scoped
 * `quota.kubesphere.io/v1alpha2` ResourceQuota selecting the workspace's namespaces). Answers carry
 * `status.total` (hard, and used summed from the project quotas' usage) and `status.namespaces`.
 * Project quotas are core ResourceQuotas in the project, managed through the Kubernetes API
 * (`/api/v1/namespaces/{ns}/resourcequotas`, project admins), and listed here per project.
 * Only platform-level roles may set workspace quotas. Note: the workspace total is reported, not enforced
 * at admission.
 */
import { errors, fieldErrors, isValidQuantity, sumQuantities, type KubeObject } from '@sphere/shared';
import type { Platform } from '../context';
import { asObject } from '../http';
import { L } from '../iam/labels';
import { dnsLabelProblem } from '../iam/validation';
import { types } from '../kube/resources';
import { withStatus, type RequestContext, type Route } from '../router';
import { TENANT_PREFIX, templateOr404 } from './workspaces';

interface QuotaSpec {
  hard?: Record<string, string>;
}

interface WorkspaceQuota extends KubeObject {
  spec: { selector: Record<string, string>; quota: QuotaSpec };
}

function validateHard(name: string, hard: unknown): Record<string, string> {
  if (hard === undefined) return {};
  if (!hard || typeof hard !== 'object')
    throw errors.invalid('ResourceQuota', 'quota.kubesphere.io', name, [
      fieldErrors.invalid('spec.quota.hard', hard, 'must be a map of resource names to quantities'),
    ]);
  for (const [k, v] of Object.entries(hard as Record<string, unknown>)) {
    if (!isValidQuantity(v))
      throw errors.invalid('ResourceQuota', 'quota.kubesphere.io', name, [
        fieldErrors.invalid(`spec.quota.hard[${k}]`, v, 'must be a quantity, e.g. 2, 500m, 1Gi'),
      ]);
  }
  return hard as Record<string, string>;
}

/** The quota with its computed status. */
function withUsage(p: Platform, ws: string, q: WorkspaceQuota): WorkspaceQuota {
  const namespaces = p.caches.namespaces
    .list()
    .filter((n) => n.metadata.labels?.[L.workspace] === ws)
    .map((n) => n.metadata.name!);
  const perNs = namespaces.map((ns) => {
    const quotas = p.caches.resourceQuotas.list(ns);
    const hard: Record<string, string[]> = {};
    const used: Record<string, string[]> = {};
    for (const rq of quotas) {
      const st = rq.status as { hard?: Record<string, string>; used?: Record<string, string> } | undefined;
      for (const [k, v] of Object.entries(st?.hard ?? {})) (hard[k] ??= []).push(v);
      for (const [k, v] of Object.entries(st?.used ?? {})) (used[k] ??= []).push(v);
    }
    const sum = (m: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, sumQuantities(v)]));
    return { namespace: ns, hard: sum(hard), used: sum(used) };
  });
  const totalUsed: Record<string, string> = {};
  for (const key of Object.keys(q.spec.quota.hard ?? {})) {
    totalUsed[key] = sumQuantities(perNs.map((n) => n.used[key]).filter((v): v is string => v !== undefined));
  }
  return { ...q, status: { total: { hard: q.spec.quota.hard ?? {}, used: totalUsed }, namespaces: perNs } };
}

function quotasOf(p: Platform, ws: string): WorkspaceQuota[] {
  return p.caches.workspaceQuotas
    .list()
    .filter((q) => (q as WorkspaceQuota).spec?.selector?.[L.workspace] === ws) as WorkspaceQuota[];
}

/** Workspace quotas bound what a workspace's admins may use, so only platform-level roles set them. */
function checkPlatformWrite(p: Platform, ctx: RequestContext, verb: string) {
  if (!p.can(ctx.user, verb, 'quota.kubesphere.io', 'resourcequotas')) {
    throw errors.forbidden(
      `user "${ctx.user.name}" cannot ${verb} resource "resourcequotas" in API group "quota.kubesphere.io" at the cluster scope`,
    );
  }
}

async function write(p: Platform, ctx: RequestContext, existing?: WorkspaceQuota) {
  checkPlatformWrite(p, ctx, existing ? 'update' : 'create');
  const ws = ctx.params.workspace;
  templateOr404(p, ws);
  const body = asObject(await ctx.json()) as Partial<WorkspaceQuota>;
  const name = existing?.metadata.name ?? body.metadata?.name ?? ws;
  const problem = dnsLabelProblem(name);
  if (problem)
    throw errors.invalid('ResourceQuota', 'quota.kubesphere.io', String(name), [
      fieldErrors.invalid('metadata.name', name, problem),
    ]);
  const hard = validateHard(name, body.spec?.quota?.hard);
  const obj: WorkspaceQuota = {
    metadata: { ...(existing?.metadata ?? {}), name, labels: { [L.workspace]: ws } },
    spec: { selector: { [L.workspace]: ws }, quota: { hard } },
  };
  if (existing) return withUsage(p, ws, await p.update(types.workspaceQuotas, obj));
  if (p.caches.workspaceQuotas.get(name))
    throw errors.alreadyExists('resourcequotas', 'quota.kubesphere.io', name);
  return withStatus(201, withUsage(p, ws, await p.create(types.workspaceQuotas, obj)));
}

export function quotaRoutes(p: Platform): Route[] {
  const tag = 'Quotas';
  const base = `${TENANT_PREFIX}/workspaces/:workspace/resourcequotas`;
  const one = (ctx: RequestContext) => {
    const q = quotasOf(p, ctx.params.workspace).find((x) => x.metadata.name === ctx.params.name);
    if (!q) throw errors.notFound('resourcequotas', 'quota.kubesphere.io', ctx.params.name);
    return q;
  };
  return [
    {
      method: 'GET',
      pattern: base,
      tag,
      summary: 'Workspace quotas with usage',
      handler: async (ctx) => {
        templateOr404(p, ctx.params.workspace);
        const items = quotasOf(p, ctx.params.workspace).map((q) => withUsage(p, ctx.params.workspace, q));
        return { items, totalItems: items.length };
      },
    },
    {
      method: 'POST',
      pattern: base,
      tag,
      summary: 'Set a workspace quota: {metadata:{name}, spec:{quota:{hard:{...}}}}',
      handler: (ctx) => write(p, ctx),
    },
    {
      method: 'GET',
      pattern: `${base}/:name`,
      tag,
      summary: 'A workspace quota with usage',
      handler: async (ctx) => withUsage(p, ctx.params.workspace, one(ctx)),
    },
    {
      method: 'PUT',
      pattern: `${base}/:name`,
      tag,
      summary: 'Replace a workspace quota',
      handler: (ctx) => write(p, ctx, one(ctx)),
    },
    {
      method: 'DELETE',
      pattern: `${base}/:name`,
      tag,
      summary: 'Delete a workspace quota',
      handler: async (ctx) => {
        one(ctx);
        checkPlatformWrite(p, ctx, 'delete');
        await p.delete(types.workspaceQuotas, ctx.params.name);
        return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
      },
    },
  ];
}
