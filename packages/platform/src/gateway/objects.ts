/**
 * @module gateway/objects
 * The project gateway ("Internet Access") as KubeSphere 3.0 builds it (pure): a Deployment and a Service
 * named `kubesphere-router-<project>` in `kubesphere-controls-system`, running an NGINX ingress controller
 * restricted to the project (`--watch-namespace=<project>`), labelled app=kubesphere, component=ks-router,
 * tier=backend, project=<project>. A LoadBalancer gateway publishes its Service's address
 * (`--publish-service`); a NodePort one reports the node's address.
 */
import { errors, fieldErrors, type KubeObject } from '@sphere/shared';

export const GATEWAY_NAMESPACE = 'kubesphere-controls-system';
export const GATEWAY_PREFIX = 'kubesphere-router-';
export const GATEWAY_IMAGE = 'kubesphere/nginx-ingress-controller:v0.35.0';
export const SERVICEMESH_ENABLED = 'servicemesh.kubesphere.io/enabled';

export type GatewayType = 'NodePort' | 'LoadBalancer';

export interface GatewayRequest {
  type: GatewayType;
  annotations: Record<string, string>;
}

export const gatewayName = (project: string) => `${GATEWAY_PREFIX}${project}`;

export const gatewayLabels = (project: string): Record<string, string> => ({
  app: 'kubesphere',
  component: 'ks-router',
  tier: 'backend',
  project,
});

/** Validates a request body `{type, annotations}` (422 Invalid with the failing fields). */
export function parseGatewayRequest(project: string, body: Record<string, unknown>): GatewayRequest {
  const type = body.type;
  const annotations = body.annotations ?? {};
  const causes = [];
  if (type !== 'NodePort' && type !== 'LoadBalancer')
    causes.push(fieldErrors.notSupported('type', type, ['NodePort', 'LoadBalancer']));
  if (
    !annotations ||
    typeof annotations !== 'object' ||
    Array.isArray(annotations) ||
    Object.values(annotations).some((v) => typeof v !== 'string')
  )
    causes.push(fieldErrors.invalid('annotations', annotations, 'must be a map of strings to strings'));
  if (causes.length) throw errors.invalid('Service', '', gatewayName(project), causes);
  return { type: type as GatewayType, annotations: annotations as Record<string, string> };
}

/** The controller's arguments for a gateway of this type. */
export function gatewayArgs(project: string, type: GatewayType): string[] {
  const name = gatewayName(project);
  return [
    '/nginx-ingress-controller',
    '--annotations-prefix=nginx.ingress.kubernetes.io',
    '--update-status',
    `--watch-namespace=${project}`,
    `--election-id=${name}`,
    type === 'LoadBalancer'
      ? `--publish-service=${GATEWAY_NAMESPACE}/${name}`
      : '--report-node-internal-ip-address',
  ];
}

/** The gateway's Deployment. */
export function gatewayDeployment(project: string, req: GatewayRequest): KubeObject {
  const labels = gatewayLabels(project);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: gatewayName(project), namespace: GATEWAY_NAMESPACE, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: { 'sidecar.istio.io/inject': String(req.annotations[SERVICEMESH_ENABLED] === 'true') },
        },
        spec: {
          containers: [
            {
              name: 'nginx-ingress-controller',
              image: GATEWAY_IMAGE,
              args: gatewayArgs(project, req.type),
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              ],
              ports: [
                { name: 'http', containerPort: 80, protocol: 'TCP' },
                { name: 'https', containerPort: 443, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  } as KubeObject;
}

/** The gateway's Service (what the router API answers with). */
export function gatewayService(project: string, req: GatewayRequest): KubeObject {
  const labels = gatewayLabels(project);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: gatewayName(project),
      namespace: GATEWAY_NAMESPACE,
      labels,
      annotations: req.annotations,
    },
    spec: {
      type: req.type,
      selector: labels,
      ports: [
        { name: 'http', protocol: 'TCP', port: 80, targetPort: 80 },
        { name: 'https', protocol: 'TCP', port: 443, targetPort: 443 },
      ],
    },
  } as KubeObject;
}

/** An existing gateway Service changed to `req`: type replaced, annotations merged (as KubeSphere does). */
export function updatedService(current: KubeObject, req: GatewayRequest): KubeObject {
  const spec = { ...(current.spec as Record<string, unknown>), type: req.type };
  return {
    ...current,
    metadata: {
      ...current.metadata,
      annotations: { ...(current.metadata.annotations ?? {}), ...req.annotations },
    },
    spec,
  };
}

/** An existing gateway Deployment with the arguments and sidecar annotation for `req`. */
export function updatedDeployment(current: KubeObject, project: string, req: GatewayRequest): KubeObject {
  const want = gatewayDeployment(project, req) as unknown as {
    spec: { template: { metadata: { annotations: Record<string, string> } } };
  };
  const spec = structuredClone(current.spec) as {
    template: {
      metadata?: { annotations?: Record<string, string> };
      spec: { containers: { name: string; args?: string[] }[] };
    };
  };
  for (const c of spec.template.spec.containers)
    if (c.name === 'nginx-ingress-controller') {
      const kept = (c.args ?? []).filter(
        (a) => !a.startsWith('--publish-service') && !a.startsWith('--report-node-internal-ip-address'),
      );
      c.args = [...kept, gatewayArgs(project, req.type).at(-1)!];
    }
  spec.template.metadata = {
    ...(spec.template.metadata ?? {}),
    annotations: {
      ...(spec.template.metadata?.annotations ?? {}),
      ...want.spec.template.metadata.annotations,
    },
  };
  return { ...current, spec };
}
