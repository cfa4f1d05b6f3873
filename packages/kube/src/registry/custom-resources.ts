/**
 * @module registry/custom-resources
 * Descriptors for the resources a CustomResourceDefinition defines: one per served version, sharing one
 * storage key, with the CRD's schema (validation, pruning, OpenAPI), printer columns and subresources.
 */
import { ageOf, type KubeObject } from '@sphere/shared';
import { fromOpenApiV3Schema, type LayeredSchemaRegistry } from '../schema/registry';
import { evaluateJsonPath, jsonPathToDotted, parseJsonPath } from './jsonpath';
import type { ColumnDefinition, ResourceDescriptor, TableCell, TableSpec } from './types';

interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: unknown };
  subresources?: {
    status?: object;
    scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  };
  additionalPrinterColumns?: PrinterColumn[];
}

export interface CrdSpec {
  group: string;
  scope: 'Namespaced' | 'Cluster';
  names: {
    plural: string;
    singular?: string;
    kind: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions: CrdVersion[];
}

function cellOf(value: unknown, type: string, now: Date): TableCell {
  if (value === undefined || value === null) return null;
  if (type === 'date') return typeof value === 'string' ? ageOf(value, now) : null;
  if (type === 'integer' || type === 'number') return typeof value === 'number' ? value : Number(value);
  if (type === 'boolean') return typeof value === 'boolean' ? value : String(value) === 'true';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function tableOf(columns: PrinterColumn[] | undefined): TableSpec {
  const name: ColumnDefinition = {
    name: 'Name',
    type: 'string',
    format: 'name',
    description: 'Name must be unique within a namespace.',
  };
  if (!columns?.length) {
    return {
      columns: [
        name,
        { name: 'Age', type: 'date', description: 'CreationTimestamp is when the object was created.' },
      ],
      cells: (o, now) => [o.metadata.name ?? '', ageOf(o.metadata.creationTimestamp, now)],
    };
  }
  const parsed = columns.map((c) => {
    try {
      return parseJsonPath(c.jsonPath);
    } catch {
      return undefined;
    }
  });
  return {
    columns: [
      name,
      ...columns.map((c) => ({
        name: c.name,
        type: (['integer', 'number', 'boolean', 'date', 'string'].includes(c.type)
          ? c.type
          : 'string') as ColumnDefinition['type'],
        format: c.format,
        description: c.description,
        priority: c.priority ?? 0,
      })),
    ],
    cells: (o: KubeObject, now: Date) => [
      o.metadata.name ?? '',
      ...columns.map((c, i) => (parsed[i] ? cellOf(evaluateJsonPath(o, parsed[i]!), c.type, now) : null)),
    ],
  };
}

/** Builds the descriptors of a CRD and registers its schemas; returns [] for CRDs that serve nothing. */
export function customResourceDescriptors(
  crd: KubeObject,
  schemas: LayeredSchemaRegistry,
): ResourceDescriptor[] {
  const spec = crd.spec as CrdSpec;
  const storageKey = `${spec.group}/${spec.names.plural}`;
  return spec.versions
    .filter((v) => v.served)
    .map((v) => {
      const schemaId = schemas.setKind({
        group: spec.group,
        version: v.name,
        kind: spec.names.kind,
        schema: fromOpenApiV3Schema(
          v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        ),
      });
      const scale = v.subresources?.scale;
      const descriptor: ResourceDescriptor = {
        group: spec.group,
        version: v.name,
        kind: spec.names.kind,
        listKind: spec.names.listKind ?? `${spec.names.kind}List`,
        plural: spec.names.plural,
        singular: spec.names.singular || spec.names.kind.toLowerCase(),
        namespaced: spec.scope !== 'Cluster',
        shortNames: spec.names.shortNames,
        categories: spec.names.categories,
        storageKey,
        storageVersion: v.storage,
        schemaId,
        hasStatus: !!v.subresources?.status,
        scale: scale
          ? {
              specReplicasPath: jsonPathToDotted(scale.specReplicasPath),
              statusReplicasPath: jsonPathToDotted(scale.statusReplicasPath),
              labelSelectorPath: scale.labelSelectorPath
                ? jsonPathToDotted(scale.labelSelectorPath)
                : undefined,
            }
          : undefined,
        strategicMerge: false,
        custom: true,
        table: tableOf(v.additionalPrinterColumns),
      };
      return descriptor;
    });
}

/** Removes a CRD's schemas from the schema registry. */
export function forgetCustomResourceSchemas(crd: KubeObject, schemas: LayeredSchemaRegistry): void {
  const spec = crd.spec as CrdSpec;
  for (const v of spec.versions ?? []) schemas.deleteKind(spec.group, v.name, spec.names.kind);
}
