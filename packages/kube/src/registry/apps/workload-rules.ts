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

/** Whether an int-or-percent value is zero (`0` or `0%`). */
export function intOrPercentIsZero(v: unknown): boolean {
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'string' && percentPattern.test(v)) return Number.parseInt(v, 10) === 0;
  return false;
}

/**
 * A non-negative integer or a percentage of at most 100% (`ValidatePositiveIntOrPercent` and
 * `IsNotMoreThan100Percent`). Absent values pass.
 */
export function validateIntOrPercent(v: unknown, field: string, maxPercent = 100): StatusCause[] {
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
  if (Number.parseInt(v, 10) > maxPercent) {
    return [invalidRendered(field, goIntOrString(v), `must not be greater than ${maxPercent}%`)];
  }
  return [];
}

/** Status writes: every listed counter must be >= 0 (as `ValidateDeploymentStatus` and friends). */
export function validateWorkloadStatus(obj: KubeObject, counters: string[]): StatusCause[] {
  const status = (obj.status ?? {}) as Obj;
  return counters.flatMap((name) => nonNegative(status[name], `status.${name}`));
}
