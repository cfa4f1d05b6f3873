/**
 * @module monitoring/ProjectPages
 * Project › Monitoring (usage over time, application resource counts, top workloads by CPU) and the
 * monitoring tabs of workload and pod detail pages (CPU, memory, network out/in; one line per pod, the
 * five pods using the most CPU).
 */
import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { seriesOf, valueOf } from './api';
import { MetricCard, PerResourceCard, QueryState } from './Charts';
import { TimeBar } from './ClusterPages';
import { useInstantMetrics, useRangeMetrics, useTimeControls } from './hooks';
import { NS } from './i18n';
import { formatUnit } from './units';

const NS_METRICS = [
  'namespace_cpu_usage',
  'namespace_memory_usage_wo_cache',
  'namespace_net_bytes_transmitted',
  'namespace_net_bytes_received',
  'namespace_pod_running_count',
  'namespace_pod_abnormal_count',
];
const COUNTS = [
  ['namespace_deployment_count', 'deployments'],
  ['namespace_statefulset_count', 'statefulsets'],
  ['namespace_daemonset_count', 'daemonsets'],
  ['namespace_service_count', 'services'],
  ['namespace_pod_count', 'podUsage'],
] as const;

export function ProjectMonitoringPage({ namespace }: { namespace?: string }) {
  const { t } = useTranslation(NS);
  const params = useParams();
  const ns = namespace ?? params.namespace ?? '';
  const tc = useTimeControls();
  const path = `/namespaces/${encodeURIComponent(ns)}`;
  const q = useRangeMetrics(path, NS_METRICS, tc);
  const counts = useInstantMetrics(
    path,
    COUNTS.map(([m]) => m),
    {},
    30_000,
  );
  const top = useInstantMetrics(
    `${path}/workloads`,
    ['workload_cpu_usage', 'workload_memory_usage_wo_cache'],
    { sort_metric: 'workload_cpu_usage', sort_type: 'desc', limit: 10 },
    10_000,
  );
  return (
    <>
      <Typography.Title level={3}>{t('projectUsage')}</Typography.Title>
      <TimeBar tc={tc} />
      <Row gutter={16}>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <MetricCard
            title={t('cpuUsage')}
            q={q}
            unit="cpu"
            area
            lines={[{ metric: 'namespace_cpu_usage', label: t('cpuUsage') }]}
          />
        </Col>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <MetricCard
            title={t('memoryUsage')}
            q={q}
            unit="memory"
            area
            lines={[{ metric: 'namespace_memory_usage_wo_cache', label: t('memoryUsage') }]}
          />
        </Col>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <MetricCard
            title={t('networkOutbound')}
            q={q}
            unit="bandwidth"
            lines={[
              { metric: 'namespace_net_bytes_transmitted', label: t('networkOutbound') },
              { metric: 'namespace_net_bytes_received', label: t('networkInbound') },
            ]}
          />
        </Col>
        <Col xs={24} lg={12} style={{ marginBottom: 16 }}>
          <MetricCard
            title={t('podStatus')}
            q={q}
            unit="count"
            lines={[
              { metric: 'namespace_pod_running_count', label: t('running') },
              { metric: 'namespace_pod_abnormal_count', label: t('abnormal') },
            ]}
          />
        </Col>
      </Row>
      <Card title={t('resourceCounts')} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {COUNTS.map(([m, label]) => (
            <Col key={m} span={4}>
              <Statistic title={t(label)} value={valueOf(counts.data, m) ?? '-'} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card title={t('topWorkloads')} size="small">
        <QueryState q={top}>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={seriesOf(top.data, 'workload_cpu_usage').map((s) => ({
              key: `${s.metric.owner_kind}/${s.metric.workload}`,
              ...s.metric,
            }))}
            columns={[
              {
                title: t('workload'),
                render: (_: unknown, r: Record<string, string>) => `${r.workload} (${r.owner_kind})`,
              },
              {
                title: t('cpuUsage'),
                render: (_: unknown, r: Record<string, string>) =>
                  formatUnit(
                    valueOf(top.data, 'workload_cpu_usage', {
                      workload: r.workload,
                      owner_kind: r.owner_kind,
                    }),
                    'cpu',
                  ),
              },
              {
                title: t('memoryUsage'),
                render: (_: unknown, r: Record<string, string>) =>
                  formatUnit(
                    valueOf(top.data, 'workload_memory_usage_wo_cache', {
                      workload: r.workload,
                      owner_kind: r.owner_kind,
                    }),
                    'memory',
                  ),
              },
            ]}
          />
        </QueryState>
      </Card>
    </>
  );
}

const POD_METRICS = [
  'pod_cpu_usage',
  'pod_memory_usage_wo_cache',
  'pod_net_bytes_transmitted',
  'pod_net_bytes_received',
];

/** Four per-pod charts for the pods matched by `resources_filter`. */
function PodCharts({ path, pods }: { path: string; pods: string[] }) {
  const { t } = useTranslation(NS);
  const tc = useTimeControls();
  const filter = pods.length
    ? `${pods.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}$`
    : undefined;
  const q = useRangeMetrics(path, POD_METRICS, tc, { resources_filter: filter }, pods.length > 0);
  const charts: [string, string, 'cpu' | 'memory' | 'bandwidth'][] = [
    ['cpuUsage', 'pod_cpu_usage', 'cpu'],
    ['memoryUsage', 'pod_memory_usage_wo_cache', 'memory'],
    ['networkOutbound', 'pod_net_bytes_transmitted', 'bandwidth'],
    ['networkInbound', 'pod_net_bytes_received', 'bandwidth'],
  ];
  return (
    <>
      <TimeBar tc={tc} />
      <Row gutter={16}>
        {charts.map(([title, metric, unit]) => (
          <Col key={metric} xs={24} lg={12} style={{ marginBottom: 16 }}>
            <PerResourceCard title={t(title)} q={q} metric={metric} labelKey="pod" unit={unit} />
          </Col>
        ))}
      </Row>
    </>
  );
}

/** Workload detail › Monitoring: the five pods using the most CPU. */
export function WorkloadMonitoringTab({
  namespace,
  kind,
  name,
}: {
  namespace: string;
  kind: string;
  name: string;
}) {
  const { t } = useTranslation(NS);
  const path = `/namespaces/${encodeURIComponent(namespace)}/workloads/${kind.toLowerCase()}/${encodeURIComponent(name)}/pods`;
  const top = useInstantMetrics(
    path,
    ['pod_cpu_usage'],
    { sort_metric: 'pod_cpu_usage', sort_type: 'desc', limit: 5 },
    30_000,
  );
  const pods = seriesOf(top.data, 'pod_cpu_usage').map((s) => s.metric.pod);
  const total = top.data?.total_item ?? 0;
  return (
    <QueryState q={top}>
      {total > 5 && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('moreReplicas', { total })} />
      )}
      <PodCharts path={path} pods={pods} />
    </QueryState>
  );
}

/** Pod detail › Monitoring. */
export function PodMonitoringTab({ namespace, pod }: { namespace: string; pod: string }) {
  return <PodCharts path={`/namespaces/${encodeURIComponent(namespace)}/pods`} pods={[pod]} />;
}
