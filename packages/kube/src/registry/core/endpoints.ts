/**
 * @module registry/core/endpoints
 * core/v1 Endpoints: address and port checks, and the ENDPOINTS column (`ip:port` list, three at most).
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import { isDns1123Label } from '@sphere/shared/names';
import type { ResourceDescriptor } from '../types';
import { objects, str, validatePortNumber } from '../validation';
import { ageCell, ageColumn, column, nameColumn } from './support';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateEndpoints(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  objects(obj.subsets).forEach((subset, i) => {
    const at = `subsets[${i}]`;
    for (const key of ['addresses', 'notReadyAddresses']) {
      objects(subset[key]).forEach((addr, j) => {
        if (!str(addr.ip)) causes.push(fieldErrors.required(`${at}.${key}[${j}].ip`));
      });
    }
    objects(subset.ports).forEach((port, j) => {
      const p = `${at}.ports[${j}]`;
      const name = str(port.name);
      if (name)
        for (const msg of isDns1123Label(name)) causes.push(fieldErrors.invalid(`${p}.name`, name, msg));
      causes.push(...validatePortNumber(`${p}.port`, port.port ?? 0));
      if (port.protocol !== undefined && !PROTOCOLS.includes(port.protocol as string)) {
        causes.push(fieldErrors.notSupported(`${p}.protocol`, port.protocol, PROTOCOLS));
      }
    });
  });
  return causes;
}

/** `10.0.0.1:80,10.0.0.2:80 + 3 more...` or `<none>`, as the endpoints printer renders it. */
export function formatEndpoints(obj: KubeObject): string {
  const subsets = objects(obj.subsets);
  if (subsets.length === 0) return '<none>';
  const max = 3;
  const list: string[] = [];
  let count = 0;
  let more = false;
  const add = (entry: string) => {
    if (list.length === max) more = true;
    else list.push(entry);
  };
  for (const subset of subsets) {
    const addresses = objects(subset.addresses);
    const ports = objects(subset.ports);
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) add(str(a.ip));
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const a of addresses) {
        const ip = str(a.ip);
        add(ip.includes(':') ? `[${ip}]:${port.port}` : `${ip}:${port.port}`);
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - max} more...` : text;
}

/** core/v1 endpoints. */
export const endpoints: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Endpoints',
  plural: 'endpoints',
  singular: 'endpoints',
  namespaced: true,
  shortNames: ['ep'],
  schemaId: 'io.k8s.api.core.v1.Endpoints',
  strategicMerge: true,
  validate: (obj) => validateEndpoints(obj),
  table: {
    columns: [
      nameColumn,
      column('Endpoints', 'string', 'Addresses and ports of the ready endpoints.'),
      ageColumn,
    ],
    cells: (obj, now) => [obj.metadata.name ?? '', formatEndpoints(obj), ageCell(obj, now)],
  },
};
