/**
 * @module registry/core/quotas
 * core/v1 ResourceQuota and LimitRange: quantity and enum validation and their printers.
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import { isQualifiedName } from '@sphere/shared/names';
import { compareQuantities, isValidQuantity, QUANTITY_FORMAT_ERROR } from '@sphere/shared/quantity';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { canonicalizeResourceList, isObj, objects, str } from '../validation';
import { ageCell, ageColumn, column, nameColumn, quantityCell, specOf, statusOf } from './support';

const SCOPES = [
  'BestEffort',
  'CrossNamespacePodAffinity',
  'NotBestEffort',
  'NotTerminating',
  'PriorityClass',
  'Terminating',
];
const LIMIT_TYPES = ['Container', 'Pod', 'PersistentVolumeClaim'];

/** Resource names must be qualified names, quantities valid and non-negative. */
function validateResourceList(list: unknown, field: string): StatusCause[] {
  if (!isObj(list)) return [];
  const causes: StatusCause[] = [];
  for (const [name, q] of Object.entries(list)) {
    const at = `${field}[${name}]`;
    for (const msg of isQualifiedName(name)) causes.push(fieldErrors.invalid(at, name, msg));
    if (!isValidQuantity(q)) causes.push(fieldErrors.invalid(at, q, QUANTITY_FORMAT_ERROR));
    else if (compareQuantities(q as string, 0) < 0)
      causes.push(fieldErrors.invalid(at, q, 'must be greater than or equal to 0'));
  }
  return causes;
}

function validateQuota(obj: KubeObject, _old: KubeObject | undefined, ctx: StrategyContext): StatusCause[] {
  if (ctx.subresource === 'status') {
    const status = statusOf(obj);
    return [
      ...validateResourceList(status.hard, 'status.hard'),
      ...validateResourceList(status.used, 'status.used'),
    ];
  }
  const spec = specOf(obj);
  const causes = validateResourceList(spec.hard, 'spec.hard');
  const scopes = Array.isArray(spec.scopes) ? spec.scopes : [];
  scopes.forEach((s) => {
    if (!SCOPES.includes(s)) causes.push(fieldErrors.notSupported('spec.scopes', s, SCOPES));
  });
  return causes;
}

/** `pods: 1/10, requests.cpu: 500m/2` (and the `limits.*` half for the Limit column). */
export function quotaColumns(obj: KubeObject): [string, string] {
  const status = statusOf(obj);
  const hard = isObj(status.hard) ? status.hard : {};
  const used = isObj(status.used) ? status.used : {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const text = `${name}: ${quantityCell(used[name])}/${quantityCell(hard[name])}`;
    (name.split('.').length > 1 && name.startsWith('limits.') ? limit : request).push(text);
  }
  return [request.join(', '), limit.join(', ')];
}

/** core/v1 resourcequotas. */
export const resourcequotas: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  schemaId: 'io.k8s.api.core.v1.ResourceQuota',
  strategicMerge: true,
  hasStatus: true,
  defaults(obj) {
    canonicalizeResourceList(specOf(obj).hard, 'ResourceQuota');
    canonicalizeResourceList(statusOf(obj).hard, 'ResourceQuota');
    canonicalizeResourceList(statusOf(obj).used, 'ResourceQuota');
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  validate: validateQuota,
  table: {
    columns: [
      nameColumn,
      ageColumn,
      column('Request', 'string', 'Used and hard amounts of the request quotas.'),
      column('Limit', 'string', 'Used and hard amounts of the limit quotas.'),
    ],
    cells(obj, now) {
      const [request, limit] = quotaColumns(obj);
      return [obj.metadata.name ?? '', ageCell(obj, now), request, limit];
    },
  },
};

function validateLimitRange(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  objects(specOf(obj).limits).forEach((item, i) => {
    const at = `spec.limits[${i}]`;
    const type = str(item.type);
    if (!LIMIT_TYPES.includes(type))
      causes.push(fieldErrors.notSupported(`${at}.type`, item.type ?? '', LIMIT_TYPES));
    for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      causes.push(...validateResourceList(item[key], `${at}.${key}`));
    }
    const min = isObj(item.min) ? item.min : {};
    const max = isObj(item.max) ? item.max : {};
    for (const [name, lo] of Object.entries(min)) {
      const hi = max[name];
      if (isValidQuantity(lo) && isValidQuantity(hi) && compareQuantities(lo as string, hi as string) > 0) {
        causes.push(
          fieldErrors.invalid(
            `${at}.min[${name}]`,
            quantityCell(lo),
            `min value ${quantityCell(lo)} is greater than max value ${quantityCell(hi)}`,
          ),
        );
      }
    }
  });
  return causes;
}

/** core/v1 limitranges. */
export const limitranges: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  schemaId: 'io.k8s.api.core.v1.LimitRange',
  strategicMerge: true,
  defaults(obj) {
    for (const item of objects(specOf(obj).limits)) {
      for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
        canonicalizeResourceList(item[key], 'LimitRange');
      }
    }
  },
  validate: (obj) => validateLimitRange(obj),
  table: {
    columns: [nameColumn, { name: 'Created At', type: 'date', description: 'When the object was created.' }],
    cells: (obj) => [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? null],
  },
};
