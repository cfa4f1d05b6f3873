/**
 * @module registry/core/service-allocation
 * Cluster IPs and node ports for Services. kube-apiserver allocates both synchronously while creating
 * (or retyping) a Service, so `kubectl create service` answers with them already set. Here that is an
 * admission plugin over the store: pure pickers decide, the plugin reads what is in use and reserves.
 */
import { fieldErrors, errors, type KubeObject, type StatusCause } from '@sphere/shared';
import type { AdmissionPlugin, AdmissionRequest } from '../../pipeline/deps';
import type { Store } from '../../storage/types';
import { child, objects, str, type Obj } from '../validation';
import { specOf } from './support';

export interface AllocationConfig {
  /** Service CIDR (default 10.96.0.0/12, whose first address belongs to the `kubernetes` service). */
  serviceCidr?: string;
  /** Inclusive node port range (default 30000-32767). */
  nodePortRange?: [number, number];
  /** Random source in [0, 1) (injected for tests). */
  random?: () => number;
  /** Clock for reservations (injected for tests). */
  now?: () => number;
}

/** How long an address handed out by admission stays reserved before the store must show it. */
const RESERVATION_MS = 60_000;

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** First and last usable addresses of an IPv4 CIDR (network and broadcast excluded). */
export function cidrRange(cidr: string): [number, number] {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToInt(base) / size) * size;
  return [start + 1, start + size - 2];
}

/** Whether an IPv4 address lies in the CIDR's usable range. */
export function inCidr(ip: string, cidr: string): boolean {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(ip)) return false;
  const [first, last] = cidrRange(cidr);
  const n = ipToInt(ip);
  return n >= first && n <= last;
}

/** A free address of the CIDR (scanning from a random offset), or undefined when it is full. */
export function pickClusterIP(used: Set<string>, cidr: string, random: () => number): string | undefined {
  const [first, last] = cidrRange(cidr);
  const count = last - first + 1;
  const offset = Math.floor(random() * count);
  for (let i = 0; i < count; i++) {
    const ip = intToIp(first + ((offset + i) % count));
    if (!used.has(ip)) return ip;
  }
  return undefined;
}

/** A free port of the range (scanning from a random offset), or undefined when it is full. */
export function pickNodePort(
  used: Set<number>,
  range: [number, number],
  random: () => number,
): number | undefined {
  const count = range[1] - range[0] + 1;
  const offset = Math.floor(random() * count);
  for (let i = 0; i < count; i++) {
    const port = range[0] + ((offset + i) % count);
    if (!used.has(port)) return port;
  }
  return undefined;
}

function needsClusterIP(spec: Obj): boolean {
  return spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
}

function needsNodePorts(spec: Obj): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer';
}

/** Addresses and ports in use by stored services other than `self` (namespace/name). */
function inUse(store: Store, self: string): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const svc of store.list('/services').items) {
    if (`${svc.metadata.namespace}/${svc.metadata.name}` === self) continue;
    const spec = specOf(svc);
    for (const ip of Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [spec.clusterIP])
      if (str(ip)) ips.add(str(ip));
    for (const p of objects(spec.ports))
      if (typeof p.nodePort === 'number' && p.nodePort > 0) ports.add(p.nodePort);
  }
  return { ips, ports };
}

/**
 * Admission plugin that fills `spec.clusterIP(s)` and node ports of Services on create and when an update
 * starts needing them (e.g. ClusterIP → NodePort), and rejects requested values that are taken.
 */
