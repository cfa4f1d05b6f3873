/**
 * @module workloads/gateway
 * The project gateway ("Internet Access"): the platform's
 * `/kapis/resources.kubesphere.io/v1alpha2/namespaces/{ns}/router` answers the gateway's core/v1 Service
 * (404 when none is set). Pure: the state the page shows and the body it sends.
 */
import type { KubeObject } from '@sphere/shared';

export type GatewayType = 'NodePort' | 'LoadBalancer';

/** What the Internet Access page shows. */
export type GatewayState =
  | { kind: 'none' }
  | {
      kind: 'set';
      type: GatewayType;
      /** `http:30080`, `https:30443` for NodePort; `http:80` for LoadBalancer. */
      ports: { name: string; port: number; nodePort?: number }[];
      /** LoadBalancer ingress IP/hostname when assigned. */
      address?: string;
      annotations: Record<string, string>;
      clusterIP?: string;
    };

type Any = Record<string, unknown>;

/** Reads the gateway Service (undefined = not set). */
export function gatewayState(svc: KubeObject | undefined | null): GatewayState {
  if (!svc) return { kind: 'none' };
  const spec = (svc.spec ?? {}) as Any;
  const ingress = (
    (svc.status as Any | undefined)?.loadBalancer as
      { ingress?: { ip?: string; hostname?: string }[] } | undefined
  )?.ingress?.[0];
  const ports = ((spec.ports as Any[] | undefined) ?? []).map((p) => ({
    name: String(p.name ?? p.protocol ?? ''),
    port: Number(p.port),
    ...(typeof p.nodePort === 'number' ? { nodePort: p.nodePort } : {}),
  }));
  return {
    kind: 'set',
    type: spec.type === 'LoadBalancer' ? 'LoadBalancer' : 'NodePort',
    ports,
    address: ingress?.ip ?? ingress?.hostname,
    annotations: { ...(svc.metadata.annotations ?? {}) },
    clusterIP: typeof spec.clusterIP === 'string' ? spec.clusterIP : undefined,
  };
}

/** The address routes are reached at: the LoadBalancer address, else undefined (NodePort = any node). */
export function gatewayAddress(state: GatewayState): string | undefined {
  return state.kind === 'set' ? state.address : undefined;
}

/** Annotations the user may edit (system ones are left to the server). */
export function editableAnnotations(annotations: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations).filter(
      ([k]) => !k.startsWith('kubectl.kubernetes.io/') && !/(^|\.)kubesphere\.io\//.test(k),
    ),
  );
}

/** The POST/PUT body of the router endpoint. */
export function gatewayBody(type: GatewayType, annotations: Record<string, string>) {
  return { type, annotations };
}
