/**
 * @module monitoring/ResourceMonitoringTab
 * One "Monitoring" tab for any detail page: picks the view by the object's kind (Pod, Deployment,
 * StatefulSet, DaemonSet, Node, Namespace).
 */
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { NodeMonitoringPage } from './ClusterPages';
import { NS } from './i18n';
import { PodMonitoringTab, ProjectMonitoringPage, WorkloadMonitoringTab } from './ProjectPages';

interface ObjectLike {
  kind?: string;
  metadata: { name?: string; namespace?: string };
}

export function ResourceMonitoringTab({ obj, kind }: { obj: ObjectLike; kind?: string }) {
  const { t } = useTranslation(NS);
  const k = kind ?? obj.kind ?? '';
  const name = obj.metadata.name ?? '';
  const ns = obj.metadata.namespace ?? '';
  switch (k) {
    case 'Pod':
      return <PodMonitoringTab namespace={ns} pod={name} />;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
      return <WorkloadMonitoringTab namespace={ns} kind={k} name={name} />;
    case 'Node':
      return <NodeMonitoringPage name={name} />;
    case 'Namespace':
      return <ProjectMonitoringPage namespace={name} />;
    default:
      return <Empty description={t('noData')} />;
  }
}
