/**
 * @module JobSteps
 * Job Settings (backoffLimit, parallelism, completions, activeDeadlineSeconds) and CronJob Settings
 * (schedule presets or a custom cron expression, concurrency policy, history limits).
 */
import { Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  applyCronSettings,
  applyJobSettings,
  readCronSettings,
  readJobSettings,
  SCHEDULE_PRESETS,
  type CronSettings,
  type JobSettings,
} from '../model/jobs';
import type { StepProps } from '../WizardModal';

export function JobSettingsStep({ kind, props }: { kind: 'Job' | 'CronJob'; props: StepProps }) {
  const { t } = useTranslation();
  const s = readJobSettings(props.draft, kind);
  const field = (k: keyof JobSettings) => (
    <Form.Item key={k} label={t(k.toUpperCase())} extra={t(`${k.toUpperCase()}_DESC`)}>
      <InputNumber
        min={0}
        precision={0}
        value={s[k]}
        onChange={(v) => props.setDraft(applyJobSettings(props.draft, kind, { ...s, [k]: v ?? undefined }))}
        data-testid={`field-${k}`}
      />
    </Form.Item>
  );
  return (
    <Form layout="vertical">
      {(['backoffLimit', 'parallelism', 'completions', 'activeDeadlineSeconds'] as const).map(field)}
    </Form>
  );
}

export function CronSettingsStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const s = readCronSettings(props.draft);
  const set = (patch: Partial<CronSettings>) =>
    props.setDraft(applyCronSettings(props.draft, { ...s, ...patch }));
  const preset = Object.entries(SCHEDULE_PRESETS).find(([, v]) => v === s.schedule)?.[0];
  return (
    <Form layout="vertical">
      <Form.Item label={t('SCHEDULE')} required extra={t('SCHEDULE_DESC')}>
        <Space wrap>
          <Select
            style={{ width: 180 }}
            value={preset ?? 'CUSTOM'}
            onChange={(k: string) => k !== 'CUSTOM' && set({ schedule: SCHEDULE_PRESETS[k] })}
            options={[
              ...Object.keys(SCHEDULE_PRESETS).map((k) => ({ value: k, label: t(k) })),
              { value: 'CUSTOM', label: t('CUSTOM') },
            ]}
          />
          <Input
            value={s.schedule}
            onChange={(e) => set({ schedule: e.target.value })}
            style={{ width: 200 }}
            data-testid="field-schedule"
          />
        </Space>
      </Form.Item>
      <Form.Item label={t('CONCURRENCY_POLICY')}>
        <Radio.Group
          value={s.concurrencyPolicy}
          onChange={(e) => set({ concurrencyPolicy: e.target.value as CronSettings['concurrencyPolicy'] })}
          options={['Allow', 'Forbid', 'Replace'].map((v) => ({ value: v, label: t(v.toUpperCase()) }))}
        />
      </Form.Item>
      <Space wrap>
        {(['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const).map(
          (k) => (
            <Form.Item key={k} label={t(k.toUpperCase())}>
              <InputNumber
                min={0}
                precision={0}
                value={s[k]}
                onChange={(v) => set({ [k]: v ?? undefined })}
              />
            </Form.Item>
          ),
        )}
      </Space>
    </Form>
  );
}
