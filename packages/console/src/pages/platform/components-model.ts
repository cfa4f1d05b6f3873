/**
 * @module components-model
 * The platform's service-component records (`GET .../components`) and the pure helpers of the Service
 * Components page: grouping, badge tone, summary counts.
 */
export type Health = 'healthy' | 'unhealthy' | 'unknown';

export interface ComponentStatus {
  name: string;
  namespace: string;
  selfLink: string;
  label: Record<string, string>;
  startedAt?: string;
  totalBackends: number;
  healthyBackends: number;
  group: 'kubernetes' | 'kubesphere' | 'monitoring';
  status: Health;
  message: string;
  checks?: { name: string; ok: boolean }[];
}

export interface ComponentHealth {
  nodeStatus: { totalNodes: number; healthyNodes: number };
}

/** Older platforms (or KubeSphere) without `status`: healthy when every backend is. */
export function healthOf(c: Pick<ComponentStatus, 'status' | 'totalBackends' | 'healthyBackends'>): Health {
  if (c.status) return c.status;
  if (!c.totalBackends) return 'unknown';
  return c.healthyBackends >= c.totalBackends ? 'healthy' : 'unhealthy';
}

/** antd Badge status for a health. */
export function healthTone(h: Health): 'success' | 'error' | 'default' {
  return h === 'healthy' ? 'success' : h === 'unhealthy' ? 'error' : 'default';
}

export const GROUP_ORDER: ComponentStatus['group'][] = ['kubernetes', 'kubesphere', 'monitoring'];

/** Components by group in display order (empty groups dropped). */
export function groupComponents(list: ComponentStatus[]): [ComponentStatus['group'], ComponentStatus[]][] {
  return GROUP_ORDER.map(
    (g) =>
      [g, list.filter((c) => (c.group ?? 'kubesphere') === g)] as [
        ComponentStatus['group'],
        ComponentStatus[],
      ],
  ).filter(([, items]) => items.length > 0);
}

/** How many components are in each health. */
export function countHealth(list: ComponentStatus[]): Record<Health, number> {
  const out: Record<Health, number> = { healthy: 0, unhealthy: 0, unknown: 0 };
  for (const c of list) out[healthOf(c)]++;
  return out;
}
