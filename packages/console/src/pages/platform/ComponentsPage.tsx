/**
 * @module ComponentsPage
 * Platform › Infrastructure › Service Components: every control-plane and platform component with a
 * healthy / unhealthy / unknown badge, node readiness, refreshed every 30 s.
 */
import { Badge, Button, Card, Col, Result, Row, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import { request } from '../../api/http';
import { COMPONENTS } from '../../api/paths';
import { formatTime } from '../../resources/meta';
import {
  countHealth,
  groupComponents,
  healthOf,
  healthTone,
  type ComponentHealth,
  type ComponentStatus,
} from './components-model';

const GROUP_LABEL = {
  kubernetes: 'KUBERNETES_COMPONENTS',
  kubesphere: 'PLATFORM_COMPONENTS',
  monitoring: 'MONITORING',
};

export function ComponentsPage() {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ['components'],
    queryFn: () => request<ComponentStatus[]>(`${COMPONENTS}/components`),
    refetchInterval: 30_000,
  });
  const health = useQuery({
    queryKey: ['componenthealth'],
    queryFn: () => request<ComponentHealth>(`${COMPONENTS}/componenthealth`),
    refetchInterval: 30_000,
  });
  if (list.error instanceof ApiError && list.error.status === 403)
    return <Result status="403" title={t('NO_PERMISSION')} />;
  const items = list.data ?? [];
  const counts = countHealth(items);
  const nodes = health.data?.nodeStatus;
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{t('SERVICE_COMPONENTS')}</h2>
        <Typography.Text type="secondary">{t('SERVICE_COMPONENTS_DESC')}</Typography.Text>
      </Card>
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Row gutter={16} align="middle">
          <Col span={5}>
            <Statistic title={t('HEALTHY')} value={counts.healthy} />
          </Col>
          <Col span={5}>
            <Statistic title={t('UNHEALTHY')} value={counts.unhealthy} />
          </Col>
          <Col span={5}>
            <Statistic title={t('UNKNOWN')} value={counts.unknown} />
          </Col>
          <Col span={6}>
            <Statistic
              title={t('READY_NODES')}
              value={nodes ? `${nodes.healthyNodes} / ${nodes.totalNodes}` : '-'}
            />
          </Col>
          <Col span={3} style={{ textAlign: 'right' }}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('REFRESH')}
              onClick={() => void Promise.all([list.refetch(), health.refetch()])}
            />
          </Col>
        </Row>
      </Card>
      {list.error && !(list.error instanceof ApiError && list.error.status === 403) && (
        <Typography.Text type="danger">{(list.error as Error).message}</Typography.Text>
      )}
      {groupComponents(items).map(([group, comps]) => (
        <Card key={group} title={t(GROUP_LABEL[group])} variant="borderless" style={{ marginBottom: 16 }}>
          <Table<ComponentStatus>
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={comps}
            aria-label={t(GROUP_LABEL[group])}
            expandable={{
              rowExpandable: (c) => !!c.checks?.length,
              expandedRowRender: (c) => (
                <div className="sphere-kv">
                  {c.checks?.map((x) => (
                    <Tag key={x.name} color={x.ok ? 'green' : 'red'}>
                      {x.name}
                    </Tag>
                  ))}
                </div>
              ),
            }}
            columns={[
              { key: 'name', title: t('NAME'), render: (_, c) => <b>{c.name}</b> },
              {
                key: 'status',
                title: t('STATUS'),
                render: (_, c) => {
                  const h = healthOf(c);
                  return (
                    <Badge
                      status={healthTone(h)}
                      text={t(h.toUpperCase())}
                      data-testid={`health-${c.name}`}
                    />
                  );
                },
              },
              {
                key: 'backends',
                title: t('HEALTHY_BACKENDS'),
                render: (_, c) => (c.totalBackends ? `${c.healthyBackends} / ${c.totalBackends}` : '-'),
              },
              { key: 'namespace', title: t('PROJECT'), render: (_, c) => c.namespace || '-' },
              { key: 'message', title: t('MESSAGE'), render: (_, c) => c.message || '-' },
              {
                key: 'started',
                title: t('STARTED_AT'),
                render: (_, c) => formatTime(c.startedAt, i18n.language),
              },
            ]}
          />
        </Card>
      ))}
    </>
  );
}
