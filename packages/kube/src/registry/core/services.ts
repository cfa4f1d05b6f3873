/**
 * @module registry/core/services
 * core/v1 Service: defaults (type, session affinity, ports, traffic policies, IP families), validation
 * (ports, names, enums, externalName, clusterIP immutability), allocated values kept across updates, and
 * the services printer (PORT(S), EXTERNAL-IP, SELECTOR).
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import { isDns1123Label, isDns1123Subdomain } from '@sphere/shared/names';
import type { ResourceDescriptor, StrategyContext } from '../types';
import {
  child,
  defaultField,
  immutable,
  isObj,
  isValidPortName,
  objects,
  str,
  validateLabels,
  validatePortNumber,
  type Obj,
} from '../validation';
import { ageCell, ageColumn, column, formatLabels, nameColumn, specOf, statusOf } from './support';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const FAMILY_POLICIES = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

function isHeadless(spec: Obj): boolean {
  return spec.clusterIP === 'None';
}

/** Defaults of SetDefaults_Service plus the IP-family fields the service REST fills on create. */
export function defaultService(obj: KubeObject): void {
  const spec = child(obj as Obj, 'spec');
  defaultField(spec, 'type', 'ClusterIP');
  defaultField(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'ClientIP') {
    const config = child(spec, 'sessionAffinityConfig');
    defaultField(child(config, 'clientIP'), 'timeoutSeconds', 10800);
  }
  for (const port of objects(spec.ports)) {
    defaultField(port, 'protocol', 'TCP');
    if (
      port.targetPort === undefined ||
      port.targetPort === null ||
      port.targetPort === 0 ||
      port.targetPort === ''
    ) {
      port.targetPort = port.port;
    }
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
    defaultField(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type === 'LoadBalancer') defaultField(spec, 'allocateLoadBalancerNodePorts', true);
  if (spec.type !== 'ExternalName') {
    defaultField(spec, 'internalTrafficPolicy', 'Cluster');
    const ip = str(spec.clusterIP);
    if (ip && !Array.isArray(spec.clusterIPs)) spec.clusterIPs = [ip];
    // Headless services without a selector may list endpoints of any family, so they default to
    // RequireDualStack; every other service is single-stack on this IPv4 cluster.
    const hasSelector = isObj(spec.selector) && Object.keys(spec.selector).length > 0;
    defaultField(
      spec,
      'ipFamilyPolicy',
      isHeadless(spec) && !hasSelector ? 'RequireDualStack' : 'SingleStack',
    );
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) {
      spec.ipFamilies = [ip.includes(':') ? 'IPv6' : 'IPv4'];
    }
  }
}

function enumCause(value: unknown, field: string, supported: string[]): StatusCause[] {
  if (value === undefined || value === null) return [];
  if (value === '') return [fieldErrors.required(field)];
  return supported.includes(value as string) ? [] : [fieldErrors.notSupported(field, value, supported)];
}

