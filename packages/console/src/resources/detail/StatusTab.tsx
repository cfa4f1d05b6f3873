/**
 * @module StatusTab
 * "Resource Status": replicas (with scale buttons), ports, containers, conditions and the pods the
 * object selects; what shows depends on the kind.
 */
import { lazy, Suspense } from 'react';
import { App, Button, Card, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { patchResource } from '../../api/resources';
import { StatusBadge } from '../../components/StatusBadge';
import { KINDS, kindByName } from '../kinds';
import { formatTime } from '../meta';
import { podStatus } from '../status';
import { useLiveList } from '../useLiveList';
import { envEntries, selectorString, type EnvEntry } from './selectors';
import { RouteRules } from './RouteRules';

type Any = Record<string, unknown>;
const SCALABLE = new Set(['Deployment', 'StatefulSet']);
const HpaCard = lazy(() => import('../../workloads/HpaCard'));

function Replicas({ obj, canEdit }: { obj: KubeObject; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const spec = obj.spec as Any;
  const status = (obj.status ?? {}) as Any;
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const hpa = obj.metadata.annotations?.['kubesphere.io/relatedHPA'];
  const scale = async (n: number) => {
    try {
      await patchResource(
        kindByName(obj.kind ?? '') ?? KINDS.deployments,
        obj.metadata.namespace,
        obj.metadata.name ?? '',
        {
          spec: { replicas: Math.max(0, n) },
        },
      );
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  return (
    <Card size="small" title={t('REPLICAS')} style={{ marginBottom: 16 }}>
      <Space size="large" align="center">
        <Typography.Text>
          {t('DESIRED_REPLICAS')}: <b data-testid="desired-replicas">{desired}</b>
        </Typography.Text>
        <Typography.Text>
          {t('READY_REPLICAS')}: <b>{Number(status.readyReplicas ?? 0)}</b>
        </Typography.Text>
        {canEdit && (
          <Tooltip title={hpa ? t('SCALE_DISABLED_BY_HPA') : undefined}>
            <Space>
              <Button
                icon={<MinusOutlined />}
                aria-label={t('SCALE_DOWN')}
                disabled={!!hpa || desired <= 0}
                onClick={() => void scale(desired - 1)}
              />
              <Button
                icon={<PlusOutlined />}
                aria-label={t('SCALE_UP')}
                disabled={!!hpa}
                onClick={() => void scale(desired + 1)}
              />
            </Space>
          </Tooltip>
        )}
      </Space>
    </Card>
  );
}

function Pods({ obj }: { obj: KubeObject }) {
  const { t, i18n } = useTranslation();
  const selector = selectorString(obj);
  const pods = useLiveList(
    KINDS.pods,
    obj.metadata.namespace,
    { labelSelector: selector, limit: 50, sortBy: 'name', ascending: true },
    !!selector,
  );
  if (!selector) return null;
  return (
    <Card size="small" title={t('PODS')}>
      <Table<KubeObject>
        size="small"
        rowKey={(p) => p.metadata.uid ?? p.metadata.name ?? ''}
        dataSource={pods.data?.items ?? []}
        loading={pods.isLoading}
        pagination={false}
        columns={[
          { key: 'name', title: t('NAME'), render: (_, p) => p.metadata.name },
          { key: 'status', title: t('STATUS'), render: (_, p) => <StatusBadge status={podStatus(p)} /> },
          { key: 'node', title: t('NODE'), render: (_, p) => String((p.spec as Any)?.nodeName ?? '-') },
          { key: 'ip', title: t('POD_IP'), render: (_, p) => String((p.status as Any)?.podIP ?? '-') },
          {
            key: 'time',
            title: t('CREATED_TIME'),
            render: (_, p) => formatTime(p.metadata.creationTimestamp, i18n.language),
          },
        ]}
      />
    </Card>
  );
}

function Containers({ obj }: { obj: KubeObject }) {
  const { t } = useTranslation();
  const spec = (obj.spec ?? {}) as Any;
  const template = ((spec.template as Any | undefined)?.spec ?? spec) as Any;
  const containers = (template.containers as Any[] | undefined) ?? [];
  if (!containers.length) return null;
  return (
    <Card size="small" title={t('CONTAINERS')} style={{ marginBottom: 16 }}>
      <Table
        size="small"
        pagination={false}
        rowKey={(c) => String(c.name)}
        dataSource={containers}
        columns={[
          { key: 'name', title: t('NAME'), render: (_, c) => String(c.name) },
          { key: 'image', title: t('IMAGE'), render: (_, c) => String(c.image) },
          {
            key: 'ports',
            title: t('PORTS'),
            render: (_, c) =>
              ((c.ports as Any[] | undefined) ?? []).map((p) => (
                <Tag
                  key={`${p.containerPort}/${p.protocol}`}
                >{`${p.containerPort}/${p.protocol ?? 'TCP'}`}</Tag>
              )),
          },
          {
            key: 'env',
            title: t('ENVIRONMENT_VARIABLES'),
            render: (_, c) =>
              envEntries(c.env as Parameters<typeof envEntries>[0]).map((e) => (
                <Tag key={e.name}>{envText(e, t)}</Tag>
              )),
          },
        ]}
      />
    </Card>
  );
}

/** `NAME=value`, or `NAME ← Secret name/key` (ConfigMap, field path, resource) for a reference. */
function envText(e: EnvEntry, t: (k: string) => string): string {
  if (!e.from) return `${e.name}=${e.value ?? ''}`;
  const kind = {
    secret: t('SECRET'),
    configMap: t('CONFIGMAP'),
    field: 'fieldRef',
    resource: 'resourceFieldRef',
  };
  return `${e.name} ← ${kind[e.from.kind]} ${e.from.ref}`;
}

function Conditions({ obj }: { obj: KubeObject }) {
  const { t } = useTranslation();
  const conditions = ((obj.status as Any | undefined)?.conditions as Any[] | undefined) ?? [];
  if (!conditions.length) return null;
  return (
    <Card size="small" title={t('CONDITIONS')} style={{ marginBottom: 16 }}>
      <Table
        size="small"
        pagination={false}
        rowKey={(c) => String(c.type)}
        dataSource={conditions}
        columns={[
          { key: 'type', title: t('TYPE'), render: (_, c) => String(c.type) },
          { key: 'status', title: t('STATUS'), render: (_, c) => String(c.status) },
          { key: 'reason', title: t('REASON'), render: (_, c) => String(c.reason ?? '-') },
          { key: 'message', title: t('MESSAGE'), render: (_, c) => String(c.message ?? '-') },
        ]}
      />
    </Card>
  );
}

function ServicePorts({ obj }: { obj: KubeObject }) {
  const { t } = useTranslation();
  const spec = (obj.spec ?? {}) as Any;
  return (
    <Card size="small" title={t('SERVICE')} style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('TYPE')}>{String(spec.type ?? 'ClusterIP')}</Descriptions.Item>
        <Descriptions.Item label={t('VIRTUAL_IP')}>{String(spec.clusterIP ?? '-')}</Descriptions.Item>
        <Descriptions.Item label={t('SESSION_AFFINITY')}>
          {String(spec.sessionAffinity ?? 'None')}
        </Descriptions.Item>
        <Descriptions.Item label={t('PORTS')}>
          {((spec.ports as Any[] | undefined) ?? []).map((p) => (
            <Tag
              key={`${p.port}/${p.protocol}`}
            >{`${p.name ?? ''} ${p.port}→${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`}</Tag>
          ))}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The Resource Status tab. */
export function StatusTab({ obj, canEdit }: { obj: KubeObject; canEdit: boolean }) {
  return (
    <>
      {SCALABLE.has(obj.kind ?? '') && <Replicas obj={obj} canEdit={canEdit} />}
      {obj.kind === 'Deployment' && (
        <Suspense fallback={null}>
          <HpaCard workload={obj} canEdit={canEdit} />
        </Suspense>
      )}
      {obj.kind === 'Service' && <ServicePorts obj={obj} />}
      {obj.kind === 'Ingress' && <RouteRules obj={obj} />}
      <Containers obj={obj} />
      <Conditions obj={obj} />
      {obj.kind !== 'Pod' && obj.kind !== 'Node' && <Pods obj={obj} />}
    </>
  );
}
