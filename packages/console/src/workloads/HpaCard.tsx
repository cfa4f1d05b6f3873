/**
 * @module workloads/HpaCard
 * The Resource Status tab's HPA card of a Deployment: targets vs current values, min/max and
 * current/desired replicas, Edit and Cancel (delete the HPA and its annotation). Live through polling
 * of the HPA (its status changes as the controller measures).
 */
import { lazy, Suspense, useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Space, Table } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { hpaMetricRows, hpaReplicas, relatedHpaName } from './hpa';
import { nullFor404 } from './api';
import { loadHpa, removeHpa } from './hpa-actions';

const HpaModal = lazy(() => import('./HpaModal'));

export default function HpaCard({ workload, canEdit }: { workload: KubeObject; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const bound = relatedHpaName(workload);
  const hpa = useQuery({
    queryKey: ['hpa', workload.metadata.namespace, workload.metadata.name],
    queryFn: nullFor404(() => loadHpa(workload)),
    enabled: !!bound,
    refetchInterval: 5000,
  });
  if (!bound) return null;
  const obj = hpa.data;
  const replicas = obj ? hpaReplicas(obj) : undefined;
  return (
    <Card
      size="small"
      title={t('HORIZONTAL_POD_AUTOSCALING')}
      style={{ marginBottom: 16 }}
      loading={hpa.isLoading}
      data-testid="hpa-card"
      extra={
        canEdit && (
          <Space>
            <Button size="small" onClick={() => setEditing(true)}>
              {t('EDIT_HPA')}
            </Button>
            <Popconfirm
              title={t('CANCEL_HPA_CONFIRM')}
              okText={t('OK')}
              cancelText={t('CANCEL')}
              onConfirm={async () => {
                try {
                  await removeHpa(workload);
                  await queryClient.invalidateQueries({ queryKey: ['hpa', workload.metadata.namespace] });
                  message.success(t('DELETED_SUCCESS'));
                } catch (err) {
                  message.error((err as Error).message);
                }
              }}
            >
              <Button size="small" danger>
                {t('CANCEL_HPA')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {!obj ? (
        t('HPA_MISSING', { name: bound })
      ) : (
        <>
          <Descriptions size="small" column={4}>
            <Descriptions.Item label={t('MIN_REPLICAS')}>{replicas?.min}</Descriptions.Item>
            <Descriptions.Item label={t('MAX_REPLICAS')}>{replicas?.max}</Descriptions.Item>
            <Descriptions.Item label={t('CURRENT_REPLICAS')}>{replicas?.current}</Descriptions.Item>
            <Descriptions.Item label={t('DESIRED_REPLICAS')}>{replicas?.desired}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            pagination={false}
            rowKey="resource"
            dataSource={hpaMetricRows(obj)}
            columns={[
              {
                key: 'metric',
                title: t('METRIC'),
                render: (_, r) => t(r.resource === 'cpu' ? 'CPU_TARGET_UTILIZATION' : 'MEMORY_TARGET_VALUE'),
              },
              { key: 'target', title: t('TARGET'), dataIndex: 'target' },
              { key: 'current', title: t('CURRENT'), dataIndex: 'current' },
            ]}
          />
        </>
      )}
      {editing && (
        <Suspense fallback={null}>
          <HpaModal workload={workload} onClose={() => setEditing(false)} />
        </Suspense>
      )}
    </Card>
  );
}
