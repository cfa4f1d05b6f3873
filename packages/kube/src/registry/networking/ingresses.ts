/**
 * @module registry/networking/ingresses
 * networking.k8s.io/v1 Ingress: rule, path and backend validation with kube-apiserver's messages, the
 * status subresource and the columns `kubectl get ingress` shows.
 */
import {
  isDns1123Subdomain,
  isValidPathSegmentName,
  type KubeObject,
  type StatusCause,
} from '@sphere/shared';
import { isValidPortName } from '../validation';
import {
  ageCell,
  ageColumn,
  column,
  get,
  invalidRendered,
  isDns1035Label,
  isObj,
  nameColumn,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor, StrategyContext } from '../types';

const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];
const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];
const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const wildcardSubdomain = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const wildcardMessage =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function isIp(host: string): boolean {
  return ipv4.test(host) || (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host));
}

/** Host names of rules and TLS entries: DNS subdomains, or wildcard subdomains (`*.example.com`). */
function hostErrors(host: string): string[] {
  if (host.includes('*')) {
    const errs = host.length > 253 ? ['must be no more than 253 characters'] : [];
    return wildcardSubdomain.test(host) ? errs : [...errs, wildcardMessage];
  }
  return isDns1123Subdomain(host);
}

function required(field: string, detail = ''): StatusCause {
  return {
    reason: 'FieldValueRequired',
    field,
    message: detail ? `Required value: ${detail}` : 'Required value',
  };
}

/** A TypedLocalObjectReference (resource backends, IngressClass parameters). */
export function validateTypedReference(ref: unknown, path: string): StatusCause[] {
  if (!isObj(ref)) return [];
  const causes: StatusCause[] = [];
  if (typeof ref.apiGroup === 'string') {
    for (const msg of isDns1123Subdomain(ref.apiGroup))
      causes.push(invalidRendered(`${path}.apiGroup`, JSON.stringify(ref.apiGroup), msg));
  }
  for (const key of ['kind', 'name']) {
    const value = typeof ref[key] === 'string' ? (ref[key] as string) : '';
    if (!value) causes.push(required(`${path}.${key}`, `${key} is required`));
    else
      for (const msg of isValidPathSegmentName(value))
        causes.push(invalidRendered(`${path}.${key}`, JSON.stringify(value), msg));
  }
  return causes;
}

/** Upstream's backend rules: exactly one of service/resource, and a service port by name or number. */
export function validateIngressBackend(backend: unknown, path: string): StatusCause[] {
  const b = (isObj(backend) ? backend : {}) as Obj;
  const service = b.service;
  const resource = b.resource;
  if (isObj(service) && isObj(resource))
    return [invalidRendered(path, '""', 'cannot set both resource and service backends')];
  if (isObj(resource)) return validateTypedReference(resource, `${path}.resource`);
  if (!isObj(service)) return [invalidRendered(path, '""', 'resource or service backend is required')];
  const causes: StatusCause[] = [];
  const name = typeof service.name === 'string' ? service.name : '';
  if (!name) causes.push(required(`${path}.service.name`));
  else
    for (const msg of isDns1035Label(name))
      causes.push(invalidRendered(`${path}.service.name`, JSON.stringify(name), msg));
  const port = isObj(service.port) ? service.port : {};
  const portName = typeof port.name === 'string' ? port.name : '';
  const portNumber = typeof port.number === 'number' ? port.number : 0;
  if (portName && portNumber) {
    causes.push(invalidRendered(path, '""', 'cannot set both port name & port number'));
  } else if (portName) {
    for (const msg of isValidPortName(portName))
      causes.push(invalidRendered(`${path}.service.port.name`, JSON.stringify(portName), msg));
  } else if (portNumber) {
    if (portNumber < 1 || portNumber > 65535) {
      causes.push(
        invalidRendered(
          `${path}.service.port.number`,
          String(portNumber),
          'must be between 1 and 65535, inclusive',
        ),
      );
    }
  } else {
    causes.push(required(path, 'port name or number is required'));
  }
  return causes;
}

