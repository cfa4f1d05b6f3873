/**
 * @module registry/validation/common
 * Building blocks every descriptor's validation uses: typed access to free-form objects, field-error
 * constructors, semantic equality (nil == empty, as apimachinery's Semantic.DeepEqual), immutability,
 * Go-style value rendering for messages, port checks and structured label selector checks.
 */
import { fieldErrors, type StatusCause } from '@sphere/shared';
import { isQualifiedName, isValidLabelValue } from '@sphere/shared/names';
import { matchesLabelSelector, type LabelSelector } from '@sphere/shared/labels';

/** A JSON object whose fields we read without a full type. */
export type Obj = Record<string, unknown>;

/** Whether a value is a plain (non-array) object. */
export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a nested field; undefined when any step is missing or not an object. */
export function get<T = unknown>(obj: unknown, ...path: string[]): T | undefined {
  let cur: unknown = obj;
  for (const key of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur as T | undefined;
}

/** The object at `parent[key]`, created (as `{}`) when absent. */
export function child(parent: Obj, key: string): Obj {
  const cur = parent[key];
  if (isObj(cur)) return cur;
  const made: Obj = {};
  parent[key] = made;
  return made;
}

/** Sets `obj[key]` only when absent (undefined or null): the shape of Go defaulting. */
export function defaultField(obj: Obj, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** The array at `obj[key]` (objects only), or [] when absent. */
export function objects(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObj) : [];
}

/** A string field or '' when missing or not a string. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function isEmptyish(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (Array.isArray(v) && v.length === 0) ||
    (isObj(v) && Object.keys(v).every((k) => v[k] === undefined))
  );
}

/**
 * Semantic equality of JSON values, as apimachinery's Semantic.DeepEqual: key order ignored, and a
 * missing value equals null, an empty list and an empty map.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => semanticEqual(v, b[i]));
  }
  if (!isObj(a) || !isObj(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
  return true;
}

/** `Invalid value: <new>: field is immutable` when the value changed; [] otherwise. */
export function immutable(fieldPath: string, oldValue: unknown, newValue: unknown): StatusCause[] {
  return semanticEqual(oldValue, newValue)
    ? []
    : [fieldErrors.invalid(fieldPath, newValue, 'field is immutable')];
}

/** `Not found: "x"` (a reference to something that does not exist, e.g. a volumeMount's volume). */
export function notFound(field: string, value: unknown): StatusCause {
  return { reason: 'FieldValueNotFound', field, message: `Not found: ${JSON.stringify(value ?? null)}` };
}

/** `must be greater than or equal to 0` for a negative number; [] otherwise (and for non-numbers). */
export function nonNegative(field: string, value: unknown): StatusCause[] {
  return typeof value === 'number' && value < 0
    ? [fieldErrors.invalid(field, value, 'must be greater than or equal to 0')]
    : [];
}

/** Go's `%#v` of a `map[string]string` as the apiserver embeds it in messages. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** An Invalid cause whose value is already rendered (Go `%#v` forms such as maps). */
export function invalidRendered(field: string, rendered: string, detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', field, message: `Invalid value: ${rendered}: ${detail}` };
}

/** `must be between 1 and 65535, inclusive` for out-of-range ports. */
export function validatePortNumber(field: string, value: unknown): StatusCause[] {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    return [fieldErrors.invalid(field, value, 'must be between 1 and 65535, inclusive')];
  }
  return [];
}

/** IANA_SVC_NAME rules for named ports (containers and services), upstream's messages. */
export function isValidPortName(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** Label map keys and values (`metadata.labels`, `spec.selector.matchLabels`, ...). */
export function validateLabels(labels: unknown, field: string): StatusCause[] {
  if (!isObj(labels)) return [];
  const causes: StatusCause[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of isQualifiedName(k)) causes.push(fieldErrors.invalid(field, k, msg));
    for (const msg of isValidLabelValue(str(v))) causes.push(fieldErrors.invalid(field, v, msg));
  }
  return causes;
}

/** A structured LabelSelector: label syntax and operator/values consistency. */
export function validateLabelSelector(selector: unknown, field: string): StatusCause[] {
  if (!isObj(selector)) return [];
  const causes = validateLabels(selector.matchLabels, `${field}.matchLabels`);
  objects(selector.matchExpressions).forEach((expr, i) => {
    const at = `${field}.matchExpressions[${i}]`;
    const values = Array.isArray(expr.values) ? expr.values : [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) {
          causes.push(
            fieldErrors.required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"),
          );
        }
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) {
          causes.push(
            fieldErrors.forbidden(
              `${at}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        }
        break;
      default:
        causes.push(fieldErrors.invalid(`${at}.operator`, expr.operator, 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(str(expr.key)))
      causes.push(fieldErrors.invalid(`${at}.key`, expr.key, msg));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(str(v)))
        causes.push(fieldErrors.invalid(`${at}.values[${j}]`, v, msg));
    });
  });
  return causes;
}

/**
 * The workload rule "`selector` does not match template `labels`" (Deployments, ReplicaSets,
 * StatefulSets, DaemonSets, Jobs with manual selectors). `labelsPath` is the template labels' field path.
 */
export function validateTemplateMatchesSelector(
  selector: LabelSelector | null | undefined,
  templateLabels: Record<string, string> | undefined,
  labelsPath: string,
): StatusCause[] {
  if (!selector) return [];
  const empty = !selector.matchLabels && !(selector.matchExpressions?.length ?? 0);
  if (empty) return [];
  if (matchesLabelSelector(selector, templateLabels ?? {})) return [];
  return [
    invalidRendered(labelsPath, goStringMap(templateLabels), '`selector` does not match template `labels`'),
  ];
}
