/**
 * @module dataplane/model
 * The shapes the simulated data plane reads (Services, EndpointSlices, Pods, Ingresses), narrowed to the
 * fields it uses, and the read-only view of cluster state its routing decisions take.
 */
import type { KubeObject } from '@sphere/shared';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
  appProtocol?: string;
}

export interface Service extends KubeObject {
  spec?: {
    type?: string;
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export interface SliceEndpoint {
  addresses: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  targetRef?: { kind?: string; namespace?: string; name?: string };
}

export interface EndpointSlice extends KubeObject {
  endpoints?: SliceEndpoint[] | null;
  ports?: { name?: string; port?: number; protocol?: string }[] | null;
}

export interface Container {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
}

export interface Pod extends KubeObject {
  spec?: { nodeName?: string; containers?: Container[] };
  status?: { podIP?: string };
}

export interface IngressBackend {
  service?: { name: string; port?: { name?: string; number?: number } };
  resource?: unknown;
}

export interface IngressPath {
  path?: string;
  pathType?: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressBackend;
}

export interface Ingress extends KubeObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: { host?: string; http?: { paths?: IngressPath[] } }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** What the routing decisions read: the informers' caches in the cluster, plain arrays in tests. */
export interface ClusterView {
  services(namespace?: string): Service[];
  service(namespace: string, name: string): Service | undefined;
  /** EndpointSlices of one Service (label `kubernetes.io/service-name`). */
  slicesOf(namespace: string, service: string): EndpointSlice[];
  pod(namespace: string, name: string): Pod | undefined;
  ingresses(namespace?: string): Ingress[];
}

/** A view over arrays (tests, and anything that already holds lists). */
export function arrayView(objects: {
  services?: Service[];
  slices?: EndpointSlice[];
  pods?: Pod[];
  ingresses?: Ingress[];
}): ClusterView {
  const inNs = <T extends KubeObject>(list: T[] | undefined, ns?: string) =>
    (list ?? []).filter((o) => ns === undefined || o.metadata.namespace === ns);
  return {
    services: (ns) => inNs(objects.services, ns),
    service: (ns, name) => inNs(objects.services, ns).find((s) => s.metadata.name === name),
    slicesOf: (ns, svc) =>
      inNs(objects.slices, ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc),
    pod: (ns, name) => inNs(objects.pods, ns).find((p) => p.metadata.name === name),
    ingresses: (ns) => inNs(objects.ingresses, ns),
  };
}
