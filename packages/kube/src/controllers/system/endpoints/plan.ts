/**
 * @module controllers/system/endpoints/plan
 * What a Service's Endpoints and EndpointSlices should hold (pure): the pods its selector picks, with
 * each service port's targetPort resolved against the pod's container ports (named ports may resolve
 * differently per pod, so pods are grouped by their resolved port list).
 */
import { matchesLabelSelector, type KubeObject } from '@sphere/shared';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface Service extends KubeObject {
  spec?: {
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
    type?: string;
    publishNotReadyAddresses?: boolean;
  };
}

export interface Pod extends KubeObject {
  spec?: {
    nodeName?: string;
    hostname?: string;
    subdomain?: string;
    containers?: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[];
  };
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface PodEndpoint {
  ip: string;
  pod: Pod;
  hostname?: string;
  nodeName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  ports: EndpointPort[];
}

export const managedBy = 'endpointslice-controller.k8s.io';
export const serviceNameLabel = 'kubernetes.io/service-name';
export const managedByLabel = 'endpointslice.kubernetes.io/managed-by';
export const headlessLabel = 'service.kubernetes.io/headless';

/** Whether the Endpoints and EndpointSlice controllers manage this Service at all. */
export function managesService(svc: Service): boolean {
  return svc.spec?.type !== 'ExternalName' && Object.keys(svc.spec?.selector ?? {}).length > 0;
}

/** The container port a service port sends to on this pod, or undefined when a named port is missing. */
export function resolveTargetPort(sp: ServicePort, pod: Pod): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
}

/** The pods behind a Service, with their resolved ports and readiness (sorted by IP). */
export function podEndpoints(svc: Service, pods: Pod[]): PodEndpoint[] {
  const selector = svc.spec?.selector ?? {};
  const out: PodEndpoint[] = [];
  for (const pod of pods) {
    if (pod.metadata.namespace !== svc.metadata.namespace) continue;
    if (!matchesLabelSelector({ matchLabels: selector }, pod.metadata.labels)) continue;
    const ip = pod.status?.podIP;
    const phase = pod.status?.phase;
    if (!ip || phase === 'Succeeded' || phase === 'Failed') continue;
    const podReady = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    const terminating = !!pod.metadata.deletionTimestamp;
    const ports: EndpointPort[] = [];
    for (const sp of svc.spec?.ports ?? []) {
      const port = resolveTargetPort(sp, pod);
      if (port === undefined) continue;
      ports.push({
        ...(sp.name ? { name: sp.name } : {}),
        port,
        protocol: sp.protocol ?? 'TCP',
        ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}),
      });
    }
    const hostname =
      pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name ? pod.spec.hostname : undefined;
    out.push({
      ip,
      pod,
      hostname,
      nodeName: pod.spec?.nodeName,
      ready: (podReady || !!svc.spec?.publishNotReadyAddresses) && !terminating,
      serving: podReady || !!svc.spec?.publishNotReadyAddresses,
      terminating,
      ports,
    });
  }
  return out.sort((a, b) => a.ip.localeCompare(b.ip, 'en', { numeric: true }));
}

const targetRef = (pod: Pod) => ({
  kind: 'Pod',
  namespace: pod.metadata.namespace,
  name: pod.metadata.name,
  uid: pod.metadata.uid,
});

const portsKey = (ports: EndpointPort[]) => JSON.stringify(ports);

/** Endpoints `subsets`: pods grouped by resolved ports; terminating pods left out (as upstream). */
export function endpointSubsets(eps: PodEndpoint[]): Record<string, unknown>[] {
  const groups = new Map<string, { ports: EndpointPort[]; ready: unknown[]; notReady: unknown[] }>();
  for (const ep of eps) {
    if (ep.terminating) continue;
    const key = portsKey(ep.ports);
    const g = groups.get(key) ?? { ports: ep.ports, ready: [], notReady: [] };
    groups.set(key, g);
    const address = {
      ip: ep.ip,
      ...(ep.hostname ? { hostname: ep.hostname } : {}),
      ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
      targetRef: targetRef(ep.pod),
    };
    (ep.ready ? g.ready : g.notReady).push(address);
  }
  return [...groups.values()]
    .filter((g) => g.ports.length > 0 || g.ready.length + g.notReady.length > 0)
    .map((g) => ({
      ...(g.ready.length ? { addresses: g.ready } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    }));
}

/** The Endpoints object a Service should have. */
export function desiredEndpoints(svc: Service, eps: PodEndpoint[]): KubeObject {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  if (svc.spec?.clusterIP === 'None') labels[headlessLabel] = '';
  const subsets = endpointSubsets(eps);
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.metadata.name,
      namespace: svc.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
    },
    ...(subsets.length ? { subsets } : {}),
  };
}

export interface SliceContent {
  ports: EndpointPort[];
  endpoints: Record<string, unknown>[];
}

/** EndpointSlice contents, one per distinct port list; a Service without pods keeps one empty slice. */
export function desiredSlices(eps: PodEndpoint[]): SliceContent[] {
  const groups = new Map<string, SliceContent>();
  for (const ep of eps) {
    const key = portsKey(ep.ports);
    const g = groups.get(key) ?? { ports: ep.ports, endpoints: [] };
    groups.set(key, g);
    g.endpoints.push({
      addresses: [ep.ip],
      conditions: { ready: ep.ready, serving: ep.serving, terminating: ep.terminating },
      ...(ep.hostname ? { hostname: ep.hostname } : {}),
      ...(ep.nodeName ? { nodeName: ep.nodeName } : {}),
      targetRef: targetRef(ep.pod),
    });
  }
  return groups.size ? [...groups.values()] : [{ ports: [], endpoints: [] }];
}

export interface SlicePlan {
  create: SliceContent[];
  update: { slice: KubeObject; content: SliceContent }[];
  delete: KubeObject[];
}

const sameContent = (slice: KubeObject, c: SliceContent) =>
  JSON.stringify((slice as { endpoints?: unknown }).endpoints ?? []) === JSON.stringify(c.endpoints) &&
  JSON.stringify((slice as { ports?: unknown }).ports ?? []) === JSON.stringify(c.ports);

/** Matches existing slices to the desired ones (by port list first), reusing as many as possible. */
export function planSlices(existing: KubeObject[], desired: SliceContent[]): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [] };
  const free = [...existing].sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
  const take = (pred: (s: KubeObject) => boolean) => {
    const i = free.findIndex(pred);
    return i < 0 ? undefined : free.splice(i, 1)[0];
  };
  const unmatched: SliceContent[] = [];
  for (const c of desired) {
    const slice = take((s) => portsKey((s as { ports?: EndpointPort[] }).ports ?? []) === portsKey(c.ports));
    if (!slice) unmatched.push(c);
    else if (!sameContent(slice, c)) plan.update.push({ slice, content: c });
  }
  for (const c of unmatched) {
    const slice = take(() => true);
    if (slice) plan.update.push({ slice, content: c });
    else plan.create.push(c);
  }
  plan.delete = free;
  return plan;
}
