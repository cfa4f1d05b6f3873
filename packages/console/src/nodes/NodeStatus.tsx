/**
 * @module nodes/NodeStatus
 * A node's Running Status tab: usage against allocatable (with monitoring), conditions, capacity and
 * allocatable per resource, taints and the node's system information.
 */
import { Card, Col, Descriptions, Empty, Progress, Row, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { formatUnit } from '../monitoring/units';
import { formatTime } from '../resources/meta';
import { nodeIP, nodeResources, nodeRoles, taintsOf } from './model';
import { nodeUsage, useNodeMetrics, type UsageKind } from './usage';

type Any = Record<string, unknown>;

function Usage({ node }: { node: KubeObject }) {
  const { t } = useTranslation();
  const metrics = useNodeMetrics();
  const kinds: [UsageKind, string, 'cpu' | 'memory' | 'count'][] = [
    ['cpu', 'CPU', 'cpu'],
    ['memory', 'MEMORY', 'memory'],
    ['pods', 'PODS', 'count'],
  ];
  if (metrics.isError) return null;
  return (
    <Card size="small" title={t('RESOURCE_USAGE')} style={{ marginBottom: 16 }}>
      <Row gutter={16}>
        {kinds.map(([kind, label, unit]) => {
          const { used, total } = nodeUsage(node, kind, metrics.data);
          const percent = used !== undefined && total ? Math.round((used / total) * 1000) / 10 : 0;
          return (
            <Col key={kind} span={8} style={{ textAlign: 'center' }}>
              <Progress type="dashboard" percent={percent} size={96} aria-label={t(label)} />
              <div>{t(label)}</div>
              <div className="sphere-help">{`${formatUnit(used, unit)} / ${formatUnit(total, unit)}`}</div>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}

export default function NodeStatus({ node }: { node: KubeObject }) {
  const { t, i18n } = useTranslation();
  const status = (node.status ?? {}) as Any;
  const info = (status.nodeInfo ?? {}) as Record<string, string>;
  const conditions = (status.conditions as Any[] | undefined) ?? [];
  const { capacity, allocatable } = nodeResources(node);
  const resources = [...new Set([...Object.keys(capacity), ...Object.keys(allocatable)])].sort();
  const taints = taintsOf(node);
  return (
    <>
      <Usage node={node} />
      <Card size="small" title={t('NODE_INFO')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('INTERNAL_IP')}>{nodeIP(node) || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('ROLE')}>{nodeRoles(node).join(', ')}</Descriptions.Item>
          <Descriptions.Item label={t('UNSCHEDULABLE')}>
            {t((node.spec as Any | undefined)?.unschedulable ? 'YES' : 'NO')}
          </Descriptions.Item>
          <Descriptions.Item label={t('OS_IMAGE')}>{info.osImage ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('OPERATING_SYSTEM')}>
            {[info.operatingSystem, info.architecture].filter(Boolean).join(' / ') || '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('KERNEL_VERSION')}>{info.kernelVersion ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('CONTAINER_RUNTIME')}>
            {info.containerRuntimeVersion ?? '-'}
          </Descriptions.Item>
          <Descriptions.Item label={t('KUBELET_VERSION')}>{info.kubeletVersion ?? '-'}</Descriptions.Item>
          <Descriptions.Item label={t('KUBE_PROXY_VERSION')}>
            {info.kubeProxyVersion ?? '-'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('CONDITIONS')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          pagination={false}
          rowKey={(c) => String(c.type)}
          dataSource={conditions}
          columns={[
            { key: 'type', title: t('TYPE'), render: (_, c) => String(c.type) },
            {
              key: 'status',
              title: t('STATUS'),
              render: (_, c) => {
                // Ready is good when True; the pressure conditions are good when False.
                const good = c.type === 'Ready' ? c.status === 'True' : c.status === 'False';
                return <Tag color={good ? 'green' : 'red'}>{String(c.status)}</Tag>;
              },
            },
            { key: 'reason', title: t('REASON'), render: (_, c) => String(c.reason ?? '-') },
            {
              key: 'heartbeat',
              title: t('LAST_HEARTBEAT'),
              render: (_, c) => formatTime(String(c.lastHeartbeatTime ?? ''), i18n.language),
            },
            { key: 'message', title: t('MESSAGE'), render: (_, c) => String(c.message ?? '-') },
          ]}
        />
      </Card>
      <Card size="small" title={t('CAPACITY_ALLOCATABLE')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          pagination={false}
          rowKey="name"
          dataSource={resources.map((name) => ({ name }))}
          columns={[
            { key: 'name', title: t('RESOURCE'), dataIndex: 'name' },
            { key: 'capacity', title: t('CAPACITY'), render: (_, r) => capacity[r.name] ?? '-' },
            { key: 'allocatable', title: t('ALLOCATABLE'), render: (_, r) => allocatable[r.name] ?? '-' },
          ]}
        />
      </Card>
      <Card size="small" title={t('TAINTS')}>
        {taints.length ? (
          <div className="sphere-kv" data-testid="node-taints">
            {taints.map((x) => (
              <Tag key={`${x.key}:${x.effect}`}>{`${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}`}</Tag>
            ))}
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('NO_TAINTS')} />
        )}
      </Card>
    </>
  );
}
