/**
 * @module monitoring/alerting/routes
 * `/kapis/alerting.kubesphere.io/v2alpha1`: alert policies (`rules`) and alert messages (`alerts`), at the
 * cluster level (platform roles) and per project (`/namespaces/{ns}/...`, project roles), authorized from
 * the path like every platform call.
 */
import { errors } from '@sphere/shared';
import type { RequestContext, Route } from '../../router';
import { withStatus } from '../../router';
import type { AlertManager } from './manager';
import { validatePolicy, type AlertPolicy } from './policy';

export const ALERTING_PREFIX = '/kapis/alerting.kubesphere.io/v2alpha1';

export function alertingRoutes(m: AlertManager): Route[] {
  const tag = 'Alerting';
  const routes: Route[] = [];
  /** A policy as the API shows it: with its evaluation status (ignored when sent back). */
  const shown = (p: AlertPolicy) => ({ ...p, status: m.status(p) });
  for (const [base, nsOf] of [
    ['', () => undefined],
    ['/namespaces/:namespace', (ctx: RequestContext) => ctx.params.namespace],
  ] as [string, (ctx: RequestContext) => string | undefined][]) {
    const one = (ctx: RequestContext) => {
      const p = m.get(nsOf(ctx), ctx.params.name);
      if (!p) throw errors.notFound('rules', 'alerting.kubesphere.io', ctx.params.name);
      return p;
    };
    const where = base ? 'in a project' : 'of the cluster';
    routes.push(
      {
        method: 'GET',
        pattern: `${ALERTING_PREFIX}${base}/rules`,
        tag,
        summary: `Alert policies ${where}, each with its status {state: firing|pending|inactive|disabled, firing, lastEvaluatedAt}`,
        handler: async (ctx) => {
          const items = m.list(nsOf(ctx)).map(shown);
          return { items, totalItems: items.length };
        },
      },
      {
        method: 'POST',
        pattern: `${ALERTING_PREFIX}${base}/rules`,
        tag,
        summary: `Create an alert policy ${where}: {name, metric, match?, condition, threshold, duration, severity, webhook?}`,
        handler: async (ctx) => {
          const p = validatePolicy(await ctx.json(), nsOf(ctx));
          if (m.get(p.namespace, p.name))
            throw errors.alreadyExists('rules', 'alerting.kubesphere.io', p.name);
          return withStatus(201, shown(m.put(p)));
        },
      },
      {
        method: 'GET',
        pattern: `${ALERTING_PREFIX}${base}/rules/:name`,
        tag,
        summary: `An alert policy ${where}`,
        handler: async (ctx) => shown(one(ctx)),
      },
      {
        method: 'PUT',
        pattern: `${ALERTING_PREFIX}${base}/rules/:name`,
        tag,
        summary: `Replace an alert policy ${where} (a new threshold keeps alert states; a new metric or target, or disabled, resolves firing alerts)`,
        handler: async (ctx) => {
          one(ctx);
          return shown(m.put(validatePolicy(await ctx.json(), nsOf(ctx), ctx.params.name)));
        },
      },
      {
        method: 'DELETE',
        pattern: `${ALERTING_PREFIX}${base}/rules/:name`,
        tag,
        summary: `Delete an alert policy ${where} (its firing alerts resolve)`,
        handler: async (ctx) => {
          one(ctx);
          m.delete(nsOf(ctx), ctx.params.name);
          return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
        },
      },
      {
        method: 'GET',
        pattern: `${ALERTING_PREFIX}${base}/alerts`,
        tag,
        summary: `Alert messages ${where}, newest first (?state=firing|resolved, ?policy=)`,
        handler: async (ctx) => {
          const items = m.alerts({
            namespace: nsOf(ctx),
            state: ctx.url.searchParams.get('state') ?? undefined,
            policy: ctx.url.searchParams.get('policy') ?? undefined,
          });
          return { items, totalItems: items.length };
        },
      },
    );
  }
  return routes;
}
