/**
 * @module registry/autoscaling/hpa-behavior
 * Validation of `spec.behavior` (scale-up/scale-down rules) with kube-apiserver's messages.
 */
import type { StatusCause } from '@sphere/shared';
import { invalidRendered, isObj } from '../apps/support';

const maxPeriodSeconds = 1800;
const maxStabilizationWindowSeconds = 3600;

function notSupported(field: string, value: unknown, supported: string[]): StatusCause {
  return {
    reason: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: "${String(value)}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  };
}

function validatePolicy(policy: unknown, path: string): StatusCause[] {
  const p = isObj(policy) ? policy : {};
  const causes: StatusCause[] = [];
  if (p.type !== 'Pods' && p.type !== 'Percent')
    causes.push(notSupported(`${path}.type`, p.type ?? '', ['Pods', 'Percent']));
  const value = typeof p.value === 'number' ? p.value : 0;
  if (value <= 0) causes.push(invalidRendered(`${path}.value`, String(value), 'must be greater than zero'));
  const period = typeof p.periodSeconds === 'number' ? p.periodSeconds : 0;
  if (period <= 0)
    causes.push(invalidRendered(`${path}.periodSeconds`, String(period), 'must be greater than zero'));
  if (period > maxPeriodSeconds) {
    causes.push(
      invalidRendered(
        `${path}.periodSeconds`,
        String(period),
        `must be less than or equal to ${maxPeriodSeconds}`,
      ),
    );
  }
  return causes;
}

function validateRules(rules: unknown, path: string): StatusCause[] {
  if (!isObj(rules)) return [];
  const causes: StatusCause[] = [];
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === 'number' && window < 0) {
    causes.push(
      invalidRendered(
        `${path}.stabilizationWindowSeconds`,
        String(window),
        'must be greater than or equal to zero',
      ),
    );
  }
  if (typeof window === 'number' && window > maxStabilizationWindowSeconds) {
    causes.push(
      invalidRendered(
        `${path}.stabilizationWindowSeconds`,
        String(window),
        `must be less than or equal to ${maxStabilizationWindowSeconds}`,
      ),
    );
  }
  const select = rules.selectPolicy;
  if (select !== undefined && select !== null && !['Max', 'Min', 'Disabled'].includes(String(select))) {
    causes.push(notSupported(`${path}.selectPolicy`, select, ['Disabled', 'Max', 'Min']));
  }
  const policies = Array.isArray(rules.policies) ? rules.policies : [];
  if (policies.length === 0) {
    causes.push({
      reason: 'FieldValueRequired',
      field: `${path}.policies`,
      message: 'Required value: must specify at least one Policy',
    });
  }
  policies.forEach((policy, i) => causes.push(...validatePolicy(policy, `${path}.policies[${i}]`)));
  return causes;
}

/** `spec.behavior` of an autoscaling/v2 HPA (after defaulting filled the omitted parts). */
export function validateHpaBehavior(behavior: unknown): StatusCause[] {
  if (!isObj(behavior)) return [];
  return [
    ...validateRules(behavior.scaleUp, 'spec.behavior.scaleUp'),
    ...validateRules(behavior.scaleDown, 'spec.behavior.scaleDown'),
  ];
}
