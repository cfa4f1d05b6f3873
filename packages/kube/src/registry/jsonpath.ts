/**
 * @module registry/jsonpath
 * The small JSONPath subset CRD printer columns and scale paths use: `.spec.replicas`,
 * `.items[0].name`, `.status.conditions[?(@.type=="Ready")].status`.
 */

type Step = { field: string } | { index: number } | { filterKey: string; filterValue: string };

export function parseJsonPath(path: string): Step[] {
  const steps: Step[] = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]|\[\?\(@\.([\w.-]+)\s*==\s*["']([^"']*)["']\)\]/g;
  const body = path.replace(/^\{|\}$/g, '');
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(body))) {
    if (m.index !== consumed) throw new Error(`unsupported JSONPath: ${path}`);
    consumed = re.lastIndex;
    if (m[1] !== undefined) steps.push({ field: m[1] });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else steps.push({ filterKey: m[3], filterValue: m[4] });
  }
  if (consumed !== body.length) throw new Error(`unsupported JSONPath: ${path}`);
  return steps;
}

/** Evaluates a parsed path; undefined when any step is missing. */
export function evaluateJsonPath(obj: unknown, steps: Step[]): unknown {
  let cur: unknown = obj;
  for (const step of steps) {
    if (cur === undefined || cur === null) return undefined;
    if ('field' in step) cur = (cur as Record<string, unknown>)[step.field];
    else if ('index' in step) cur = Array.isArray(cur) ? cur[step.index] : undefined;
    else {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find(
        (item) => String((item as Record<string, unknown>)?.[step.filterKey]) === step.filterValue,
      );
    }
  }
  return cur;
}

/** `.spec.replicas` → `spec.replicas` (the dotted form the pipeline's scale code reads). */
export function jsonPathToDotted(path: string): string {
  return parseJsonPath(path)
    .map((s) => {
      if (!('field' in s)) throw new Error(`unsupported scale path: ${path}`);
      return s.field;
    })
    .join('.');
}
