/**
 * @module registry/core/nodes
 * core/v1 Node (cluster-scoped): taint checks, the `spec.unschedulable` field selector, and the nodes
 * printer (STATUS with SchedulingDisabled, ROLES from node-role labels, VERSION, wide details).
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import { isQualifiedName, isValidLabelValue } from '@sphere/shared/names';
import type { ResourceDescriptor } from '../types';
import { canonicalizeResourceList, isObj, objects, str } from '../validation';
import { ageCell, ageColumn, column, nameColumn, specOf, statusOf } from './support';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const ROLE_PREFIX = 'node-role.kubernetes.io/';

function validateNode(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  objects(specOf(obj).taints).forEach((taint, i) => {
    const at = `spec.taints[${i}]`;
    const key = str(taint.key);
    if (!key) causes.push(fieldErrors.required(`${at}.key`));
    else for (const msg of isQualifiedName(key)) causes.push(fieldErrors.invalid(`${at}.key`, key, msg));
    if (taint.value !== undefined) {
      for (const msg of isValidLabelValue(str(taint.value)))
        causes.push(fieldErrors.invalid(`${at}.value`, taint.value, msg));
    }
    if (!str(taint.effect)) causes.push(fieldErrors.required(`${at}.effect`));
    else if (!TAINT_EFFECTS.includes(str(taint.effect)))
      causes.push(fieldErrors.notSupported(`${at}.effect`, taint.effect, TAINT_EFFECTS));
  });
  return causes;
}

/** Roles from `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role` label, sorted. */
export function nodeRoles(obj: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

/** `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled` for cordoned nodes. */
export function nodeStatus(obj: KubeObject): string {
  const ready = objects(statusOf(obj).conditions).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (specOf(obj).unschedulable === true) parts.push('SchedulingDisabled');
  return parts.join(',');
}

function address(obj: KubeObject, type: string): string {
  return str(objects(statusOf(obj).addresses).find((a) => a.type === type)?.address) || '<none>';
}

/** core/v1 nodes. */
export const nodes: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  namespaced: false,
  shortNames: ['no'],
  schemaId: 'io.k8s.api.core.v1.Node',
  strategicMerge: true,
  hasStatus: true,
  subresources: [
    {
      name: 'proxy',
      verbs: ['create', 'delete', 'get', 'patch', 'update'],
      responseKind: { group: '', version: 'v1', kind: 'NodeProxyOptions' },
    },
  ],
  fieldSelectors: { 'spec.unschedulable': (o) => String(specOf(o).unschedulable === true) },
  defaults(obj) {
    canonicalizeResourceList(statusOf(obj).capacity, 'Node');
    canonicalizeResourceList(statusOf(obj).allocatable, 'Node');
  },
  prepareForCreate(obj) {
    if (!isObj(obj.status)) obj.status = {};
  },
  validate: (obj, _old, ctx) => (ctx.subresource === 'status' ? [] : validateNode(obj)),
  table: {
    columns: [
      nameColumn,
      column('Status', 'string', 'Readiness of the node, and whether scheduling is disabled.'),
      column('Roles', 'string', 'Roles from the node-role labels.'),
      ageColumn,
      column('Version', 'string', 'The kubelet version.'),
      column('Internal-IP', 'string', 'The first internal address.', 1),
      column('External-IP', 'string', 'The first external address.', 1),
      column('OS-Image', 'string', 'The operating system image.', 1),
      column('Kernel-Version', 'string', 'The kernel version.', 1),
      column('Container-Runtime', 'string', 'The container runtime and its version.', 1),
    ],
    cells(obj, now) {
      const info = isObj(statusOf(obj).nodeInfo) ? (statusOf(obj).nodeInfo as Record<string, unknown>) : {};
      const roles = nodeRoles(obj);
      return [
        obj.metadata.name ?? '',
        nodeStatus(obj),
        roles.length ? roles.join(',') : '<none>',
        ageCell(obj, now),
        str(info.kubeletVersion),
        address(obj, 'InternalIP'),
        address(obj, 'ExternalIP'),
        str(info.osImage) || '<unknown>',
        str(info.kernelVersion) || '<unknown>',
        str(info.containerRuntimeVersion) || '<unknown>',
      ];
    },
  },
};
