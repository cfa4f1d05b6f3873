/**
 * @module registry/networking/ingressclasses
 * networking.k8s.io/v1 IngressClass (cluster-scoped): which controller implements a class of Ingresses.
 */
import { isDns1123Subdomain, type KubeObject, type StatusCause } from '@sphere/shared';
import { validateTypedReference } from './ingresses';
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

/** The annotation that marks the class used when an Ingress names none. */
export const defaultIngressClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';

/** `IsDomainPrefixedPath`: `example.com/name`, with a DNS host and a URL-safe path. */
function domainPrefixedPathErrors(value: string, field: string): StatusCause[] {
  if (value === '') return [{ reason: 'FieldValueRequired', field, message: 'Required value' }];
  const slash = value.indexOf('/');
  if (slash < 1 || slash === value.length - 1) {
    return [
      invalidRendered(field, JSON.stringify(value), 'must be a domain-prefixed path (such as "acme.io/foo")'),
    ];
  }
  const causes = isDns1123Subdomain(value.slice(0, slash)).map((msg) =>
    invalidRendered(field, JSON.stringify(value.slice(0, slash)), msg),
  );
  const path = value.slice(slash + 1);
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path))
    causes.push(invalidRendered(field, JSON.stringify(path), 'Invalid path'));
  return causes;
}

/** Validation: a domain-prefixed controller that never changes, and a well-formed parameters reference. */
export function validateIngressClass(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const controller = typeof spec.controller === 'string' ? spec.controller : '';
  const causes: StatusCause[] = [];
  if (controller.length > 250) {
    causes.push({
      reason: 'FieldValueTooLong',
      field: 'spec.controller',
      message: 'Too long: may not be more than 250 bytes',
    });
  }
  causes.push(...domainPrefixedPathErrors(controller, 'spec.controller'));
  causes.push(...validateTypedReference(spec.parameters, 'spec.parameters'));
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
