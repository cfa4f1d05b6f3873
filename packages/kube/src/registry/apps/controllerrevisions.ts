/**
 * @module registry/apps/controllerrevisions
 * apps/v1 ControllerRevision: the immutable snapshots StatefulSets and DaemonSets keep for rollbacks.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { controllerOf, parseApiVersion } from '@sphere/shared';
import type { ResourceDescriptor } from '../types';
import { ageCell, ageColumn, column, immutableField, nameColumn, nonNegative } from './support';

/** `statefulset.apps/web` for the controller owner reference, `<none>` without one. */
export function controllerName(obj: KubeObject): string {
  const ref = controllerOf(obj);
  if (!ref) return '<none>';
  const { group } = parseApiVersion(ref.apiVersion ?? '');
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return `${groupKind.toLowerCase()}/${ref.name}`;
}

/** Validation: a non-negative revision, and data that never changes. */
export function validateControllerRevision(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  if (obj.revision === undefined || obj.revision === null) {
    causes.push({ reason: 'FieldValueRequired', field: 'revision', message: 'Required value' });
  }
  causes.push(...nonNegative(obj.revision, 'revision'));
  if (old) causes.push(...immutableField(obj.data, old.data, 'data', () => 'runtime.RawExtension{...}'));
  return causes;
}

/** apps/v1 controllerrevisions. */
export const controllerrevisions: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  kind: 'ControllerRevision',
  plural: 'controllerrevisions',
  singular: 'controllerrevision',
  namespaced: true,
  schemaId: 'io.k8s.api.apps.v1.ControllerRevision',
  strategicMerge: true,
  validate: (obj, old) => validateControllerRevision(obj, old),
  table: {
    columns: [
      nameColumn,
      column('Controller', 'string', 'Controller of the object'),
      column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
      ageColumn,
    ],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      controllerName(obj),
      typeof obj.revision === 'number' ? obj.revision : 0,
      ageCell(obj, now),
    ],
  },
};
