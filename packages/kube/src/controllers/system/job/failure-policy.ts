/**
 * @module controllers/system/job/failure-policy
 * Matches a failed pod against a Job's podFailurePolicy rules (first matching rule wins), producing the
 * action and, for FailJob, the message upstream puts on the Job's condition.
 */
import type { Job, Pod, PodFailurePolicyRule } from './types';

export interface PolicyMatch {
  action: PodFailurePolicyRule['action'];
  message: string;
}

function exitCodeMatch(pod: Pod, rule: NonNullable<PodFailurePolicyRule['onExitCodes']>) {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const cs of statuses) {
    if (rule.containerName && cs.name !== rule.containerName) continue;
    const code = cs.state?.terminated?.exitCode;
    // Exit code 0 is success: it never matches, whatever the operator.
    if (code === undefined || code === 0) continue;
    const listed = rule.values.includes(code);
    if (rule.operator === 'In' ? listed : !listed) return { container: cs.name, code };
  }
  return undefined;
}

/** The first rule of the Job's policy matching this failed pod, if any. */
export function matchFailurePolicy(job: Job, pod: Pod): PolicyMatch | undefined {
  const rules = job.spec.podFailurePolicy?.rules ?? [];
  const podName = `${pod.metadata.namespace}/${pod.metadata.name}`;
  for (const [i, rule] of rules.entries()) {
    if (rule.onExitCodes) {
      const m = exitCodeMatch(pod, rule.onExitCodes);
      if (m)
        return {
          action: rule.action,
          message: `Container ${m.container} for pod ${podName} failed with exit code ${m.code} matching ${rule.action} rule at index ${i}`,
        };
    }
    for (const pattern of rule.onPodConditions ?? []) {
      const want = pattern.status ?? 'True';
      if (pod.status?.conditions?.some((c) => c.type === pattern.type && c.status === want))
        return {
          action: rule.action,
          message: `Pod ${podName} has condition ${pattern.type} matching ${rule.action} rule at index ${i}`,
        };
    }
  }
  return undefined;
}
