/**
 * @module monitoring/PolicyFormModal
 * The create/edit form of an alert policy, in a modal: metric by level, target, condition, threshold
 * with its unit, duration, severity, webhook; ./alerting maps it to the API's policy.
 */
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors';
import {
  ALERT_METRICS,
  alertMetric,
  CONDITIONS,
  EMPTY_FORM,
  formToPolicy,
  LEVELS_OF_SCOPE,
  levelOf,
  policyToForm,
  SEVERITIES,
  type PolicyFormValues,
  type ShownPolicy,
} from './alerting';
import { createPolicy, updatePolicy } from './api';
import { NS } from './i18n';
import { LEVEL_KEY, SEVERITY_KEY, TARGET_KEYS, UNIT_KEY } from './alerting-labels';

/** The create/edit form, in a modal. */
export function PolicyFormModal({
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