function validatePath(p: unknown, at: string): StatusCause[] {
  const entry = (isObj(p) ? p : {}) as Obj;
  const type = entry.pathType;
  if (type === undefined || type === null) return [required(`${at}.pathType`, 'pathType must be specified')];
  const causes: StatusCause[] = [];
  const path = typeof entry.path === 'string' ? entry.path : '';
  const rendered = JSON.stringify(path);
  if (type === 'Exact' || type === 'Prefix') {
    if (!path.startsWith('/'))
      causes.push(invalidRendered(`${at}.path`, rendered, 'must be an absolute path'));
    for (const seq of invalidPathSequences) {
      if (path.includes(seq))
        causes.push(invalidRendered(`${at}.path`, rendered, `must not contain '${seq}'`));
    }
    for (const suffix of invalidPathSuffixes) {
      if (path.endsWith(suffix))
        causes.push(invalidRendered(`${at}.path`, rendered, `cannot end with '${suffix}'`));
    }
  } else if (type === 'ImplementationSpecific') {
    if (path !== '' && !path.startsWith('/'))
      causes.push(invalidRendered(`${at}.path`, rendered, 'must be an absolute path'));
  } else {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${at}.pathType`,
      message: `Unsupported value: "${String(type)}": supported values: ${pathTypes.map((t) => `"${t}"`).join(', ')}`,
    });
  }
  causes.push(...validateIngressBackend(entry.backend, `${at}.backend`));
  return causes;
}

function validateRules(rules: unknown[]): StatusCause[] {
  const causes: StatusCause[] = [];
  rules.forEach((rule, i) => {
    const at = `spec.rules[${i}]`;
    const r = (isObj(rule) ? rule : {}) as Obj;
    const host = typeof r.host === 'string' ? r.host : '';
    if (host) {
      if (isIp(host))
        causes.push(
          invalidRendered(`${at}.host`, JSON.stringify(host), 'must be a DNS name, not an IP address'),
        );
      for (const msg of hostErrors(host))
        causes.push(invalidRendered(`${at}.host`, JSON.stringify(host), msg));
    }
    if (!isObj(r.http)) return;
    const paths = Array.isArray(r.http.paths) ? r.http.paths : [];
    if (paths.length === 0) causes.push(required(`${at}.http.paths`));
    paths.forEach((p, j) => causes.push(...validatePath(p, `${at}.http.paths[${j}]`)));
  });
  return causes;
}

/** Validation of an Ingress (`ValidateIngressSpec` and the class annotation rule). */
export function validateIngress(
  obj: KubeObject,
  _old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  const causes: StatusCause[] = [];
  if (rules.length === 0 && !isObj(spec.defaultBackend)) {
    causes.push(
      invalidRendered(
        'spec',
        '[]networking.IngressRule(nil)',
        'either `defaultBackend` or `rules` must be specified',
      ),
    );
  }
  if (isObj(spec.defaultBackend))
    causes.push(...validateIngressBackend(spec.defaultBackend, 'spec.defaultBackend'));
  causes.push(...validateRules(rules));
  (Array.isArray(spec.tls) ? spec.tls : []).forEach((tls, i) => {
    const hosts = get<unknown[]>(tls, 'hosts') ?? [];
    hosts.forEach((h, j) => {
      for (const msg of hostErrors(String(h)))
        causes.push(invalidRendered(`spec.tls[${i}].hosts[${j}]`, JSON.stringify(h), msg));
    });
  });
  if (typeof spec.ingressClassName === 'string') {
    for (const msg of isDns1123Subdomain(spec.ingressClassName)) {
      causes.push(invalidRendered('spec.ingressClassName', JSON.stringify(spec.ingressClassName), msg));
    }
  }
  const classAnnotation = obj.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (classAnnotation !== undefined && typeof spec.ingressClassName === 'string') {
    causes.push(
      invalidRendered(
        'annotations.kubernetes.io/ingress.class',
        JSON.stringify(classAnnotation),
        'can not be set when the class field is also set',
      ),
    );
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
