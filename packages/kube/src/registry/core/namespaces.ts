/**
 * @module registry/core/namespaces
 * core/v1 Namespace: `kubernetes` finalizer and Active phase on create, the
 * `kubernetes.io/metadata.name` label, spec.finalizers only writable through /finalize, no
 * deletecollection verb.
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import { isQualifiedName } from '@sphere/shared/names';
import type { ResourceDescriptor } from '../types';
import { child, isObj, str, type Obj } from '../validation';
import { ageCell, ageColumn, column, nameColumn, specOf, statusOf } from './support';

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

/** The label every namespace carries with its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function validateNamespace(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const finalizers = specOf(obj).finalizers;
  (Array.isArray(finalizers) ? finalizers : []).forEach((f, i) => {
    const name = str(f);
    const field = `spec.finalizers[${i}]`;
    for (const msg of isQualifiedName(name)) causes.push(fieldErrors.invalid(field, name, msg));
    if (!name.includes('/') && !STANDARD_FINALIZERS.includes(name)) {
      causes.push(
        fieldErrors.invalid(
          field,
          name,
          'name is neither a standard finalizer name nor is it fully qualified',
        ),
      );
    }
  });
  return causes;
}

/** core/v1 namespaces. */
export const namespaces: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  schemaId: 'io.k8s.api.core.v1.Namespace',
  strategicMerge: true,
  hasStatus: true,
  deleteReturnsObject: true,
  nameFormat: 'label',
  subresources: [
    { name: 'finalize', verbs: ['update'], responseKind: { group: '', version: 'v1', kind: 'Namespace' } },
  ],
  fieldSelectors: { 'status.phase': (o) => str(statusOf(o).phase) },
  defaults(obj) {
    const name = obj.metadata.name;
    if (name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
    if (isObj(obj.status) || obj.status === undefined) {
      const status = child(obj as Obj, 'status');
      if (!status.phase) status.phase = 'Active';
    }
  },
  prepareForCreate(obj) {
    const spec = child(obj as Obj, 'spec');
    const finalizers = Array.isArray(spec.finalizers) ? (spec.finalizers as string[]) : [];
    spec.finalizers = finalizers.includes('kubernetes') ? finalizers : [...finalizers, 'kubernetes'];
    obj.status = { phase: 'Active' };
  },
  prepareForUpdate(obj, old, ctx) {
    // spec.finalizers belongs to the /finalize subresource; other writes keep the stored list.
    if (ctx.subresource === 'finalize') return;
    const oldFinalizers = specOf(old).finalizers;
    const spec = child(obj as Obj, 'spec');
    if (oldFinalizers === undefined) delete spec.finalizers;
    else spec.finalizers = structuredClone(oldFinalizers);
  },
  validate: validateNamespace,
  table: {
    columns: [nameColumn, column('Status', 'string', 'The lifecycle phase of the namespace.'), ageColumn],
    cells: (obj, now) => [obj.metadata.name ?? '', str(statusOf(obj).phase), ageCell(obj, now)],
  },
};
