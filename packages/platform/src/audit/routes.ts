/**
 * @module audit/routes
 * `GET /kapis/tenant.kubesphere.io/v1alpha2/auditing/events` (platform administrators: whoever may list
 * `auditing` events at the platform scope): the audit trail, newest first, filtered by user, verb,
 * resource, namespace, workspace, outcome, code (`403` or `4xx`), name (substring), since/until (ISO time), paged with page/limit.
 */
import { errors } from '@sphere/shared';
import type { Platform } from '../context';
import type { Route } from '../router';

export function auditRoutes(p: Platform): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/kapis/tenant.kubesphere.io/v1alpha2/auditing/events',
      tag: 'Audit',
      authz: 'handler',
      summary: 'Audit events of mutating requests (admins only)',
      handler: async (ctx) => {
        if (!p.can(ctx.user, 'list', 'auditing.kubesphere.io', 'events')) {
          throw errors.forbidden(
            `user "${ctx.user.name}" cannot list resource "events" in API group "auditing.kubesphere.io" at the cluster scope`,
          );
        }
        const q = ctx.url.searchParams;
        const num = (k: string) => (q.get(k) ? Number(q.get(k)) : undefined);
        return await p.audit.query({
          user: q.get('user') ?? undefined,
          verb: q.get('verb') ?? undefined,
          resource: q.get('resource') ?? undefined,
          namespace: q.get('namespace') ?? undefined,
          workspace: q.get('workspace') ?? undefined,
          outcome: q.get('outcome') ?? undefined,
          code: q.get('code') ?? undefined,
          name: q.get('name') ?? undefined,
          since: q.get('since') ?? undefined,
          until: q.get('until') ?? undefined,
          page: num('page'),
          limit: num('limit'),
        });
      },
    },
  ];
}
