/**
 * @module registry/discovery/endpointslices
 * discovery.k8s.io/v1 EndpointSlice: address type rules (immutable), endpoint and port validation and
 * the `kubectl get endpointslices` columns.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import {
  ageCell,
  ageColumn,
  column,
  immutableField,
  invalidRendered,
  isObj,
  nameColumn,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor } from '../types';

const addressTypes = ['IPv4', 'IPv6', 'FQDN'];
const maxEndpoints = 1000;
const maxAddresses = 100;
const maxPorts = 100;

/** Validation of an EndpointSlice. */
export function validateEndpointSlice(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  const type = obj.addressType;
  if (type === undefined || type === null || type === '') {
    causes.push({ reason: 'FieldValueRequired', field: 'addressType', message: 'Required value' });
  } else if (!addressTypes.includes(String(type))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'addressType',
      message: `Unsupported value: "${String(type)}": supported values: "FQDN", "IPv4", "IPv6"`,
    });
  }
  const endpoints = Array.isArray(obj.endpoints) ? obj.endpoints : [];
  if (endpoints.length > maxEndpoints) {
    causes.push({
      reason: 'FieldValueTooMany',
      field: 'endpoints',
      message: `Too many: ${endpoints.length}: must have at most ${maxEndpoints} items`,
    });
  }
  endpoints.forEach((ep, i) => {
    const addresses = isObj(ep) && Array.isArray(ep.addresses) ? ep.addresses : [];
    if (addresses.length === 0) {
      causes.push({
        reason: 'FieldValueRequired',
        field: `endpoints[${i}].addresses`,
        message: 'Required value: must contain at least 1 address',
      });
    } else if (addresses.length > maxAddresses) {
      causes.push({
        reason: 'FieldValueTooMany',
        field: `endpoints[${i}].addresses`,
        message: `Too many: ${addresses.length}: must have at most ${maxAddresses} items`,
      });
    }
  });
  const ports = Array.isArray(obj.ports) ? obj.ports : [];
  if (ports.length > maxPorts) {
    causes.push({
      reason: 'FieldValueTooMany',
      field: 'ports',
      message: `Too many: ${ports.length}: must have at most ${maxPorts} items`,
    });
  }
  ports.forEach((p, i) => {
    const port = (isObj(p) ? p : {}) as Obj;
    if (typeof port.port === 'number' && (port.port < 1 || port.port > 65535)) {
      causes.push(
        invalidRendered(`ports[${i}].port`, String(port.port), 'must be between 1 and 65535, inclusive'),
      );
    }
    if (port.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(String(port.protocol))) {
      causes.push({
        reason: 'FieldValueNotSupported',
        field: `ports[${i}].protocol`,
        message: `Unsupported value: "${String(port.protocol)}": supported values: "SCTP", "TCP", "UDP"`,
      });
    }
  });
  if (old) causes.push(...immutableField(obj.addressType, old.addressType, 'addressType'));
  return causes;
}

function listWithMore(list: string[], count: number, max: number): string {
  const joined = list.join(',');
  if (count > max) return `${joined} + ${count - max} more...`;
  return joined === '' ? '<unset>' : joined;
}

/** The Ports column: port numbers (or names, `*` when neither), at most three. */
export function formatSlicePorts(ports: unknown): string {
  const list = (Array.isArray(ports) ? ports : []).filter(isObj);
  const shown = list
    .slice(0, 3)
    .map((p) => (typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*'));
  return listWithMore(shown, list.length, 3);
}

/** The Endpoints column: addresses of all endpoints, at most three. */
export function formatSliceEndpoints(endpoints: unknown): string {
  const addresses = (Array.isArray(endpoints) ? endpoints : [])
    .filter(isObj)
    .flatMap((e) => (Array.isArray(e.addresses) ? e.addresses.map(String) : []));
  return listWithMore(addresses.slice(0, 3), addresses.length, 3);
}

/** discovery.k8s.io/v1 endpointslices. */
export const endpointslices: ResourceDescriptor = {
  group: 'discovery.k8s.io',
  version: 'v1',
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  schemaId: 'io.k8s.api.discovery.v1.EndpointSlice',
  strategicMerge: true,
  tracksGeneration: true,
  validate: (obj, old) => validateEndpointSlice(obj, old),
  table: {
    columns: [
      nameColumn,
      column(
        'AddressType',
        'string',
        'addressType specifies the type of address carried by this EndpointSlice.',
      ),
      column(
        'Ports',
        'string',
        'ports specifies the list of network ports exposed by each endpoint in this slice.',
      ),
      column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
      ageColumn,
    ],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      String(obj.addressType ?? ''),
      formatSlicePorts(obj.ports),
      formatSliceEndpoints(obj.endpoints),
      ageCell(obj, now),
    ],
  },
};
