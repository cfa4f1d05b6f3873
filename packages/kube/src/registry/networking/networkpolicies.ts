/**
 * @module registry/networking/networkpolicies
 * networking.k8s.io/v1 NetworkPolicy: policyTypes and port protocol defaults, validation and columns.
 * (The simulated cluster stores policies; nothing enforces them.)
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { validateLabelSelector } from '../validation';
import {
  ageCell,
  ageColumn,
  column,
  defaultField,
  get,
  invalidRendered,
  isObj,
  nameColumn,
  selectorCell,
  specOf,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor } from '../types';

const protocols = ['TCP', 'UDP', 'SCTP'];
const cidrPattern = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;

function peersAndPorts(spec: Obj): { rules: Obj[]; path: string; peerKey: string }[] {
  const result: { rules: Obj[]; path: string; peerKey: string }[] = [];
  for (const [key, peerKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = Array.isArray(spec[key]) ? (spec[key] as unknown[]).filter(isObj) : [];
    result.push({ rules, path: `spec.${key}`, peerKey });
  }
  return result;
}

/** networking/v1 defaulting: policyTypes from the rules present, TCP for ports without a protocol. */
export function defaultNetworkPolicy(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!Array.isArray(spec.policyTypes) || spec.policyTypes.length === 0) {
    const egress = Array.isArray(spec.egress) && spec.egress.length > 0;
    spec.policyTypes = egress ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  defaultField(spec, 'podSelector', {});
  for (const { rules } of peersAndPorts(spec)) {
    for (const rule of rules) {
      for (const port of Array.isArray(rule.ports) ? rule.ports.filter(isObj) : [])
        defaultField(port, 'protocol', 'TCP');
    }
  }
}

/** Validation of a NetworkPolicy. */
export function validateNetworkPolicy(obj: KubeObject): StatusCause[] {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const causes: StatusCause[] = [...validateLabelSelector(spec.podSelector, 'spec.podSelector')];
  (Array.isArray(spec.policyTypes) ? spec.policyTypes : []).forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') {
      causes.push({
        reason: 'FieldValueNotSupported',
        field: `spec.policyTypes[${i}]`,
        message: `Unsupported value: "${String(t)}": supported values: "Ingress", "Egress"`,
      });
    }
  });
  for (const { rules, path, peerKey } of peersAndPorts(spec)) {
    rules.forEach((rule, i) => {
      const ports = Array.isArray(rule.ports) ? rule.ports.filter(isObj) : [];
      ports.forEach((port, j) => {
        if (port.protocol !== undefined && !protocols.includes(String(port.protocol))) {
          causes.push({
            reason: 'FieldValueNotSupported',
            field: `${path}[${i}].ports[${j}].protocol`,
            message: `Unsupported value: "${String(port.protocol)}": supported values: "SCTP", "TCP", "UDP"`,
          });
        }
      });
      const peers = Array.isArray(rule[peerKey]) ? (rule[peerKey] as unknown[]).filter(isObj) : [];
      peers.forEach((peer, j) => {
        const at = `${path}[${i}].${peerKey}[${j}]`;
        const set = ['podSelector', 'namespaceSelector', 'ipBlock'].filter(
          (k) => peer[k] !== undefined && peer[k] !== null,
        );
        if (set.length === 0)
          causes.push({
            reason: 'FieldValueRequired',
            field: at,
            message: 'Required value: must specify a peer',
          });
        if (peer.ipBlock !== undefined && set.length > 1) {
          causes.push({
            reason: 'FieldValueForbidden',
            field: at,
            message: 'Forbidden: may not specify more than 1 peer',
          });
        }
        causes.push(...validateLabelSelector(peer.podSelector, `${at}.podSelector`));
        causes.push(...validateLabelSelector(peer.namespaceSelector, `${at}.namespaceSelector`));
        const cidr = get(peer, 'ipBlock', 'cidr');
        if (peer.ipBlock !== undefined && (typeof cidr !== 'string' || !cidrPattern.test(cidr))) {
          causes.push(
            invalidRendered(
              `${at}.ipBlock.cidr`,
              JSON.stringify(cidr ?? ''),
              'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
            ),
          );
        }
      });
    });
  }
  return causes;
}

/** networking.k8s.io/v1 networkpolicies. */
export const networkpolicies: ResourceDescriptor = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  namespaced: true,
  shortNames: ['netpol'],
  schemaId: 'io.k8s.api.networking.v1.NetworkPolicy',
  strategicMerge: true,
  tracksGeneration: true,
  defaults: defaultNetworkPolicy,
  validate: (obj) => validateNetworkPolicy(obj),
  table: {
    columns: [
      nameColumn,
      column(
        'Pod-Selector',
        'string',
        'podSelector selects the pods to which this NetworkPolicy object applies.',
      ),
      ageColumn,
    ],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      selectorCell(get(obj, 'spec', 'podSelector')),
      ageCell(obj, now),
    ],
  },
};
