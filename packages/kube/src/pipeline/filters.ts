/**
 * @module pipeline/filters
 * Label and field selectors as predicates over stored objects.
 */
import {
  errors,
  matchesFieldSelector,
  matchesRequirements,
  parseFieldSelector,
  parseSelector,
  type KubeObject,
} from '@sphere/shared';
import type { ResourceDescriptor } from '../registry/types';

export type ObjectFilter = (obj: KubeObject) => boolean;

/** Value of a selectable field, or undefined when the kind does not support selecting on it. */
function fieldGetter(
  d: ResourceDescriptor,
  field: string,
): ((obj: KubeObject) => string | undefined) | undefined {
  if (field === 'metadata.name') return (o) => o.metadata.name ?? '';
  if (field === 'metadata.namespace') return (o) => o.metadata.namespace ?? '';
  return d.fieldSelectors?.[field];
}

/** Builds one predicate from `labelSelector` and `fieldSelector` (400 on syntax or unsupported fields). */
export function buildFilter(
  d: ResourceDescriptor,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
): ObjectFilter | undefined {
  const labelReqs = labelSelector ? parseSelector(labelSelector) : [];
  const fieldReqs = fieldSelector ? parseFieldSelector(fieldSelector) : [];
  const getters = new Map<string, (obj: KubeObject) => string | undefined>();
  for (const req of fieldReqs) {
    const getter = fieldGetter(d, req.field);
    if (!getter) throw errors.badRequest(`field label not supported: ${req.field}`);
    getters.set(req.field, getter);
  }
  if (labelReqs.length === 0 && fieldReqs.length === 0) return undefined;
  return (obj) =>
    (labelReqs.length === 0 || matchesRequirements(labelReqs, obj.metadata.labels)) &&
    (fieldReqs.length === 0 || matchesFieldSelector(fieldReqs, (field) => getters.get(field)?.(obj)));
}

/** Combines a namespace restriction with a selector predicate. */
export function withNamespace(namespace: string, filter: ObjectFilter | undefined): ObjectFilter | undefined {
  if (!namespace) return filter;
  return (obj) => (obj.metadata.namespace ?? '') === namespace && (!filter || filter(obj));
}
