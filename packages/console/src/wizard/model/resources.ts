/**
 * @module model/resources
 * Form sections of the non-workload wizards: Service, Ingress (Route), PVC (Volume), Secret, ConfigMap.
 */
import type { KubeObject } from '@sphere/shared';
import { getIn, setIn } from '../../lib/object-path';
import { ALIAS, DESCRIPTION } from '../../resources/meta';
import { withObject, type Draft } from './draft';
import { serviceTemplate } from './templates';
import { withAnnotation, type BasicForm } from './workload';

type Obj = Record<string, unknown>;

/** Default object of each simple kind (KubeSphere templates). */
export function resourceTemplate(kind: string, namespace: string): KubeObject {
  const metadata = { namespace, labels: {} };
  switch (kind) {
    case 'Service':
      return {
        ...serviceTemplate(namespace),
        spec: { type: 'ClusterIP', sessionAffinity: 'None', selector: {}, ports: [] },
      };
    case 'Ingress':
      return { apiVersion: 'networking.k8s.io/v1', kind, metadata, spec: { rules: [] } };
    case 'PersistentVolumeClaim':
      return {
        apiVersion: 'v1',
        kind,
        metadata,
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
      };
    case 'Secret':
      return { apiVersion: 'v1', kind, metadata, type: 'Opaque', data: {} };
    case 'ConfigMap':
      return { apiVersion: 'v1', kind, metadata, data: {} };
    default:
      throw new Error(`no template for ${kind}`);
  }
}

/** Basic Info of any single-object draft. */
export function readObjectBasic(o: KubeObject): BasicForm {
  return {
    name: o.metadata.name ?? '',
    alias: o.metadata.annotations?.[ALIAS] ?? '',
    description: o.metadata.annotations?.[DESCRIPTION] ?? '',
  };
}

export function applyObjectBasic(draft: Draft, o: KubeObject, f: BasicForm): Draft {
  const named = setIn(o, 'metadata.name', f.name || undefined);
  return withObject(draft, withAnnotation(withAnnotation(named, ALIAS, f.alias), DESCRIPTION, f.description));
}

/** UTF-8 → base64 (Secret data). */
export function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** base64 → UTF-8; undecodable input is returned as is. */
export function decodeBase64(b64: string): string {
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
  } catch {
    return b64;
  }
}

/** Secret data as plain text (the form edits decoded values). */
export function readSecretData(o: KubeObject): Record<string, string> {
  const data = ((o as Obj).data ?? {}) as Record<string, string>;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decodeBase64(v)]));
}

export function applySecretData(
  draft: Draft,
  o: KubeObject,
  type: string,
  values: Record<string, string>,
): Draft {
  const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, encodeBase64(v)]));
  return withObject(draft, { ...o, type, data });
}

/** The `.dockerconfigjson` of an image registry secret. */
export function dockerConfigJson(server: string, username: string, password: string, email = ''): string {
  const auth = encodeBase64(`${username}:${password}`);
  return JSON.stringify({ auths: { [server]: { username, password, email, auth } } });
}

export function applyConfigMapData(draft: Draft, o: KubeObject, values: Record<string, string>): Draft {
  return withObject(draft, { ...o, data: { ...values } });
}

export interface PvcForm {
  storageClassName: string;
  accessMode: string;
  storage: string;
}

export function readPvc(o: KubeObject): PvcForm {
  return {
    storageClassName: String(getIn(o, 'spec.storageClassName') ?? ''),
    accessMode: String((getIn(o, 'spec.accessModes') as string[] | undefined)?.[0] ?? 'ReadWriteOnce'),
    storage: String(getIn(o, 'spec.resources.requests.storage') ?? '10Gi'),
  };
}

export function applyPvc(draft: Draft, o: KubeObject, f: PvcForm): Draft {
  let p = setIn(o, 'spec.storageClassName', f.storageClassName || undefined);
  p = setIn(p, 'spec.accessModes', [f.accessMode]);
  p = setIn(p, 'spec.resources.requests.storage', f.storage);
  return withObject(draft, p);
}

export interface SvcPort {
  name: string;
  protocol: 'TCP' | 'UDP';
  port: number;
  targetPort: number;
}
export interface ServiceSettings {
  headless: boolean;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  selector: Record<string, string>;
  ports: SvcPort[];
  sessionAffinity: 'None' | 'ClientIP';
}

export function readServiceSettings(o: KubeObject): ServiceSettings {
  const spec = (o.spec ?? {}) as Obj;
  return {
    headless: spec.clusterIP === 'None',
    type: (spec.type as ServiceSettings['type']) ?? 'ClusterIP',
    selector: { ...((spec.selector as Record<string, string> | undefined) ?? {}) },
    ports: ((spec.ports as Obj[] | undefined) ?? []).map((p) => ({
      name: String(p.name ?? ''),
      protocol: p.protocol === 'UDP' ? 'UDP' : 'TCP',
      port: Number(p.port),
      targetPort: Number(p.targetPort ?? p.port),
    })),
    sessionAffinity: spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None',
  };
}

/** Writes Service Settings; the annotation `kubesphere.io/serviceType` marks a "specify workloads" service. */
export function applyServiceSettings(draft: Draft, o: KubeObject, s: ServiceSettings): Draft {
  let svc = setIn(o, 'spec.clusterIP', s.headless ? 'None' : undefined);
  svc = setIn(svc, 'spec.type', s.headless ? 'ClusterIP' : s.type);
  svc = setIn(svc, 'spec.selector', { ...s.selector });
  svc = setIn(
    svc,
    'spec.ports',
    s.ports.map((p) => ({
      name: p.name || `${p.protocol.toLowerCase()}-${p.port}`,
      protocol: p.protocol,
      port: p.port,
      targetPort: p.targetPort,
    })),
  );
  svc = setIn(svc, 'spec.sessionAffinity', s.sessionAffinity);
  svc = withAnnotation(svc, 'kubesphere.io/serviceType', 'simpleservice');
  return withObject(draft, svc);
}

export interface RouteRule {
  host: string;
  path: string;
  service: string;
  port: number;
}

export function readRouteRules(o: KubeObject): RouteRule[] {
  const rules = (getIn(o, 'spec.rules') as Obj[] | undefined) ?? [];
  return rules.flatMap((r) =>
    (((r.http as Obj | undefined)?.paths as Obj[] | undefined) ?? []).map((p) => ({
      host: String(r.host ?? ''),
      path: String(p.path ?? '/'),
      service: String(getIn(p, 'backend.service.name') ?? ''),
      port: Number(getIn(p, 'backend.service.port.number') ?? 80),
    })),
  );
}

/** Groups rules by host into `networking.k8s.io/v1` rules (pathType Prefix). */
export function applyRouteRules(draft: Draft, o: KubeObject, rules: RouteRule[]): Draft {
  const hosts = [...new Set(rules.map((r) => r.host))];
  const spec = hosts.map((host) => ({
    ...(host ? { host } : {}),
    http: {
      paths: rules
        .filter((r) => r.host === host)
        .map((r) => ({
          path: r.path || '/',
          pathType: 'Prefix',
          backend: { service: { name: r.service, port: { number: r.port } } },
        })),
    },
  }));
  return withObject(draft, setIn(o, 'spec.rules', spec));
}
