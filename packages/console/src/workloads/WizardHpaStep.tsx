/**
 * @module workloads/WizardHpaStep
 * The Deployment wizard's "Horizontal Pod Autoscaling" step: a switch and the HPA fields.
 */
import { Form, Input, InputNumber, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StepProps } from '../wizard/WizardModal';
import { DEFAULT_HPA_FORM, type HpaForm } from './hpa';
import { applyWizardHpa, readWizardHpa } from './wizard-hpa';

export function WizardHpaStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const form = readWizardHpa(props.draft);
  const set = (patch: Partial<HpaForm>) =>
    props.setDraft(applyWizardHpa(props.draft, { ...form!, ...patch }));
  return (
    <Form layout="vertical">
      <Form.Item label={t('ENABLE_HPA')}>
        <Switch
          aria-label={t('ENABLE_HPA')}
          checked={!!form}
          onChange={(on) =>
            props.setDraft(applyWizardHpa(props.draft, on ? { ...DEFAULT_HPA_FORM } : undefined))
          }
        />
      </Form.Item>
      <p className="sphere-help">{t('HPA_DESC')}</p>
      {form && (
        <>
          <Form.Item label={t('MIN_REPLICAS')} htmlFor="wizard-hpa-min">
            <InputNumber
              id="wizard-hpa-min"
              min={1}
              precision={0}
              value={form.minReplicas}
              onChange={(v) => set({ minReplicas: Number(v ?? 1) })}
            />
          </Form.Item>
          <Form.Item label={t('MAX_REPLICAS')} htmlFor="wizard-hpa-max">
            <InputNumber
              id="wizard-hpa-max"
              min={1}
              precision={0}
              value={form.maxReplicas}
              onChange={(v) => set({ maxReplicas: Number(v ?? 1) })}
            />
          </Form.Item>
          <Form.Item
            label={t('CPU_TARGET_UTILIZATION')}
            htmlFor="wizard-hpa-cpu"
            extra={t('CPU_TARGET_UTILIZATION_DESC')}
          >
            <InputNumber
              id="wizard-hpa-cpu"
              min={1}
              precision={0}
              addonAfter="%"
              value={form.cpuUtilization}
              onChange={(v) => set({ cpuUtilization: v === null ? undefined : Number(v) })}
            />
          </Form.Item>
          <Form.Item
            label={t('MEMORY_TARGET_VALUE')}
            htmlFor="wizard-hpa-memory"
            extra={t('MEMORY_TARGET_VALUE_DESC')}
          >
            <Input
              id="wizard-hpa-memory"
              placeholder="200Mi"
              style={{ width: 200 }}
              value={form.memoryAverageValue ?? ''}
              onChange={(e) => set({ memoryAverageValue: e.target.value.trim() || undefined })}
            />
          </Form.Item>
        </>
      )}
    </Form>
  );
}
