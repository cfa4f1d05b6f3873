/**
 * @module registry/core/replicationcontrollers
 * core/v1 ReplicationController, served read-only (get/list/watch): no controller drives it here, so
 * accepting writes would only create objects that never act. Listed for `kubectl get all` and discovery.
 */
import type { ResourceDescriptor } from '../types';
import { isObj, objects, str } from '../validation';
import { ageCell, ageColumn, column, formatLabels, intCell, nameColumn, specOf, statusOf } from './support';

/** core/v1 replicationcontrollers. */
export const replicationcontrollers: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  verbs: ['get', 'list', 'watch'],
  schemaId: 'io.k8s.api.core.v1.ReplicationController',
  strategicMerge: true,
  defaultPropagation: 'Orphan',
  table: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'Desired number of replicas.'),
      column('Current', 'integer', 'Observed number of replicas.'),
      column('Ready', 'integer', 'Ready replicas.'),
      ageColumn,
      column('Containers', 'string', 'Container names of the template.', 1),
      column('Images', 'string', 'Container images of the template.', 1),
      column('Selector', 'string', 'The label selector.', 1),
    ],
    cells(obj, now) {
      const spec = specOf(obj);
      const status = statusOf(obj);
      const template = isObj(spec.template) && isObj(spec.template.spec) ? spec.template.spec : {};
      const containers = objects(template.containers);
      return [
        obj.metadata.name ?? '',
        intCell(spec.replicas),
        intCell(status.replicas),
        intCell(status.readyReplicas),
        ageCell(obj, now),
        containers.map((c) => str(c.name)).join(','),
        containers.map((c) => str(c.image)).join(','),
        formatLabels(spec.selector),
      ];
    },
  },
};
