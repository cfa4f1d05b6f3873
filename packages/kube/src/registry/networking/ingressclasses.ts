/**
 * @module registry/networking/ingressclasses
 * networking.k8s.io/v1 IngressClass (cluster-scoped): which controller implements a class of Ingresses.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { ageCell, ageColumn, column, immutableField, isObj, nameColumn, type Obj } from '../apps/support';
import type { ResourceDescriptor } from '../types';

/** The annotation that marks the class used when an Ingress names none. */
export const defaultIngressClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';

/** Validation: a controller is required and never changes. */
export function validateIngressClass(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const causes: StatusCause[] = [];
  if (typeof spec.controller !== 'string' || spec.controller === '') {
    causes.push({ reason: 'FieldValueRequired', field: 'spec.controller', message: 'Required value' });
  } else if (spec.controller.length > 250) {
    causes.push({
      reason: 'FieldValueTooLong',
      field: 'spec.controller',
      message: 'Too long: may not be more than 250 bytes',
    });
  }
  if (old)
    causes.push(
      ...immutableField(spec.controller, (old.spec as Obj | undefined)?.controller, 'spec.controller'),
    );
  return causes;
}

/** `Kind.group/name` of the parameters reference, `<none>` without one. */
export function ingressClassParameters(spec: unknown): string {
  const p = isObj(spec) ? spec.parameters : undefined;
  if (!isObj(p)) return '<none>';
  const kind = typeof p.apiGroup === 'string' ? `${String(p.kind)}.${p.apiGroup}` : String(p.kind ?? '');
  return `${kind}/${String(p.name ?? '')}`;
}

/** networking.k8s.io/v1 ingressclasses. */
export const ingressclasses: ResourceDescriptor = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'IngressClass',
  plural: 'ingressclasses',
  singular: 'ingressclass',
  namespaced: false,
  schemaId: 'io.k8s.api.networking.v1.IngressClass',
  strategicMerge: true,
  tracksGeneration: true,
  validate: (obj, old) => validateIngressClass(obj, old),
  table: {
    columns: [
      nameColumn,
      column('Controller', 'string', 'Controller that is responsible for handling this class'),
      column('Parameters', 'string', 'A reference to a resource with additional parameters'),
      ageColumn,
    ],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      String((obj.spec as Obj | undefined)?.controller ?? ''),
      ingressClassParameters(obj.spec),
      ageCell(obj, now),
    ],
  },
};
