/**
 * @module registry/core/support
 * Table pieces and small helpers the core/v1 descriptors share: the Name and Age columns, Go-style
 * label formatting, access-mode abbreviations and the status-owning strategy hooks.
 */
import { ageOf, canonicalizeQuantity, type KubeObject } from '@sphere/shared';
import type { ColumnDefinition, StrategyContext, TableCell } from '../types';
import { isObj, type Obj } from '../validation';

/** The Name column every printer starts with. */
export const nameColumn: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Unique name of the object within its namespace (or the cluster, for cluster-scoped kinds).',
};

/** The Age column: a human duration since creation. */
export const ageColumn: ColumnDefinition = {
  name: 'Age',
  type: 'string',
  description: 'Time since the server created the object.',
};

/** A column definition in one line. */
export function column(
  name: string,
  type: ColumnDefinition['type'],
  description: string,
  priority = 0,
): ColumnDefinition {
  return priority ? { name, type, description, priority } : { name, type, description };
}

/** The Age cell of an object. */
export function ageCell(obj: KubeObject, now: Date): string {
  return ageOf(obj.metadata.creationTimestamp, now);
}

/** `obj.spec` (or `{}`), for reading. */
export function specOf(obj: KubeObject): Obj {
  return isObj(obj.spec) ? obj.spec : {};
}

/** `obj.status` (or `{}`), for reading. */
export function statusOf(obj: KubeObject): Obj {
  return isObj(obj.status) ? obj.status : {};
}

/** An integer cell: numbers as they are, anything else 0 (Go zero values). */
export function intCell(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** `k=v,...` sorted by key, `<none>` when empty (apimachinery's labels.FormatLabels). */
export function formatLabels(labels: unknown): string {
  if (!isObj(labels) || Object.keys(labels).length === 0) return '<none>';
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${String(labels[k])}`)
    .join(',');
}

/** `RWO,ROX,RWX,RWOP` in that fixed order, duplicates dropped. */
export function accessModesString(modes: unknown): string {
  const list = Array.isArray(modes) ? modes : [];
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([mode]) => list.includes(mode))
    .map(([, s]) => s)
    .join(',');
}

/** A quantity as Go's Quantity.String() prints it (`0` when missing). */
export function quantityCell(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '0';
  try {
    return canonicalizeQuantity(v);
  } catch {
    return String(v);
  }
}

/** Cells of a table row, for tests and callers that want a typed tuple. */
export type Cells = TableCell[];

/** prepareForCreate for kinds whose status a create may not set: resets it to `initial`. */
export function resetStatus(initial: () => Obj) {
  return (obj: KubeObject, _ctx: StrategyContext): void => {
    obj.status = initial();
  };
}
