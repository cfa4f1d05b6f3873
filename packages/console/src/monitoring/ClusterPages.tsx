/**
 * @module monitoring/ClusterPages
 * Platform › Monitoring: cluster status (CPU, memory, disk and pods, used against capacity over time;
 * utilisation; pod status), the node usage ranking and a node's monitoring charts (alert messages and
 * policies: ./AlertMessagesPage, ./AlertPoliciesPage).
 */
import { Card, Col, Progress, Row, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { seriesOf, valueOf } from './api';
import { MetricCard, QueryState } from './Charts';
import { useInstantMetrics, useRangeMetrics, useTimeControls, type TimeControls } from './hooks';
import { NS } from './i18n';
import { TimeRangeBar } from './TimeRangeBar';
import { formatUnit } from './units';

export function TimeBar({ tc }: { tc: TimeControls }) {
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <TimeRangeBar
        window={tc.window}
        onChange={tc.setWindow}
        autoRefresh={tc.autoRefresh}
        onAutoRefresh={tc.setAutoRefresh}
        onRefresh={tc.refresh}
      />
    </Card>
  );
}

const CLUSTER_METRICS = [
  'cluster_cpu_usage',
  'cluster_cpu_total',
  'cluster_cpu_utilisation',
  'cluster_memory_usage_wo_cache',
  'cluster_memory_total',
  'cluster_memory_utilisation',
  'cluster_disk_size_usage',
  'cluster_disk_size_capacity',
  'cluster_pod_running_count',
  'cluster_pod_succeeded_count',
  'cluster_pod_abnormal_count',
  'cluster_pod_quota',
  'cluster_net_bytes_transmitted',
  'cluster_net_bytes_received',
];

export function ClusterMonitoringPage() {
  const { t } = useTranslation(NS);
  const tc = useTimeControls();
  const q = useRangeMetrics('/cluster', CLUSTER_METRICS, tc);
  const card = (title: string, used: string, total: string, unit: 'cpu' | 'memory' | 'disk' | 'count') => (
    <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
      <MetricCard
        title={title}
        q={q}
        unit={unit}
        area
        lines={[
          { metric: used, label: t('usage') },
          { metric: total, label: t('capacity') },
        ]}
      />
    </Col>
  );
  return (
    <>
      <Typography.Title level={3}>{t('clusterStatus')}</Typography.Title>
      <TimeBar tc={tc} />
      <Row gutter={16}>
        {card(t('cpuUsage'), 'cluster_cpu_usage', 'cluster_cpu_total', 'cpu')}
        {card(t('memoryUsage'), 'cluster_memory_usage_wo_cache', 'cluster_memory_total', 'memory')}
        {card(t('diskUsage'), 'cluster_disk_size_usage', 'cluster_disk_size_capacity', 'disk')}
        {card(t('podUsage'), 'cluster_pod_running_count', 'cluster_pod_quota', 'count')}
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <MetricCard
            title={t('cpuUtilisation')}
            q={q}
            unit="percent"
            lines={[
              { metric: 'cluster_cpu_utilisation', label: t('cpuUtilisation') },
              { metric: 'cluster_memory_utilisation', label: t('memoryUtilisation') },
            ]}
          />
        </Col>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <MetricCard
            title={t('podStatus')}
            q={q}
            unit="count"
            lines={[
              { metric: 'cluster_pod_running_count', label: t('running') },
              { metric: 'cluster_pod_succeeded_count', label: t('succeeded') },
              { metric: 'cluster_pod_abnormal_count', label: t('abnormal') },
            ]}
          />
        </Col>
      </Row>
      <NodeRanking />
    </>
  );
}

const RANK_METRICS = [
  'node_cpu_utilisation',
  'node_memory_utilisation',
  'node_disk_size_utilisation',
  'node_pod_utilisation',
  'node_cpu_usage',
  'node_memory_usage_wo_cache',
  'node_pod_count',
];

