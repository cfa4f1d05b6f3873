/**
 * @module registry/apps/support
 * Small helpers shared by the built-in descriptors outside `core/`: typed access to free-form object
 * fields, the Go-style value rendering kube-apiserver uses inside field-error messages, common table
 * cells (Age, Containers, Images, Selector) and the field-error shapes the descriptors return.
 */
import { ageOf, humanDuration, type KubeObject, type StatusCause } from '@sphere/shared';
import { formatLabelSelector, matchesLabelSelector, type LabelSelector } from '@sphere/shared';
import type { ColumnDefinition, TableCell } from '../types';
import {
  child,
  get,
  goStringMap,
  invalidRendered,
  isObj,
  semanticEqual,
  validateLabelSelector,
  type Obj,
} from '../validation';

// The object helpers are shared with the validation package; re-exported so descriptors import one place.
export { child, defaultField, get, goStringMap, invalidRendered, isObj, type Obj } from '../validation';

/**
 * Equality as apimachinery's Semantic.DeepEqual (key order ignored; missing, null, empty list and empty
 * map are equal): what immutability and "did this change" checks compare with.
 */
export const deepEqual = semanticEqual;

/** The `spec` of an object, created when missing (defaulting writes into it). */
export function specOf(obj: KubeObject): Obj {
  return child(obj as Obj, 'spec');
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

// ---------------------------------------------------------------------------------------------------
// Go value rendering. Field errors print their bad value with `%#v` (after dereferencing pointers), and
// kubectl shows that text verbatim, so the messages users see depend on it.

/** Go `%q` of a string (close enough: JSON escaping). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** `[]string{"a", "b"}` or `[]string(nil)`. */
export function goStringSlice(list: string[] | null | undefined): string {
  if (list === null || list === undefined) return '[]string(nil)';
  return `[]string{${list.map((s) => goQuote(String(s))).join(', ')}}`;
}

/** `v1.LabelSelector{MatchLabels:..., MatchExpressions:...}` as a field error prints a selector. */
export function goLabelSelector(sel: LabelSelector | null | undefined): string {
  if (!sel) return 'null';
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === undefined || exprs === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goStringSlice(e.values)}}`,
          )
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** Renders a scalar the way a field error does: strings quoted, numbers and booleans bare. */
export function goScalar(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// ---------------------------------------------------------------------------------------------------
// Field errors whose bad value is already rendered (the shared `fieldErrors` JSON-encode objects).

/** `>= 0` check with the apiserver's wording; nothing when the value is absent. */
export function nonNegative(value: unknown, field: string): StatusCause[] {
  if (typeof value !== 'number') return [];
  return value < 0 ? [invalidRendered(field, String(value), 'must be greater than or equal to 0')] : [];
}

/** `Invalid value: <v>: field is immutable` when a value changed on update. */
export function immutableField(
  value: unknown,
  old: unknown,
  field: string,
  render: (v: unknown) => string = goScalar,
): StatusCause[] {
  return deepEqual(value, old) ? [] : [invalidRendered(field, render(value), 'field is immutable')];
}

/**
 * Selector checks shared by the workload kinds: required, non-empty, and matching the pod template's
 * labels (`kind` names the workload in the "empty selector" message, as upstream does).
 */
export function validateSelectorMatchesTemplate(spec: Obj, kind: string, path = 'spec'): StatusCause[] {
  const selector = spec.selector as LabelSelector | undefined | null;
  if (selector === undefined || selector === null) {
    return [{ reason: 'FieldValueRequired', field: `${path}.selector`, message: 'Required value' }];
  }
  const causes: StatusCause[] = validateLabelSelector(selector, `${path}.selector`);
  const empty =
    Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  if (empty) {
    causes.push(
      invalidRendered(`${path}.selector`, goLabelSelector(selector), `empty selector is invalid for ${kind}`),
    );
  }
  const labels = get<Record<string, string>>(spec, 'template', 'metadata', 'labels');
  let matches = false;
  try {
    matches = matchesLabelSelector(selector, labels ?? {});
  } catch {
    // An unparsable selector has its own error elsewhere; upstream skips the template comparison then.
    return causes;
  }
  if (!empty && !matches) {
    causes.push(
      invalidRendered(
        `${path}.template.metadata.labels`,
        goStringMap(labels ?? null),
        '`selector` does not match template `labels`',
      ),
    );
  }
  return causes;
}

// ---------------------------------------------------------------------------------------------------
// Tables.

/** The Name column every printer starts with. */
export const nameColumn: ColumnDefinition = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description:
    'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically.',
};

/** The Age column (a human duration since creation). */
export const ageColumn: ColumnDefinition = {
  name: 'Age',
  type: 'string',
  description:
    'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations.',
};

/** Priority-1 columns of the workload printers. */
export const containersColumn: ColumnDefinition = {
  name: 'Containers',
  type: 'string',
  priority: 1,
  description: 'Names of each container in the template.',
};
export const imagesColumn: ColumnDefinition = {
  name: 'Images',
  type: 'string',
  priority: 1,
  description: 'Images referenced by each container in the template.',
};
export const selectorColumn: ColumnDefinition = {
  name: 'Selector',
  type: 'string',
  priority: 1,
  description: 'A label query over pods that should match the replica count.',
};

/** Shorthand for a plain column. */
export function column(
  name: string,
  type: ColumnDefinition['type'],
  description: string,
  priority?: number,
): ColumnDefinition {
  return priority ? { name, type, description, priority } : { name, type, description };
}

/** `web,sidecar` and `nginx:1,busybox` from a pod spec's containers. */
export function containerCells(podSpec: unknown): [string, string] {
  const containers = (get<Obj[]>(podSpec, 'containers') ?? []).filter(isObj);
  return [
    containers.map((c) => String(c.name ?? '')).join(','),
    containers.map((c) => String(c.image ?? '')).join(','),
  ];
}

/** `metav1.FormatLabelSelector`: the selector string, `<none>` when empty or missing. */
export function selectorCell(selector: unknown): string {
  if (!isObj(selector)) return '<none>';
  let text: string;
  try {
    text = formatLabelSelector(selector as LabelSelector);
  } catch {
    return '<error>';
  }
  return text === '' ? '<none>' : text;
}

/** `a=b,c=d` of a label map (keys sorted), '' for none, as `labels.FormatLabels` minus its `<none>`. */
export function labelsCell(labels: unknown): string {
  if (!isObj(labels)) return '<none>';
  const keys = Object.keys(labels).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${String(labels[k])}`).join(',');
}

/** Age cell: time since `metadata.creationTimestamp`. */
export function ageCell(obj: KubeObject, now: Date): TableCell {
  return ageOf(obj.metadata.creationTimestamp, now);
}

/** `<unknown>` for a missing timestamp, else the human duration since it. */
export function translateTimestampSince(timestamp: string | undefined, now: Date): string {
  return ageOf(timestamp, now);
}

export { humanDuration };

/** A number field as a table integer (0 when absent). */
export function intCell(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** The default printer's second column (`kubectl get roles` shows NAME, CREATED AT). */
export const createdAtColumn: ColumnDefinition = {
  name: 'Created At',
  type: 'date',
  description: ageColumn.description,
};

/** Cells of the default printer: the name and the raw creation timestamp. */
export function nameAndCreatedAt(obj: KubeObject): TableCell[] {
  return [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? null];
}

const dns1035Label = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1035 label (service names, CRD version names), with apimachinery's messages. */
export function isDns1035Label(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push('must be no more than 63 characters');
  if (!dns1035Label.test(value)) {
    errs.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errs;
}