function validatePorts(spec: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const ports = objects(spec.ports);
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName')
    causes.push(fieldErrors.required('spec.ports'));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = `spec.ports[${i}]`;
    const name = str(port.name);
    if (ports.length > 1 && !name) causes.push(fieldErrors.required(`${at}.name`));
    if (name) {
      for (const msg of isDns1123Label(name)) causes.push(fieldErrors.invalid(`${at}.name`, name, msg));
      if (names.has(name)) causes.push(fieldErrors.duplicate(`${at}.name`, name));
      names.add(name);
    }
    causes.push(...validatePortNumber(`${at}.port`, port.port ?? 0));
    causes.push(...enumCause(port.protocol, `${at}.protocol`, PROTOCOLS));
    const target = port.targetPort;
    if (typeof target === 'number') causes.push(...validatePortNumber(`${at}.targetPort`, target));
    else if (typeof target === 'string') {
      for (const msg of isValidPortName(target))
        causes.push(fieldErrors.invalid(`${at}.targetPort`, target, msg));
    }
    if (port.nodePort !== undefined && port.nodePort !== 0) {
      causes.push(...validatePortNumber(`${at}.nodePort`, port.nodePort));
      if (spec.type === 'ClusterIP') {
        causes.push(fieldErrors.forbidden(`${at}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
      }
    }
  });
  return causes;
}

/** Validation of a Service; on update clusterIP may not change (except to or from ExternalName). */
export function validateService(
  obj: KubeObject,
  old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = specOf(obj);
  const causes: StatusCause[] = [];
  causes.push(...enumCause(spec.type, 'spec.type', TYPES));
  causes.push(...enumCause(spec.sessionAffinity, 'spec.sessionAffinity', AFFINITIES));
  causes.push(...enumCause(spec.internalTrafficPolicy, 'spec.internalTrafficPolicy', TRAFFIC_POLICIES));
  causes.push(...enumCause(spec.externalTrafficPolicy, 'spec.externalTrafficPolicy', TRAFFIC_POLICIES));
  causes.push(...enumCause(spec.ipFamilyPolicy, 'spec.ipFamilyPolicy', FAMILY_POLICIES));
  causes.push(...validatePorts(spec));
  causes.push(...validateLabels(spec.selector, 'spec.selector'));
  if (spec.type === 'ExternalName') {
    const name = str(spec.externalName);
    if (!name) causes.push(fieldErrors.required('spec.externalName'));
    else
      for (const msg of isDns1123Subdomain(name.replace(/\.$/, '')))
        causes.push(fieldErrors.invalid('spec.externalName', name, msg));
  }
  const ip = str(spec.clusterIP);
  if (ip && ip !== 'None' && !isIP(ip)) {
    causes.push(
      fieldErrors.invalid(
        'spec.clusterIPs[0]',
        ip,
        'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ),
    );
  }
  if (old && ctx.subresource === '') {
    const oldSpec = specOf(old);
    if (oldSpec.type !== 'ExternalName' && spec.type !== 'ExternalName') {
      causes.push(...immutable('spec.clusterIP', oldSpec.clusterIP, spec.clusterIP));
    }
  }
  return causes;
}

function isIP(s: string): boolean {
  if (/^(\d{1,3})(\.\d{1,3}){3}$/.test(s)) return s.split('.').every((p) => Number(p) <= 255);
  return s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s);
}

/** Allocated fields a client may omit on update (kubectl replace): they are kept from the stored object. */
function keepAllocated(obj: KubeObject, old: KubeObject): void {
  const spec = child(obj as Obj, 'spec');
  const oldSpec = specOf(old);
  if (spec.type === 'ExternalName' || oldSpec.type === 'ExternalName') return;
  if (!str(spec.clusterIP) && oldSpec.clusterIP !== undefined) {
    spec.clusterIP = oldSpec.clusterIP;
    if (!Array.isArray(spec.clusterIPs) && oldSpec.clusterIPs !== undefined)
      spec.clusterIPs = structuredClone(oldSpec.clusterIPs);
  }
  const oldPorts = objects(oldSpec.ports);
  for (const port of objects(spec.ports)) {
    if (port.nodePort) continue;
    const match = oldPorts.find(
      (p) => p.port === port.port && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
    );
    if (match?.nodePort && (spec.type === 'NodePort' || spec.type === 'LoadBalancer'))
      port.nodePort = match.nodePort;
  }
}

/** `80/TCP,443:30443/TCP`. */
export function servicePorts(spec: Obj): string {
  const text = objects(spec.ports)
    .map((p) => {
      const protocol = str(p.protocol);
      return typeof p.nodePort === 'number' && p.nodePort > 0
        ? `${p.port}:${p.nodePort}/${protocol}`
        : `${p.port}/${protocol}`;
    })
    .join(',');
  return text || '<none>';
}

/** The EXTERNAL-IP cell. */
export function serviceExternalIP(obj: KubeObject): string {
  const spec = specOf(obj);
  const externalIPs = (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).map(String);
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = objects((statusOf(obj).loadBalancer as Obj | undefined)?.ingress)
        .map((i) => str(i.ip) || str(i.hostname))
        .filter(Boolean);
      const all = [...ingress, ...externalIPs];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
  }
  return '<unknown>';
}

/** core/v1 services. */
export const services: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  schemaId: 'io.k8s.api.core.v1.Service',
  strategicMerge: true,
  hasStatus: true,
  deleteReturnsObject: true,
  nameFormat: 'label',
  subresources: [
    {
      name: 'proxy',
      verbs: ['create', 'delete', 'get', 'patch', 'update'],
      responseKind: { group: '', version: 'v1', kind: 'ServiceProxyOptions' },
    },
  ],
  defaults: defaultService,
  prepareForCreate(obj) {
    obj.status = { loadBalancer: {} };
  },
  prepareForUpdate(obj, old, ctx) {
    if (ctx.subresource === '') keepAllocated(obj, old);
  },
  validate: validateService,
  table: {
    columns: [
      nameColumn,
      column('Type', 'string', 'How the service is exposed.'),
      column('Cluster-IP', 'string', 'The virtual IP inside the cluster.'),
      column('External-IP', 'string', 'Addresses reachable from outside the cluster.'),
      column('Port(s)', 'string', 'Service ports, with node ports where allocated.'),
      ageColumn,
      column('Selector', 'string', 'The labels of the pods the service routes to.', 1),
    ],
    cells(obj, now) {
      const spec = specOf(obj);
      const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
      return [
        obj.metadata.name ?? '',
        str(spec.type),
        str(clusterIPs[0]) || '<none>',
        serviceExternalIP(obj),
        servicePorts(spec),
        ageCell(obj, now),
        formatLabels(spec.selector),
      ];
    },
  },
};
