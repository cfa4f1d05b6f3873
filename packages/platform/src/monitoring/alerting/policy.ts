/**
 * @module monitoring/alerting/policy
 * Alert policies as data, their validation, and the pure state machine each watched resource goes
 * through: inactive → pending (condition true) → firing (true for `duration`) → resolved (false again).
 */
import { errors, fieldErrors, type StatusCause } from '@sphere/shared';
import { parseGoDuration } from '../api/params';
import { metricExpr, type Level } from '../query/catalog';

// The policy's shape is shared with the console (@sphere/shared/platform-api).
import {
  ALERT_CONDITIONS as CONDITIONS,
  ALERT_SEVERITIES as SEVERITIES,
  type AlertCondition as Condition,
  type AlertPolicy,
  type AlertSeverity as Severity,
} from '@sphere/shared';

export { CONDITIONS, SEVERITIES, type AlertPolicy, type Condition, type Severity };

export const levelOfMetric = (metric: string): Level => metric.slice(0, metric.indexOf('_')) as Level;

const NAMESPACED_LEVELS = new Set<Level>(['namespace', 'workload', 'pod', 'container']);

/** Validates a policy body; throws a 422 with field causes. */
export function validatePolicy(body: unknown, namespace: string | undefined, name?: string): AlertPolicy {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const causes: StatusCause[] = [];
  const policyName = (name ?? b.name) as string;
  if (
    typeof policyName !== 'string' ||
    !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(policyName) ||
    policyName.length > 63
  )
    causes.push(fieldErrors.invalid('name', policyName, 'must be a DNS label'));
  if (typeof b.metric !== 'string' || !metricExpr(b.metric))
    causes.push(fieldErrors.invalid('metric', b.metric, 'must be a supported monitoring metric name'));
  else if (namespace && !NAMESPACED_LEVELS.has(levelOfMetric(b.metric)))
    causes.push(
      fieldErrors.invalid(
        'metric',
        b.metric,
        'a project policy watches namespace, workload, pod or container metrics',
      ),
    );
  if (!CONDITIONS.includes(b.condition as Condition))
    causes.push(fieldErrors.notSupported('condition', b.condition, [...CONDITIONS]));
  if (typeof b.threshold !== 'number' || !Number.isFinite(b.threshold))
    causes.push(fieldErrors.invalid('threshold', b.threshold, 'must be a number'));
  const duration = b.duration === undefined ? '0s' : b.duration;
  if (typeof duration !== 'string' || (duration !== '0s' && parseGoDuration(duration) === undefined))
    causes.push(fieldErrors.invalid('duration', duration, 'must be a duration such as 30s, 5m, 1h'));
  const severity = b.severity ?? 'warning';
  if (!SEVERITIES.includes(severity as Severity))
    causes.push(fieldErrors.notSupported('severity', severity, [...SEVERITIES]));
  if (b.webhook !== undefined && (typeof b.webhook !== 'string' || !/^https?:\/\//.test(b.webhook)))
    causes.push(fieldErrors.invalid('webhook', b.webhook, 'must be an http(s) URL'));
  if (
    b.match !== undefined &&
    (typeof b.match !== 'object' ||
      b.match === null ||
      Object.values(b.match).some((v) => typeof v !== 'string'))
  )
    causes.push(fieldErrors.invalid('match', b.match, 'must map label names to strings'));
  if (causes.length)
    throw errors.invalid('AlertPolicy', 'alerting.kubesphere.io', String(policyName ?? ''), causes);
  return {
    name: policyName,
    ...(namespace ? { namespace } : {}),
    metric: b.metric as string,
    ...(b.match ? { match: b.match as Record<string, string> } : {}),
    condition: b.condition as Condition,
    threshold: b.threshold as number,
    duration: duration as string,
    severity: severity as Severity,
    ...(typeof b.webhook === 'string' ? { webhook: b.webhook } : {}),
    ...(typeof b.description === 'string' ? { description: b.description } : {}),
    ...(b.disabled === true ? { disabled: true } : {}),
  };
}

export function holds(condition: Condition, value: number, threshold: number): boolean {
  switch (condition) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

export interface ResourceState {
  state: 'pending' | 'firing';
  since: number;
}

/**
 * One evaluation of one resource: the next state (undefined = inactive) and the event to notify, if any.
 * A resource whose series disappeared counts as "condition false".
 */
export function nextState(
  prev: ResourceState | undefined,
  conditionTrue: boolean,
  now: number,
  durationMs: number,
): { state?: ResourceState; event?: 'firing' | 'resolved' } {
  if (!conditionTrue) return { event: prev?.state === 'firing' ? 'resolved' : undefined };
  if (prev?.state === 'firing') return { state: prev };
  const since = prev?.since ?? now;
  if (now - since >= durationMs) return { state: { state: 'firing', since }, event: 'firing' };
  return { state: { state: 'pending', since } };
}
