/**
 * @module monitoring/AlertMessagesPage
 * Alert Messages of the cluster (platform › Monitoring) or of one project (project › Alerting): each
 * message with its policy, severity, state, value and times, refreshed every 10 s.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchAlerts, type AlertMessage } from './api';
import { NS } from './i18n';
import { SEVERITY_COLOR, SEVERITY_KEY, useScopeNamespace } from './alerting-labels';

/** Alert messages of the cluster or of one project (`namespace`, or the route's project). */
export function AlertMessagesPage({ namespace }: { namespace?: string }) {
  const { t } = useTranslation(NS);
  const ns = useScopeNamespace(namespace);
  const q = useQuery({
    queryKey: ['alerts', ns],
    queryFn: () => fetchAlerts(ns),
    refetchInterval: 10_000,
  });
  return (
    <Card title={t('alerts')} size="small">
      {q.error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('loadError', { message: (q.error as Error).message })}
        />
      )}
      <Table<AlertMessage>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: t('policy'), dataIndex: 'policy' },
          {
            title: t('severity'),
            dataIndex: 'severity',
            render: (s: string) => <Tag color={SEVERITY_COLOR[s]}>{t(SEVERITY_KEY[s] ?? s)}</Tag>,
          },
          {
            title: t('state'),
            dataIndex: 'state',
            render: (s: string) => (
              <Tag color={s === 'firing' ? 'red' : 'green'}>{t(s === 'firing' ? 'firing' : 'resolved')}</Tag>
            ),
          },
          {
            title: t('value'),
            render: (_: unknown, m: AlertMessage) =>
              `${m.metric} = ${m.value} ${Object.values(m.labels).filter(Boolean).join('/')}`,
          },
          {
            title: t('startsAt'),
            dataIndex: 'startsAt',
            render: (s: string) => new Date(s).toLocaleString(),
          },
          {
            title: t('endsAt'),
            dataIndex: 'endsAt',
            render: (s?: string) => (s ? new Date(s).toLocaleString() : '-'),
          },
        ]}
      />
    </Card>
  );
}
