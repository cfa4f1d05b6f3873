/**
 * @module monitoring/AlertPoliciesPage
 * Alert Policies in the console, at the platform (Monitoring › Alert Policies; the cluster's own policies
 * on cluster and node metrics) and in a project (Alerting › Alert Messages, Alert Policies; the
 * project's policies on its own, its workloads' and its pods' metrics). Alert Messages are in
 * ./AlertMessagesPage and the form in ./PolicyFormModal. Policies are listed with their
 * status (firing, pending, inactive, disabled) and last evaluation, created and edited in one form
 * (./alerting maps it to the API's policy), viewed as JSON, enabled or disabled and deleted. Write actions
 * show only when the rules allow managing alerting (permissions: the `alerting` module); the platform
 * authorizes every call regardless.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Modal, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import { DeleteConfirm } from '../components/DeleteConfirm';
import { useCan } from '../permissions/ScopeRules';
import {
  alertMetric,
  levelOf,
  policyBody,
  TARGET_LABEL,
  toFormThreshold,
  type AlertPolicy,
  type ShownPolicy,
} from './alerting';
import { deletePolicy, fetchPolicies, updatePolicy } from './api';
import { NS } from './i18n';
import { SEVERITY_COLOR, SEVERITY_KEY, UNIT_KEY, useScopeNamespace } from './alerting-labels';
import { PolicyFormModal } from './PolicyFormModal';

/** "> 80 %", "> 0 cores", "> 10". */
function useConditionText() {
  const { t } = useTranslation(NS);
  return (p: AlertPolicy) => {
    const { unit } = alertMetric(p.metric);
    const key = UNIT_KEY[unit];
    const u = key ? t(key) : '';
    return `${p.condition} ${toFormThreshold(p.threshold, unit)}${u ? ` ${u}` : ''}`;
  };
}

function StatusTag({ p }: { p: ShownPolicy }) {
  const { t } = useTranslation(NS);
  const s = p.status;
  if (!s) return <>-</>;
  const tag =
    s.state === 'firing' ? (
      <Tag color="red">{t('firingCount', { n: s.firing })}</Tag>
    ) : s.state === 'pending' ? (
      <Tag color="orange">{t('pending')}</Tag>
    ) : s.state === 'disabled' ? (
      <Tag>{t('disabled')}</Tag>
    ) : (
      <Tag color="green">{t('inactive')}</Tag>
    );
  return s.error ? (
    <Tooltip title={t('evaluationError', { message: s.error })}>
      <Space size={4}>
        {tag}
        <Typography.Text type="danger">!</Typography.Text>
      </Space>
    </Tooltip>
  ) : (
    tag
  );
}

/**
 * Alert policies of the cluster (platform level, no namespace) or of one project (`namespace`, or the
 * route's project).
 */
