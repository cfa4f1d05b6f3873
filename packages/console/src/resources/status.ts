/**
 * @module status
 * Status of an object as the list badge shows it (KubeSphere's rules), pure per kind.
 */
import type { KubeObject } from '@sphere/shared';

export type StatusTone = 'success' | 'processing' | 'default' | 'error' | 'warning';
export interface StatusInfo {
  /** i18n key of the status label; also the value of the `status` list filter. */
  key: string;
  tone: StatusTone;
  /** "ready/total" for workloads. */
  detail?: string;
}

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Deployments and StatefulSets: Stopped / Running / Updating. */
export function workloadStatus(obj: Obj): StatusInfo {
  const desired = typeof obj.spec?.replicas === 'number' ? obj.spec.replicas : 1;
  const ready = num(obj.status?.readyReplicas);
  const updated = obj.status?.updatedReplicas;
  const detail = `${ready}/${desired}`;
  if (desired === 0 && ready === 0) return { key: 'STOPPED', tone: 'default', detail };
  const current = num(obj.status?.replicas);
  if (ready === desired && current === desired && (updated === undefined || updated === desired)) {
    return { key: 'RUNNING', tone: 'success', detail };
  }
  return { key: 'UPDATING', tone: 'processing', detail };
}

/** DaemonSets compare available with desired-scheduled pods. */
export function daemonSetStatus(obj: Obj): StatusInfo {
  const desired = num(obj.status?.desiredNumberScheduled);
  const available = num(obj.status?.numberAvailable);
  const detail = `${available}/${desired}`;
  if (desired === 0) return { key: 'STOPPED', tone: 'default', detail };
  return available === desired
    ? { key: 'RUNNING', tone: 'success', detail }
    : { key: 'UPDATING', tone: 'processing', detail };
}

/** Jobs: Failed / Completed / Running from conditions and counters. */
export function jobStatus(obj: Obj): StatusInfo {
  const conditions = (obj.status?.conditions as { type: string; status: string }[] | undefined) ?? [];
  const has = (type: string) => conditions.some((c) => c.type === type && c.status === 'True');
  const completions = typeof obj.spec?.completions === 'number' ? obj.spec.completions : 1;
  const detail = `${num(obj.status?.succeeded)}/${completions}`;
  if (has('Failed')) return { key: 'FAILED', tone: 'error', detail };
  if (has('Complete')) return { key: 'COMPLETED', tone: 'success', detail };
  return { key: 'RUNNING', tone: 'processing', detail };
}

/** CronJobs: Paused when suspended. */
export function cronJobStatus(obj: Obj): StatusInfo {
  return obj.spec?.suspend ? { key: 'PAUSED', tone: 'default' } : { key: 'RUNNING', tone: 'success' };
}

/** Pods: the phase, with Terminating and waiting reasons taking precedence. */
export function podStatus(obj: Obj): StatusInfo {
  if (obj.metadata.deletionTimestamp) return { key: 'TERMINATING', tone: 'warning' };
  const statuses =
    (obj.status?.containerStatuses as { state?: { waiting?: { reason?: string } } }[] | undefined) ?? [];
  const waiting = statuses.find((s) => s.state?.waiting?.reason);
  const phase = String(obj.status?.phase ?? 'Pending');
  if (waiting && phase !== 'Succeeded') {
    const reason = waiting.state?.waiting?.reason ?? '';
    return { key: reason, tone: /Err|BackOff|Invalid/.test(reason) ? 'error' : 'processing' };
  }
  const tones: Record<string, StatusTone> = {
    Running: 'success',
    Succeeded: 'success',
    Pending: 'processing',
    Failed: 'error',
  };
  return { key: phase.toUpperCase(), tone: tones[phase] ?? 'default' };
}

/** PVCs: Bound / Pending / Lost. */
export function pvcStatus(obj: Obj): StatusInfo {
  const phase = String(obj.status?.phase ?? 'Pending');
  const tones: Record<string, StatusTone> = { Bound: 'success', Pending: 'processing', Lost: 'error' };
  return { key: phase.toUpperCase(), tone: tones[phase] ?? 'default' };
}

/** Nodes: Running / Unschedulable / Warning (not Ready). */
export function nodeStatus(obj: Obj): StatusInfo {
  const conditions = (obj.status?.conditions as { type: string; status: string }[] | undefined) ?? [];
  const ready = conditions.find((c) => c.type === 'Ready')?.status === 'True';
  if (!ready) return { key: 'WARNING', tone: 'error' };
  if (obj.spec?.unschedulable) return { key: 'UNSCHEDULABLE', tone: 'warning' };
  return { key: 'RUNNING', tone: 'success' };
}

/** Namespaces: Active / Terminating. */
export function namespaceStatus(obj: Obj): StatusInfo {
  const phase = String(obj.status?.phase ?? 'Active');
  return { key: phase.toUpperCase(), tone: phase === 'Active' ? 'success' : 'warning' };
}
