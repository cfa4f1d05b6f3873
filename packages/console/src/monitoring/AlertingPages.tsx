/**
 * @module monitoring/AlertingPages
 * Alerting in the console, at the platform (Monitoring › Alert Messages, Alert Policies; the cluster's own
 * policies on cluster and node metrics) and in a project (Alerting › Alert Messages, Alert Policies; the
 * project's policies on its own, its workloads' and its pods' metrics). Policies are listed with their
 * status (firing, pending, inactive, disabled) and last evaluation, created and edited in one form
 * (./alerting maps it to the API's policy), viewed as JSON, enabled or disabled and deleted. Write actions
 * show only when the rules allow managing alerting (permissions: the `alerting` module); the platform
 * authorizes every call regardless.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../api/errors';
import { DeleteConfirm } from '../components/DeleteConfirm';
import { useCan } from '../permissions/ScopeRules';
import {
  ALERT_METRICS,
  alertMetric,
  CONDITIONS,
  EMPTY_FORM,
  formToPolicy,
  LEVELS_OF_SCOPE,
  levelOf,
  policyBody,
  policyToForm,
  SEVERITIES,
  TARGET_LABEL,
  toFormThreshold,
  type AlertPolicy,
  type FormUnit,
  type Level,
  type PolicyFormValues,
  type ShownPolicy,
} from './alerting';
import {
  createPolicy,
  deletePolicy,
  fetchAlerts,
  fetchPolicies,
  updatePolicy,
  type AlertMessage,
} from './api';
import { NS } from './i18n';

const UNIT_KEY: Record<FormUnit, string | undefined> = {
  percent: 'unitPercent',
  cores: 'unitCores',
  mib: 'unitMib',
  gb: 'unitGb',
  mbps: 'unitMbps',
  count: undefined,
};
const LEVEL_KEY: Record<Level, string> = {
  cluster: 'levelCluster',
  node: 'levelNode',
  namespace: 'levelNamespace',
  workload: 'levelWorkload',
  pod: 'levelPod',
};
const TARGET_KEYS: Partial<Record<Level, [string, string]>> = {
  node: ['targetNode', 'targetNodePlaceholder'],
  workload: ['targetWorkload', 'targetWorkloadPlaceholder'],
  pod: ['targetPod', 'targetPodPlaceholder'],
};
const SEVERITY_KEY: Record<string, string> = {
  warning: 'severityWarning',
  error: 'severityError',
  critical: 'severityCritical',
  info: 'severityInfo',
};
const SEVERITY_COLOR: Record<string, string> = {
  warning: 'gold',
  error: 'volcano',
  critical: 'red',
  info: 'blue',
};

/** `namespace` from the prop, else from the route (project pages), else the cluster's. */
function useScopeNamespace(namespace?: string): string | undefined {
  const params = useParams();
  return namespace ?? params.namespace;
}

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

/** The create/edit form, in a modal. */
function PolicyFormModal({
  namespace,
  policy,
  onClose,
  onSaved,
}: {
  namespace?: string;
  policy?: ShownPolicy;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyFormValues>();
  const levels = namespace ? LEVELS_OF_SCOPE.project : LEVELS_OF_SCOPE.platform;
  const initial: PolicyFormValues = policy
    ? policyToForm(policy)
    : { ...EMPTY_FORM, metric: ALERT_METRICS[levels[levels.length > 1 ? 1 : 0]][0].metric };
  const metric = Form.useWatch('metric', form) ?? initial.metric;
  const level = levelOf(metric);
  const unit = alertMetric(metric).unit;
  const unitKey = UNIT_KEY[unit];
  const targetKeys = TARGET_KEYS[level];
  const save = useMutation({
    mutationFn: (v: PolicyFormValues) => {
      const body = formToPolicy(v, policy);
      return policy ? updatePolicy(namespace, body) : createPolicy(namespace, body);
    },
    onSuccess: (p) => {
      message.success(t(policy ? 'policySaved' : 'policyCreated', { name: p.name }));
      onSaved();
      onClose();
    },
    onError: (err) => {
      // Field causes of a 422 go to their fields; anything else is a message.
      const causes = err instanceof ApiError ? (err.causes ?? []) : [];
      const fields = new Set(Object.keys(initial));
      const known = causes.filter((c) => c.field && fields.has(c.field));
      if (known.length)
        form.setFields(
          known.map((c) => ({ name: c.field as keyof PolicyFormValues, errors: [c.message ?? ''] })),
        );
      else message.error((err as Error).message);
    },
  });
  const title = policy ? t('editPolicyTitle', { name: policy.name }) : t('createPolicyTitle');
  const required = [{ required: true, message: t('required') }];
  return (
    <Modal
      open
      title={title}
      okText={policy ? t('save') : t('create')}
      cancelText={t('cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form<PolicyFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate({ ...initial, ...v })}
        aria-label={title}
      >
        <Form.Item
          name="name"
          label={t('policyName')}
          extra={t('policyNameHelp')}
          rules={[
            ...required,
            { pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, message: t('policyNameHelp') },
            { max: 63, message: t('policyNameHelp') },
          ]}
        >
          <Input disabled={!!policy} autoComplete="off" />
        </Form.Item>
        <Form.Item name="metric" label={t('metric')} rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            onChange={(m: string) => {
              // A new metric: its own unit; a target of another level means nothing for it.
              if (levelOf(m) !== level) form.setFieldValue('target', undefined);
            }}
            options={levels.map((l) => ({
              label: t(LEVEL_KEY[l]),
              title: t(LEVEL_KEY[l]),
              options: ALERT_METRICS[l].map((x) => ({ value: x.metric, label: t(x.label) })),
            }))}
          />
        </Form.Item>
        {targetKeys && (
          <Form.Item name="target" label={t(targetKeys[0])}>
            <Input placeholder={t(targetKeys[1])} allowClear autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label={t('condition')} required>
          <Space.Compact block>
            <Form.Item name="condition" noStyle rules={required}>
              <Select
                aria-label={t('operator')}
                style={{ width: 90 }}
                options={CONDITIONS.map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
            <Form.Item name="threshold" noStyle rules={required}>
              <InputNumber
                aria-label={t('threshold')}
                style={{ width: '100%' }}
                min={unit === 'percent' ? 0 : undefined}
                addonAfter={unitKey && t(unitKey)}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item label={t('duration')} extra={t('durationHelp')} required>
          <Space.Compact>
            <Form.Item name="durationValue" noStyle rules={required}>
              <InputNumber aria-label={t('duration')} min={0} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="durationUnit" noStyle>
              <Select
                aria-label={t('durationUnit')}
                style={{ width: 120 }}
                options={[
                  { value: 's', label: t('seconds') },
                  { value: 'm', label: t('minutesUnit') },
                  { value: 'h', label: t('hoursUnit') },
                ]}
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="severity" label={t('severity')}>
          <Radio.Group
            options={[...SEVERITIES, ...(initial.severity === 'info' ? (['info'] as const) : [])].map(
              (s) => ({
                value: s,
                label: t(SEVERITY_KEY[s]),
              }),
            )}
          />
        </Form.Item>
        <Form.Item
          name="webhook"
          label={t('webhook')}
          extra={t('webhookHelp')}
          rules={[{ type: 'url', message: t('webhookHelp') }]}
        >
          <Input type="url" placeholder="https://" autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('description')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
