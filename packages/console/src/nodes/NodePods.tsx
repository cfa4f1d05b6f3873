/**
 * @module nodes/NodePods
 * The pods bound to a node (all projects): `spec.nodeName` field selector, refreshed every 10 s.
 */
import { Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { KubeObject } from '@sphere/shared';
import { listKube } from '../api/resources';
import { StatusBadge } from '../components/StatusBadge';
import { KINDS } from '../resources/kinds';
import { formatTime } from '../resources/meta';
import { podStatus } from '../resources/status';

export default function NodePods({ node }: { node: KubeObject }) {
  const { t, i18n } = useTranslation();
  const name = node.metadata.name ?? '';
  const q = useQuery({
    queryKey: ['node-pods', name],
    queryFn: () => listKube(KINDS.pods, undefined, { fieldSelector: `spec.nodeName=${name}` }),
    refetchInterval: 10_000,
  });
  return (
    <Table<KubeObject>
      size="small"
      loading={q.isLoading}
      rowKey={(p) => p.metadata.uid ?? `${p.metadata.namespace}/${p.metadata.name}`}
      dataSource={q.data?.items ?? []}
      pagination={{ pageSize: 20, showTotal: (total) => t('TOTAL_ITEMS', { count: total }) }}
      columns={[
        {
          key: 'name',
          title: t('NAME'),
          render: (_, p) => (
            <Link to={`/projects/${p.metadata.namespace}/pods/${p.metadata.name}`}>{p.metadata.name}</Link>
          ),
        },
        { key: 'ns', title: t('PROJECT'), render: (_, p) => p.metadata.namespace },
        { key: 'status', title: t('STATUS'), render: (_, p) => <StatusBadge status={podStatus(p)} /> },
        {
          key: 'ip',
          title: t('POD_IP'),
          render: (_, p) => String((p.status as { podIP?: string } | undefined)?.podIP ?? '-'),
        },
        {
          key: 'time',
          title: t('CREATED_TIME'),
          render: (_, p) => formatTime(p.metadata.creationTimestamp, i18n.language),
        },
      ]}
    />
  );
}
