/**
 * @module registry/apps/workload-rules
 * Rules shared by the apps and policy kinds: int-or-percent fields (`maxUnavailable: 25%`) and the
 * non-negative counters of workload statuses.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { invalidRendered, nonNegative, type Obj } from './support';

const percentPattern = /^[0-9]+%$/;

/** How a field error prints an `intstr.IntOrString` value (`%#v` of the struct). */
export function goIntOrString(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${Number(v)}, StrVal:""}`;
}

/**
 * The number an int-or-percent stands for, as upstream's `getIntOrPercentValue`: `25%` is 25, `5` is 5,
 * and a string that is neither a percentage nor a number counts as 0.
 */
export function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  if (percentPattern.test(v)) return Number.parseInt(v, 10);
  return /^[+-]?\d+$/.test(v) ? Number.parseInt(v, 10) : 0;
}

/** Whether an int-or-percent value counts as zero (`0`, `0%`, or unparsable). */
export function intOrPercentIsZero(v: unknown): boolean {
  return intOrPercentValue(v) === 0;
}

/** `ValidatePositiveIntOrPercent`: a non-negative integer or a well-formed percentage. Absent values pass. */
export function validatePositiveIntOrPercent(v: unknown, field: string): StatusCause[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return nonNegative(v, field);
  if (typeof v !== 'string')
    return [invalidRendered(field, JSON.stringify(v), 'must be an integer or percentage')];
  if (!percentPattern.test(v)) {
    return [
      invalidRendered(
        field,
        goIntOrString(v),
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  }
  return [];
}

/** `IsNotMoreThan100Percent`: only well-formed percentages are checked. */
export function notMoreThan100Percent(v: unknown, field: string): StatusCause[] {
  if (typeof v === 'string' && percentPattern.test(v) && Number.parseInt(v, 10) > 100) {
    return [invalidRendered(field, goIntOrString(v), 'must not be greater than 100%')];
  }
  return [];
}

/** Both checks, as PodDisruptionBudgets apply them to minAvailable and maxUnavailable. */
export function validateIntOrPercent(v: unknown, field: string): StatusCause[] {
  return [...validatePositiveIntOrPercent(v, field), ...notMoreThan100Percent(v, field)];
}

/** Status writes: every listed counter must be >= 0 (as `ValidateDeploymentStatus` and friends). */
export function validateWorkloadStatus(obj: KubeObject, counters: string[]): StatusCause[] {
  const status = (obj.status ?? {}) as Obj;
  return counters.flatMap((name) => nonNegative(status[name], `status.${name}`));
}
