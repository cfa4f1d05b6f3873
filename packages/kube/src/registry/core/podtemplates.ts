/**
 * @module registry/core/podtemplates
 * core/v1 PodTemplate: the PodSpec defaults and rules applied at `template.spec`, and its printer.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import type { ResourceDescriptor } from '../types';
import {
  child,
  defaultPodSpec,
  isObj,
  objects,
  str,
  validateLabels,
  validatePodSpec,
  type Obj,
} from '../validation';
import { column, formatLabels, nameColumn } from './support';

function templateOf(obj: KubeObject): Obj {
  return isObj(obj.template) ? obj.template : {};
}

function validatePodTemplate(obj: KubeObject): StatusCause[] {
  const template = templateOf(obj);
  const meta = isObj(template.metadata) ? template.metadata : {};
  return [
    ...validateLabels(meta.labels, 'template.metadata.labels'),
    ...validatePodSpec(template.spec, 'template.spec'),
  ];
}

/** core/v1 podtemplates. */
export const podtemplates: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'PodTemplate',
  plural: 'podtemplates',
  singular: 'podtemplate',
  namespaced: true,
  schemaId: 'io.k8s.api.core.v1.PodTemplate',
  strategicMerge: true,
  defaults(obj) {
    defaultPodSpec(child(child(obj as Obj, 'template'), 'spec'));
  },
  validate: (obj) => validatePodTemplate(obj),
  table: {
    columns: [
      nameColumn,
      column('Containers', 'string', 'Container names of the template.'),
      column('Images', 'string', 'Container images of the template.'),
      column('Pod Labels', 'string', 'Labels of the pods made from the template.'),
    ],
    cells(obj) {
      const template = templateOf(obj);
      const containers = objects(isObj(template.spec) ? template.spec.containers : undefined);
      return [
        obj.metadata.name ?? '',
        containers.map((c) => str(c.name)).join(','),
        containers.map((c) => str(c.image)).join(','),
        formatLabels(isObj(template.metadata) ? template.metadata.labels : undefined),
      ];
    },
  },
};
