/**
 * @module platform-api
 * Shapes of the platform API that both the platform (which answers with them) and the console (which
 * reads and sends them) use, kept once so the two cannot drift apart.
 */

/** One entry of the audit trail (`GET /kapis/tenant.kubesphere.io/v1alpha2/auditing/events`). */
export interface AuditEvent {
  time: string;
  user: string;
  verb: string;
  method: string;
  path: string;
  apiGroup: string;
  resource: string;
  subresource: string;
  namespace: string;
  workspace: string;
  name: string;
  code: number;
  outcome: 'success' | 'denied' | 'failure';
  sourceIP: string;
  userAgent: string;
}

export const ALERT_CONDITIONS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];
export const ALERT_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** An alert policy as the monitoring API stores and returns it. */
export interface AlertPolicy {
  name: string;
  /** Set for project policies; the metric is then evaluated inside this namespace only. */
  namespace?: string;
  /** A KubeSphere metric name, e.g. `namespace_cpu_usage`, `pod_memory_usage_wo_cache`. */
  metric: string;
  /** Result labels that must match (e.g. `{workload: "web"}`, `{node: "node-1"}`). */
  match?: Record<string, string>;
  condition: AlertCondition;
  threshold: number;
  /** Go duration the condition must hold before firing ("0s" fires at once). */
  duration: string;
  severity: AlertSeverity;
  /** POSTed (JSON) when an alert fires or resolves. */
  webhook?: string;
  description?: string;
  disabled?: boolean;
  createdAt?: string;
}
