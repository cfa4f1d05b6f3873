/**
 * @module registry/networking/ingresses
 * networking.k8s.io/v1 Ingress: rule, path and backend validation with kube-apiserver's messages, the
 * status subresource and the columns `kubectl get ingress` shows.
 */
import { isDns1123Subdomain, type KubeObject, type StatusCause } from '@sphere/shared';
import {
  ageCell,
  ageColumn,
  column,
  get,
  invalidRendered,
  isObj,
  nameColumn,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor, StrategyContext } from '../types';

const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];
const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function validateHost(host: unknown, field: string): StatusCause[] {
  if (typeof host !== 'string' || host === '') return [];
  if (ipv4.test(host) || host.includes(':')) {
    return [invalidRendered(field, JSON.stringify(host), 'must be a DNS name, not an IP address')];
  }
  // A leading `*.` makes a wildcard host; the rest must still be a DNS subdomain.
  const checked = host.startsWith('*.') ? host.slice(2) : host;
  return isDns1123Subdomain(checked).map((msg) => invalidRendered(field, JSON.stringify(host), msg));
}

/** Upstream's backend rules: exactly one of service/resource, and a service port by name or number. */
export function validateIngressBackend(backend: unknown, path: string): StatusCause[] {
  if (!isObj(backend)) return [invalidRendered(path, '""', 'resource or service backend is required')];
  const service = backend.service;
  const resource = backend.resource;
  if (isObj(service) && isObj(resource))
    return [invalidRendered(path, '""', 'cannot set both resource and service backends')];
  if (isObj(resource)) {
    const causes: StatusCause[] = [];
    if (!resource.kind)
      causes.push({
        reason: 'FieldValueRequired',
        field: `${path}.resource.kind`,
        message: 'Required value',
      });
    if (!resource.name)
      causes.push({
        reason: 'FieldValueRequired',
        field: `${path}.resource.name`,
        message: 'Required value',
      });
    return causes;
  }
  if (!isObj(service)) return [invalidRendered(path, '""', 'resource or service backend is required')];
  const causes: StatusCause[] = [];
  if (!service.name)
    causes.push({ reason: 'FieldValueRequired', field: `${path}.service.name`, message: 'Required value' });
  const port = isObj(service.port) ? service.port : {};
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = typeof port.number === 'number' && port.number !== 0;
  if (hasName && hasNumber)
    causes.push(invalidRendered(path, '""', 'cannot set both port name & port number'));
  else if (hasNumber && ((port.number as number) < 1 || (port.number as number) > 65535)) {
    causes.push(
      invalidRendered(
        `${path}.service.port.number`,
        String(port.number),
        'must be between 1 and 65535, inclusive',
      ),
    );
  } else if (!hasName && !hasNumber) {
    causes.push({
      reason: 'FieldValueRequired',
      field: path,
      message: 'Required value: port name or number is required',
    });
  }
  return causes;
}

function validatePath(p: unknown, at: string): StatusCause[] {
  if (!isObj(p)) return [];
  const causes: StatusCause[] = [];
  const type = p.pathType;
  if (type === undefined || type === null || type === '') {
    causes.push({
      reason: 'FieldValueRequired',
      field: `${at}.pathType`,
      message: 'Required value: pathType must be specified',
    });
  } else if (!pathTypes.includes(String(type))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${at}.pathType`,
      message: `Unsupported value: "${String(type)}": supported values: ${pathTypes.map((t) => `"${t}"`).join(', ')}`,
    });
  }
  const path = typeof p.path === 'string' ? p.path : '';
  const mustBeAbsolute = type === 'Exact' || type === 'Prefix' || path !== '';
  if (mustBeAbsolute && !path.startsWith('/')) {
    causes.push(invalidRendered(`${at}.path`, JSON.stringify(path), 'must be an absolute path'));
  }
  causes.push(...validateIngressBackend(p.backend, `${at}.backend`));
  return causes;
}

/** Validation of an Ingress spec. */
export function validateIngress(
  obj: KubeObject,
  _old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  const causes: StatusCause[] = [];
  if (spec.defaultBackend === undefined && rules.length === 0) {
    causes.push(
      invalidRendered(
        'spec.rules',
        '[]networking.IngressRule(nil)',
        'either `defaultBackend` or `rules` must be specified',
      ),
    );
  }
  if (spec.defaultBackend !== undefined)
    causes.push(...validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const at = `spec.rules[${i}]`;
    if (!isObj(rule)) return;
    causes.push(...validateHost(rule.host, `${at}.host`));
    if (rule.http === undefined) return;
    const paths = get<unknown[]>(rule, 'http', 'paths');
    if (!Array.isArray(paths) || paths.length === 0) {
      causes.push({ reason: 'FieldValueRequired', field: `${at}.http.paths`, message: 'Required value' });
      return;
    }
    paths.forEach((p, j) => causes.push(...validatePath(p, `${at}.http.paths[${j}]`)));
  });
  (Array.isArray(spec.tls) ? spec.tls : []).forEach((tls, i) => {
    const hosts = get<unknown[]>(tls, 'hosts') ?? [];
    hosts.forEach((h, j) => causes.push(...validateHost(h, `spec.tls[${i}].hosts[${j}]`)));
  });
  if (typeof spec.ingressClassName === 'string') {
    for (const msg of isDns1123Subdomain(spec.ingressClassName)) {
      causes.push(invalidRendered('spec.ingressClassName', JSON.stringify(spec.ingressClassName), msg));
    }
  }
  return causes;
}

/** `a.com,b.com + 2 more...` (at most three hosts), `*` when no rule names a host. */
export function formatIngressHosts(rules: unknown): string {
  const list = Array.isArray(rules) ? rules.filter(isObj) : [];
  const hosts: string[] = [];
  let more = false;
  for (const rule of list) {
    if (hosts.length === 3) more = true;
    if (!more && typeof rule.host === 'string' && rule.host !== '') hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  return more ? `${hosts.join(',')} + ${list.length - 3} more...` : hosts.join(',');
}

/** IPs (else hostnames) of `status.loadBalancer.ingress`, without duplicates. */
export function formatLoadBalancerAddress(status: unknown): string {
  const entries = (get<unknown[]>(status, 'loadBalancer', 'ingress') ?? []).filter(isObj);
  const seen = new Set<string>();
  for (const entry of entries) {
    const address =
      typeof entry.ip === 'string' && entry.ip
        ? entry.ip
        : typeof entry.hostname === 'string'
          ? entry.hostname
          : '';
    if (address) seen.add(address);
  }
  return [...seen].join(',');
}

/** networking.k8s.io/v1 ingresses. */
export const ingresses: ResourceDescriptor = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'Ingress',
  plural: 'ingresses',
  singular: 'ingress',
  namespaced: true,
  shortNames: ['ing'],
  schemaId: 'io.k8s.api.networking.v1.Ingress',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate: validateIngress,
  table: {
    columns: [
      nameColumn,
      column(
        'Class',
        'string',
        'The name of the IngressClass resource that should be used for additional configuration',
      ),
      column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
      column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
      column('Ports', 'string', 'Ports of TLS configurations that open'),
      ageColumn,
    ],
    cells(obj, now) {
      const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
      const tls = Array.isArray(spec.tls) ? spec.tls : [];
      return [
        obj.metadata.name ?? '',
        typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>',
        formatIngressHosts(spec.rules),
        formatLoadBalancerAddress(obj.status),
        tls.length > 0 ? '80, 443' : '80',
        ageCell(obj, now),
      ];
    },
  },
};
