/**
 * @module api/table
 * `meta.k8s.io/v1` Table responses: kubectl's `get` columns come from here. Each descriptor names its
 * columns; kinds without a printer get Name and Created At, as kube-apiserver's default convertor does.
 */
import type { KubeObject } from '@sphere/shared';
import type { ColumnDefinition, ResourceDescriptor, TableCell } from '../registry/types';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

const defaultColumns: ColumnDefinition[] = [
  {
    name: 'Name',
    type: 'string',
    format: 'name',
    description: 'Name must be unique within a namespace.',
    priority: 0,
  },
  {
    name: 'Created At',
    type: 'date',
    description: 'CreationTimestamp is when the object was created.',
    priority: 0,
  },
];

export function parseIncludeObject(value: string | null): IncludeObject {
  if (value === 'None' || value === 'Object') return value;
  return 'Metadata';
}

export function columnsOf(d: ResourceDescriptor): ColumnDefinition[] {
  return (d.table?.columns ?? defaultColumns).map((c) => ({
    priority: 0,
    description: '',
    format: '',
    ...c,
  }));
}

function rowObject(obj: KubeObject, include: IncludeObject): KubeObject | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

function row(d: ResourceDescriptor, obj: KubeObject, now: Date, include: IncludeObject) {
  const cells: TableCell[] = d.table
    ? d.table.cells(obj, now)
    : [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? null];
  const r: Record<string, unknown> = { cells };
  const conditions = d.table?.conditions?.(obj);
  if (conditions?.length) r.conditions = conditions;
  const object = rowObject(obj, include);
  if (object) r.object = object;
  return r;
}

export interface TableOptions {
  now: Date;
  include: IncludeObject;
  /** Omit columnDefinitions (watch events after the first one). */
  noHeaders?: boolean;
}

export function toTable(
  d: ResourceDescriptor,
  objects: KubeObject[],
  listMeta: { resourceVersion?: string; continue?: string; remainingItemCount?: number },
  options: TableOptions,
) {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: options.noHeaders ? [] : columnsOf(d),
    rows: objects.map((o) => row(d, o, options.now, options.include)),
  };
}

/** PartialObjectMetadata(List) responses for metadata-only clients. */
export function toPartialMetadata(obj: KubeObject): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}