export function AlertPoliciesPage({ namespace }: { namespace?: string }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const ns = useScopeNamespace(namespace);
  const canManage = useCan('alerting', 'manage');
  const client = useQueryClient();
  const key = ['alert-policies', ns ?? ''];
  const q = useQuery({
    queryKey: key,
    queryFn: () => fetchPolicies(ns),
    refetchInterval: 5_000,
    retry: (n, err) => !(err instanceof ApiError && err.status === 403) && n < 2,
  });
  const [editing, setEditing] = useState<ShownPolicy | 'new' | undefined>();
  const [viewing, setViewing] = useState<ShownPolicy | undefined>();
  const [deleting, setDeleting] = useState<ShownPolicy | undefined>();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: ['alerts', ns] });
  };
  const toggle = useMutation({
    mutationFn: ({ p, enabled }: { p: ShownPolicy; enabled: boolean }) =>
      updatePolicy(ns, { ...policyBody(p), disabled: !enabled }),
    onSuccess: (p) => {
      message.success(t('policySaved', { name: p.name }));
      refresh();
    },
    onError: (err) => message.error((err as Error).message),
  });
  const conditionText = useConditionText();
  const forbidden = q.error instanceof ApiError && q.error.status === 403;
  return (
    <>
      <Typography.Title level={3}>{t('alertPolicies')}</Typography.Title>
      <Card
        size="small"
        title={t('alertPolicies')}
        extra={
          canManage && (
            <Button type="primary" onClick={() => setEditing('new')}>
              {t('createPolicy')}
            </Button>
          )
        }
      >
        {q.error && (
          <Alert
            type={forbidden ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 16 }}
            message={
              forbidden ? t('noPermission') : t('policyLoadError', { message: (q.error as Error).message })
            }
          />
        )}
        <Table<ShownPolicy>
          rowKey="name"
          size="small"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          columns={[
            {
              title: t('policyName'),
              dataIndex: 'name',
              render: (name: string, p) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{name}</Typography.Text>
                  {p.description && <Typography.Text type="secondary">{p.description}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('metric'),
              render: (_: unknown, p) => {
                const label = alertMetric(p.metric).label;
                const targetLabel = TARGET_LABEL[levelOf(p.metric)];
                const target = targetLabel ? p.match?.[targetLabel] : undefined;
                return (
                  <Space direction="vertical" size={0}>
                    <span>{label ? t(label) : p.metric}</span>
                    <Typography.Text type="secondary">
                      {target ??
                        (targetLabel ? t('targetAll') : Object.values(p.match ?? {}).join('/') || null)}
                    </Typography.Text>
                  </Space>
                );
              },
            },
            { title: t('condition'), render: (_: unknown, p) => conditionText(p) },
            { title: t('duration'), dataIndex: 'duration' },
            {
              title: t('severity'),
              dataIndex: 'severity',
              render: (s: string) => <Tag color={SEVERITY_COLOR[s]}>{t(SEVERITY_KEY[s] ?? s)}</Tag>,
            },
            { title: t('status'), render: (_: unknown, p) => <StatusTag p={p} /> },
            {
              title: t('lastEvaluated'),
              render: (_: unknown, p) =>
                p.status?.lastEvaluatedAt ? new Date(p.status.lastEvaluatedAt).toLocaleString() : '-',
            },
            {
              title: t('enabled'),
              render: (_: unknown, p) => (
                <Switch
                  size="small"
                  checked={!p.disabled}
                  disabled={!canManage}
                  loading={toggle.isPending && toggle.variables?.p.name === p.name}
                  aria-label={t('enablePolicy', { name: p.name })}
                  onChange={(enabled) => toggle.mutate({ p, enabled })}
                />
              ),
            },
            {
              title: t('actions'),
              render: (_: unknown, p) => (
                <Space size={0}>
                  {canManage && (
                    <Button
                      type="link"
                      size="small"
                      aria-label={t('editNamed', { name: p.name })}
                      onClick={() => setEditing(p)}
                    >
                      {t('edit')}
                    </Button>
                  )}
                  <Button
                    type="link"
                    size="small"
                    aria-label={t('viewJsonNamed', { name: p.name })}
                    onClick={() => setViewing(p)}
                  >
                    {t('viewJson')}
                  </Button>
                  {canManage && (
                    <Button
                      type="link"
                      size="small"
                      danger
                      aria-label={t('deleteNamed', { name: p.name })}
                      onClick={() => setDeleting(p)}
                    >
                      {t('delete')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing && (
        <PolicyFormModal
          namespace={ns}
          policy={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
          onSaved={refresh}
        />
      )}
      <Modal
        open={!!viewing}
        title={viewing && t('policyJson', { name: viewing.name })}
        onCancel={() => setViewing(undefined)}
        footer={<Button onClick={() => setViewing(undefined)}>{t('close')}</Button>}
        width={640}
        destroyOnHidden
      >
        <pre
          aria-label={viewing && t('policyJson', { name: viewing.name })}
          style={{ maxHeight: 480, overflow: 'auto', margin: 0 }}
        >
          {viewing && JSON.stringify(viewing, null, 2)}
        </pre>
      </Modal>
      <DeleteConfirm
        open={!!deleting}
        kindLabel="ALERT_POLICY"
        names={deleting ? [deleting.name] : []}
        onCancel={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await deletePolicy(ns, deleting.name);
            message.success(t('policyDeleted', { name: deleting.name }));
            setDeleting(undefined);
            refresh();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      />
    </>
  );
}
