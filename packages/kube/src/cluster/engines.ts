/**
 * @module cluster/engines
 * Binds the pure patch and schema libraries to the pipeline's engine interfaces.
 */
import type { KubeObject } from '@sphere/shared';
import { applyJsonPatch } from '../patch/json-patch';
import { applyMergePatch } from '../patch/merge-patch';
import { applyStrategicMergePatch } from '../patch/strategic-merge-patch';
import { serverSideApply, updateManagedFields } from '../patch';
import type { PatchEngine, SchemaEngine } from '../pipeline/deps';
import type { ResourceDescriptor } from '../registry/types';
import { createSchemaRegistry, type LayeredSchemaRegistry } from '../schema/registry';
import {
  checkTypes,
  findUnknownFields,
  pruneUnknownFields,
  validateCustomResource,
} from '../schema/validate';
import { applyCustomResourceDefaults } from '../schema/defaults';

export function createSchemaEngine(
  registry: LayeredSchemaRegistry = createSchemaRegistry(),
): SchemaEngine & { registry: LayeredSchemaRegistry } {
  return {
    registry,
    schemaFor(d: ResourceDescriptor) {
      if (d.schemaId) return registry.resolve(d.schemaId);
      return registry.forKind(d.group, d.version, d.kind);
    },
    unknownFields(obj, schema) {
      return findUnknownFields(obj, schema, registry);
    },
    typeErrors(obj, schema) {
      return checkTypes(obj, schema, registry);
    },
    applyDefaults(obj, schema) {
      applyCustomResourceDefaults(obj, schema);
    },
    validateCustom(obj, schema) {
      return validateCustomResource(obj, schema);
    },
    prune(obj, schema) {
      pruneUnknownFields(obj, schema);
    },
  };
}

export function createPatchEngine(schema: SchemaEngine): PatchEngine {
  return {
    json: (original, ops) => applyJsonPatch(original, ops),
    merge: (original, patch) => applyMergePatch(original, patch),
    strategic: (original, patch, node) =>
      applyStrategicMergePatch(original, patch, node, schema.registry) as KubeObject,
    apply: (args) =>
      serverSideApply({
        ...args,
        registry: schema.registry,
        ignoredFields: args.ignoredFields?.map((p) => [...p]),
      }).object,
    trackUpdate: (args) =>
      updateManagedFields({ ...args, registry: schema.registry, updated: args.updated, old: args.old }),
  };
}