/** Nodes ranked by the chosen utilisation (instant query with sort_metric), refreshed every 10 s. */
export function NodeRanking() {
  const { t } = useTranslation(NS);
  const [sort, setSort] = useState('node_cpu_utilisation');
  const [page, setPage] = useState(1);
  const q = useInstantMetrics(
    '/nodes',
    RANK_METRICS,
    { sort_metric: sort, sort_type: 'desc', page, limit: 10 },
    10_000,
  );
  const nodes = seriesOf(q.data, sort).map((s) => s.metric.node);
  const bar = (node: string, metric: string) => {
    const v = valueOf(q.data, metric, { node });
    return <Progress percent={v === undefined ? 0 : Math.round(v * 1000) / 10} size="small" />;
  };
  return (
    <Card
      title={t('nodeUsageRanking')}
      size="small"
      extra={
        <Space>
          {t('sortBy')}
          <Select
            value={sort}
            style={{ width: 200 }}
            onChange={setSort}
            options={[
              { value: 'node_cpu_utilisation', label: t('cpuUtilisation') },
              { value: 'node_memory_utilisation', label: t('memoryUtilisation') },
              { value: 'node_disk_size_utilisation', label: t('diskUsage') },
              { value: 'node_pod_utilisation', label: t('podUsage') },
            ]}
          />
        </Space>
      }
    >
      <QueryState q={q}>
        <Table
          rowKey="node"
          size="small"
          dataSource={nodes.map((node) => ({ node }))}
          pagination={{ current: page, pageSize: 10, total: q.data?.total_item ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('node'),
              dataIndex: 'node',
              render: (n: string) => <Link to={`/infrastructure/monitoring/nodes/${n}`}>{n}</Link>,
            },
            {
              title: t('cpuUtilisation'),
              render: (_: unknown, r: { node: string }) => bar(r.node, 'node_cpu_utilisation'),
            },
            {
              title: t('memoryUtilisation'),
              render: (_: unknown, r: { node: string }) => bar(r.node, 'node_memory_utilisation'),
            },
            {
              title: t('diskUsage'),
              render: (_: unknown, r: { node: string }) => bar(r.node, 'node_disk_size_utilisation'),
            },
            {
              title: t('podUsage'),
              render: (_: unknown, r: { node: string }) => bar(r.node, 'node_pod_utilisation'),
            },
            {
              title: t('cpuUsage'),
              render: (_: unknown, r: { node: string }) =>
                formatUnit(valueOf(q.data, 'node_cpu_usage', r), 'cpu'),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}

const NODE_METRICS = [
  'node_cpu_usage',
  'node_cpu_total',
  'node_cpu_utilisation',
  'node_memory_usage_wo_cache',
  'node_memory_total',
  'node_memory_utilisation',
  'node_disk_size_usage',
  'node_disk_size_capacity',
  'node_net_bytes_transmitted',
  'node_net_bytes_received',
  'node_pod_running_count',
  'node_pod_quota',
];

/** Node detail › Monitoring; `name` from the route when not given. */
export function NodeMonitoringPage({ name }: { name?: string }) {
  const { t } = useTranslation(NS);
  const params = useParams();
  const node = name ?? params.name ?? '';
  const tc = useTimeControls();
  const q = useRangeMetrics(`/nodes/${encodeURIComponent(node)}`, NODE_METRICS, tc);
  const col = (child: React.ReactNode) => (
    <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
      {child}
    </Col>
  );
  return (
    <>
      {!name && <Typography.Title level={3}>{`${t('nodeMonitoring')}: ${node}`}</Typography.Title>}
      <TimeBar tc={tc} />
      <Row gutter={16}>
        {col(
          <MetricCard
            title={t('cpuUsage')}
            q={q}
            unit="cpu"
            area
            lines={[
              { metric: 'node_cpu_usage', label: t('usage') },
              { metric: 'node_cpu_total', label: t('capacity') },
            ]}
          />,
        )}
        {col(
          <MetricCard
            title={t('memoryUsage')}
            q={q}
            unit="memory"
            area
            lines={[
              { metric: 'node_memory_usage_wo_cache', label: t('usage') },
              { metric: 'node_memory_total', label: t('capacity') },
            ]}
          />,
        )}
        {col(
          <MetricCard
            title={t('cpuUtilisation')}
            q={q}
            unit="percent"
            lines={[
              { metric: 'node_cpu_utilisation', label: t('cpuUtilisation') },
              { metric: 'node_memory_utilisation', label: t('memoryUtilisation') },
            ]}
          />,
        )}
        {col(
          <MetricCard
            title={t('diskUsage')}
            q={q}
            unit="disk"
            area
            lines={[
              { metric: 'node_disk_size_usage', label: t('usage') },
              { metric: 'node_disk_size_capacity', label: t('capacity') },
            ]}
          />,
        )}
        {col(
          <MetricCard
            title={t('networkOutbound')}
            q={q}
            unit="bandwidth"
            lines={[
              { metric: 'node_net_bytes_transmitted', label: t('networkOutbound') },
              { metric: 'node_net_bytes_received', label: t('networkInbound') },
            ]}
          />,
        )}
        {col(
          <MetricCard
            title={t('podUsage')}
            q={q}
            unit="count"
            lines={[
              { metric: 'node_pod_running_count', label: t('running') },
              { metric: 'node_pod_quota', label: t('capacity') },
            ]}
          />,
        )}
      </Row>
    </>
  );
}
