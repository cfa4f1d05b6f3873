/**
 * @module workloads/CreateProjectModal
 * A workspace's "Create Project" wizard: Basic Info (name, alias, description) → Advanced Settings
 * (default container resources → a LimitRange, KubeSphere's defaults 500m/500Mi limits, 10m/10Mi
 * requests). The Namespace is created through the tenant API, then the LimitRange inside it.
 */
import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { ApiError } from '../api/errors';
import { tenant } from '../api/iam';
import { createResource } from '../api/resources';
import { EXTRA_KINDS } from './api';
import { LimitsFields } from './ProjectQuotaCards';
import { DEFAULT_LIMITS, limitRangeObject, validateLimitsForm, type LimitsForm } from './quota';

interface Values extends LimitsForm {
  name: string;
  alias?: string;
  description?: string;
  setLimits: boolean;
}

/**
 * Retries a write in a project that was just created: the creator's role binding may reach the
 * platform's caches a moment after the Namespace (403/404 until then).
 */
export async function retryWhileProvisioning<T>(
  write: () => Promise<T>,
  tries = 6,
  delayMs = 500,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      const transient = err instanceof ApiError && (err.status === 403 || err.status === 404);
      if (!transient || i >= tries) throw err;
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

export default function CreateProjectModal({
  workspace,
  projectObject,
  onClose,
  onCreated,
}: {
  workspace: string;
  /** Builds the Namespace from name, alias and description (the page's own builder). */
  projectObject: (name: string, alias: string, description: string) => KubeObject;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [saving, setSaving] = useState(false);
  const setLimits = Form.useWatch('setLimits', form) ?? true;
  const submit = async () => {
    await form.validateFields();
    const v = form.getFieldsValue(true) as Values;
    const limits: LimitsForm = {
      limitsCpu: v.limitsCpu ?? '',
      limitsMemory: v.limitsMemory ?? '',
      requestsCpu: v.requestsCpu ?? '',
      requestsMemory: v.requestsMemory ?? '',
    };
    if (v.setLimits) {
      const problems = validateLimitsForm(limits);
      if (Object.keys(problems).length) {
        setStep(1);
        form.setFields(
          Object.entries(problems).map(([name, key]) => ({
            name: name as keyof LimitsForm,
            errors: [t(key)],
          })),
        );
        return;
      }
    }
    setSaving(true);
    try {
      await tenant.createNamespace(workspace, projectObject(v.name, v.alias ?? '', v.description ?? ''));
      if (v.setLimits) {
        try {
          await retryWhileProvisioning(() =>
            createResource(EXTRA_KINDS.limitranges, limitRangeObject(v.name, limits)),
          );
        } catch (err) {
          message.warning(t('PROJECT_LIMITS_FAILED', { message: (err as Error).message }));
        }
      }
      message.success(t('CREATED_SUCCESS'));
      onCreated();
      onClose();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('CREATE_PROJECT')}
      width={640}
      okText={step === 0 ? t('NEXT') : t('CREATE')}
      cancelText={step === 0 ? t('CANCEL') : t('PREVIOUS')}
      confirmLoading={saving}
      onCancel={onClose}
      cancelButtonProps={{ onClick: () => (step === 0 ? onClose() : setStep(0)) }}
      onOk={async () => {
        if (step === 0) {
          await form.validateFields(['name', 'alias', 'description']);
          setStep(1);
        } else await submit();
      }}
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('BASIC_INFO') }, { title: t('ADVANCED_SETTINGS') }]}
      />
      <Form form={form} layout="vertical" initialValues={{ ...DEFAULT_LIMITS, setLimits: true }}>
        <div style={{ display: step === 0 ? undefined : 'none' }}>
          <Form.Item
            name="name"
            label={t('NAME')}
            rules={[
              {
                required: true,
                pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
                max: 63,
                message: t('NAME_RULE'),
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="alias" label={t('ALIAS')}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('DESCRIPTION')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </div>
        <div style={{ display: step === 1 ? undefined : 'none' }}>
          <Form.Item name="setLimits" valuePropName="checked">
            <Checkbox>{t('SET_DEFAULT_CONTAINER_RESOURCES')}</Checkbox>
          </Form.Item>
          <p className="sphere-help">{t('DEFAULT_CONTAINER_RESOURCES_DESC')}</p>
          {setLimits && <LimitsFields />}
        </div>
      </Form>
    </Modal>
  );
}
