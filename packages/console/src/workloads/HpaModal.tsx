/**
 * @module workloads/HpaModal
 * "Horizontal Pod Autoscaling" dialog of a Deployment: min/max replicas, CPU target utilization (%),
 * memory target average value. Creates or updates the HPA named after the Deployment.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { hpaForm, validateHpaForm, type HpaForm } from './hpa';
import { nullFor404 } from './api';
import { loadHpa, saveHpa } from './hpa-actions';

interface Values {
  minReplicas: number;
  maxReplicas: number;
  cpuUtilization?: number | null;
  memoryAverageValue?: string;
}

/** Form values → model (blank fields = metric not used). */
export function toHpaForm(v: Values): HpaForm {
  return {
    minReplicas: v.minReplicas,
    maxReplicas: v.maxReplicas,
    cpuUtilization: v.cpuUtilization ?? undefined,
    memoryAverageValue: v.memoryAverageValue?.trim() || undefined,
  };
}

export default function HpaModal({ workload, onClose }: { workload: KubeObject; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  // The fields stay disabled until the current values are in them: enabling them on load and filling
  // them an effect later let fast typing land before the defaults (Min Replicas "1" + "1" = 11).
  const [filled, setFilled] = useState(false);
  const hpa = useQuery({
    queryKey: ['hpa', workload.metadata.namespace, workload.metadata.name],
    queryFn: nullFor404(() => loadHpa(workload)),
  });
  useEffect(() => {
    if (!hpa.isSuccess) return;
    form.setFieldsValue(hpaForm(hpa.data ?? undefined));
    setFilled(true);
  }, [hpa.isSuccess, hpa.data, form]);
  return (
    <Modal
      open
      title={t('HORIZONTAL_POD_AUTOSCALING')}
      okText={t('OK')}
      cancelText={t('CANCEL')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={async () => {
        const values = await form.validateFields();
        const model = toHpaForm(values);
        const found = validateHpaForm(model);
        setProblems(found);
        if (found.length) return;
        setSaving(true);
        try {
          await saveHpa(workload, model);
          await queryClient.invalidateQueries({ queryKey: ['hpa', workload.metadata.namespace] });
          message.success(t('UPDATED_SUCCESS'));
          onClose();
        } catch (err) {
          message.error((err as Error).message);
        } finally {
          setSaving(false);
        }
      }}
    >
      <p className="sphere-help">{t('HPA_DESC')}</p>
      <Form form={form} layout="vertical" disabled={!filled}>
        <Form.Item name="minReplicas" label={t('MIN_REPLICAS')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="maxReplicas" label={t('MAX_REPLICAS')} rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="cpuUtilization"
          label={t('CPU_TARGET_UTILIZATION')}
          extra={t('CPU_TARGET_UTILIZATION_DESC')}
        >
          <InputNumber min={1} precision={0} addonAfter="%" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="memoryAverageValue"
          label={t('MEMORY_TARGET_VALUE')}
          extra={t('MEMORY_TARGET_VALUE_DESC')}
        >
          <Input placeholder="200Mi" style={{ width: 200 }} />
        </Form.Item>
      </Form>
      {hpa.isError && <Alert type="error" showIcon message={(hpa.error as Error).message} />}
      {problems.length > 0 && <Alert type="error" showIcon message={problems.map((p) => t(p)).join(' ')} />}
    </Modal>
  );
}
