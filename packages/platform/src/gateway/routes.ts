/**
 * @module gateway/routes
 * The project gateway API of KubeSphere 3.0: `GET|POST|PUT|DELETE
 * /kapis/resources.kubesphere.io/v1alpha2/namespaces/{namespace}/router`. Every answer is the gateway's
 * Service (`kubesphere-router-<namespace>` in `kubesphere-controls-system`); GET of a project without a
 * gateway is 404. Authorized from the path like every project-scoped route (resource `router` in API
 * group `resources.kubesphere.io`): project admins manage it, operators and viewers may only read it
 * (KubeSphere's `project-settings` module). Everything goes through the Kubernetes API.
 */
import { StatusError, errors, type KubeObject } from '@sphere/shared';
import type { Platform } from '../context';
import { listableTypes, types } from '../kube/resources';
import type { RequestContext, Route } from '../router';
import { bodyObject } from '../server';
import {
  GATEWAY_NAMESPACE,
  gatewayDeployment,
  gatewayName,
  gatewayService,
  parseGatewayRequest,
  updatedDeployment,
  updatedService,
  type GatewayRequest,
} from './objects';

const services = listableTypes.services;
const deployments = listableTypes.deployments;

export const ROUTER_PATH = '/kapis/resources.kubesphere.io/v1alpha2/namespaces/:namespace/router';

async function projectOr404(p: Platform, ns: string): Promise<void> {
  if (p.caches.namespaces.get(ns)) return;
  if (!(await p.client.find(types.namespaces, ns))) throw errors.notFound('namespaces', '', ns);
}

async function gatewayOr404(p: Platform, ns: string): Promise<KubeObject> {
  const svc = await p.client.find(services, gatewayName(ns), GATEWAY_NAMESPACE);
  if (!svc) throw errors.notFound('services', '', gatewayName(ns));
  return svc;
}

/** Creates the Deployment, or brings an existing one to `req`. */
async function applyDeployment(p: Platform, ns: string, req: GatewayRequest): Promise<void> {
  const current = await p.client.find(deployments, gatewayName(ns), GATEWAY_NAMESPACE);
  if (!current) await p.client.create(deployments, gatewayDeployment(ns, req));
  else await p.client.update(deployments, updatedDeployment(current, ns, req));
}

async function create(p: Platform, ctx: RequestContext): Promise<KubeObject> {
  const ns = ctx.params.namespace;
  const req = parseGatewayRequest(ns, await bodyObject(ctx));
  await projectOr404(p, ns);
  if (await p.client.find(services, gatewayName(ns), GATEWAY_NAMESPACE))
    throw errors.alreadyExists('services', '', gatewayName(ns));
  await p.client.createIfAbsent(types.namespaces, { metadata: { name: GATEWAY_NAMESPACE } });
  await applyDeployment(p, ns, req);
  try {
    return await p.client.create(services, gatewayService(ns, req));
  } catch (err) {
    // As KubeSphere: a gateway without its Service is removed again.
    await p.client.delete(deployments, gatewayName(ns), GATEWAY_NAMESPACE).catch(() => {});
    throw err;
  }
}

async function update(p: Platform, ctx: RequestContext): Promise<KubeObject> {
  const ns = ctx.params.namespace;
  const req = parseGatewayRequest(ns, await bodyObject(ctx));
  for (let attempt = 0; ; attempt++) {
    const current = await gatewayOr404(p, ns);
    await applyDeployment(p, ns, req);
    try {
      return await p.client.update(services, updatedService(current, req));
    } catch (err) {
      if (!(err instanceof StatusError && err.code === 409) || attempt >= 2) throw err;
    }
  }
}

/** Removes a project's gateway (Deployment and Service); a missing one is fine. */
export async function deleteGateway(p: Platform, ns: string): Promise<void> {
  await p.client.delete(deployments, gatewayName(ns), GATEWAY_NAMESPACE);
  await p.client.delete(services, gatewayName(ns), GATEWAY_NAMESPACE);
}

export function gatewayRoutes(p: Platform): Route[] {
  const tag = 'Project gateway';
  return [
    {
      method: 'GET',
      pattern: ROUTER_PATH,
      tag,
      summary: "The project's gateway Service (404 when the project has none)",
      list: false,
      handler: (ctx) => gatewayOr404(p, ctx.params.namespace),
    },
    {
      method: 'POST',
      pattern: ROUTER_PATH,
      tag,
      summary:
        'Enable the project gateway: {"type":"NodePort"|"LoadBalancer","annotations":{...}}; answers the Service',
      handler: (ctx) => create(p, ctx),
    },
    {
      method: 'PUT',
      pattern: ROUTER_PATH,
      tag,
      summary: 'Change the gateway type (annotations are merged); answers the Service',
      handler: (ctx) => update(p, ctx),
    },
    {
      method: 'DELETE',
      pattern: ROUTER_PATH,
      tag,
      summary: 'Disable the project gateway; answers the deleted Service',
      handler: async (ctx) => {
        const svc = await gatewayOr404(p, ctx.params.namespace);
        await deleteGateway(p, ctx.params.namespace);
        return svc;
      },
    },
  ];
}
