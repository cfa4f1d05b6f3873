/**
 * @module MonitoringTab
 * The detail page's Monitoring tab: the monitoring module's workload or pod charts (lazy-loaded with uPlot).
 */
import type { KubeObject } from '@sphere/shared';
import { NodeMonitoringPage } from '../../monitoring/ClusterPages';
import { PodMonitoringTab, WorkloadMonitoringTab } from '../../monitoring/ProjectPages';

export default function MonitoringTab({ obj }: { obj: KubeObject }) {
  const namespace = obj.metadata.namespace ?? '';
  const name = obj.metadata.name ?? '';
  if (obj.kind === 'Node') return <NodeMonitoringPage name={name} />;
  if (obj.kind === 'Pod') return <PodMonitoringTab namespace={namespace} pod={name} />;
  return <WorkloadMonitoringTab namespace={namespace} kind={obj.kind ?? ''} name={name} />;
}