export function serviceAllocationAdmission(store: Store, config: AllocationConfig = {}): AdmissionPlugin {
  const cidr = config.serviceCidr ?? '10.96.0.0/12';
  const range = config.nodePortRange ?? [30000, 32767];
  const random = config.random ?? Math.random;
  const now = config.now ?? Date.now;
  const reservedIPs = new Map<string, number>();
  const reservedPorts = new Map<number, number>();

  const fresh = <K>(reserved: Map<K, number>): Set<K> => {
    const live = new Set<K>();
    for (const [key, at] of reserved) {
      if (now() - at > RESERVATION_MS) reserved.delete(key);
      else live.add(key);
    }
    return live;
  };

  function admit(req: AdmissionRequest): void {
    const d = req.descriptor;
    if (d.group !== '' || d.plural !== 'services' || req.subresource !== '' || req.operation === 'delete')
      return;
    const obj: KubeObject = req.object;
    const spec = child(obj as Obj, 'spec');
    const self = `${obj.metadata.namespace}/${obj.metadata.name}`;
    const used = inUse(store, self);
    const causes: StatusCause[] = [];

    if (needsClusterIP(spec)) {
      const requested = str(spec.clusterIP);
      const oldIP = req.old ? str(specOf(req.old).clusterIP) : '';
      if (!requested) {
        const taken = new Set([...used.ips, ...fresh(reservedIPs)]);
        const ip = pickClusterIP(taken, cidr, random);
        if (!ip) throw errors.internal('failed to allocate a serviceIP: range is full');
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
        if (!req.dryRun) reservedIPs.set(ip, now());
      } else if (requested !== oldIP) {
        const field = 'spec.clusterIPs';
        const rendered = `[]string{"${requested}"}`;
        if (!inCidr(requested, cidr)) {
          causes.push({
            reason: 'FieldValueInvalid',
            field,
            message: `Invalid value: ${rendered}: failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${cidr}`,
          });
        } else if (used.ips.has(requested) || fresh(reservedIPs).has(requested)) {
          causes.push({
            reason: 'FieldValueInvalid',
            field,
            message: `Invalid value: ${rendered}: failed to allocate IP ${requested}: provided IP is already allocated`,
          });
        } else if (!req.dryRun) {
          reservedIPs.set(requested, now());
        }
        if (!Array.isArray(spec.clusterIPs) || spec.clusterIPs[0] !== requested)
          spec.clusterIPs = [requested];
      }
    }

    if (needsNodePorts(spec)) {
      const oldPorts = new Set(
        req.old
          ? objects(specOf(req.old).ports)
              .map((p) => p.nodePort)
              .filter((p) => typeof p === 'number')
          : [],
      );
      const ports = objects(spec.ports);
      // Ports this service asks for explicitly are checked first so automatic picks avoid them.
      const own = new Set(
        ports.map((p) => p.nodePort).filter((p): p is number => typeof p === 'number' && p > 0),
      );
      ports.forEach((port, i) => {
        const requested = typeof port.nodePort === 'number' ? port.nodePort : 0;
        if (!requested) {
          const taken = new Set([...used.ports, ...own, ...fresh(reservedPorts)]);
          const picked = pickNodePort(taken, range, random);
          if (picked === undefined) throw errors.internal('failed to allocate a nodePort: range is full');
          port.nodePort = picked;
          own.add(picked);
          if (!req.dryRun) reservedPorts.set(picked, now());
        } else if (!oldPorts.has(requested)) {
          const field = `spec.ports[${i}].nodePort`;
          if (requested < range[0] || requested > range[1]) {
            causes.push(
              fieldErrors.invalid(
                field,
                requested,
                `provided port is not in the valid range. The range of valid ports is ${range[0]}-${range[1]}`,
              ),
            );
          } else if (used.ports.has(requested) || fresh(reservedPorts).has(requested)) {
            causes.push(fieldErrors.invalid(field, requested, 'provided port is already allocated'));
          } else {
            used.ports.add(requested);
            if (!req.dryRun) reservedPorts.set(requested, now());
          }
        }
      });
    } else {
      // Node ports are released when a service stops needing them.
      for (const port of objects(spec.ports)) delete port.nodePort;
    }

    if (causes.length) throw errors.invalid('Service', '', obj.metadata.name ?? '', causes);
  }

  return { name: 'ServiceAllocation', admit };
}
