/**
 * @module ServiceStep
 * Step 4 (StatefulSet): the headless Service that gives the pods their network identity — its name
 * (customisable), session affinity and ports (service port → target port = container port).
 */
import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyService, readService, type ServiceForm } from '../model/statefulset';
import type { StepProps } from '../WizardModal';
import { NAME_PATTERN } from './BasicInfoStep';

/** Problems of the Service step (i18n keys). */
export function serviceProblems(s: ServiceForm): string[] {
  const out: string[] = [];
  if (!NAME_PATTERN.test(s.name) || s.name.length > 63) out.push('SERVICE_NAME_RULE');
  if (s.ports.some((p) => !(p.port >= 1 && p.port <= 65535) || !(p.targetPort >= 1 && p.targetPort <= 65535)))
    out.push('PORT_INVALID');
  return out;
}

export function ServiceStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const s = readService(props.draft);
  const update = (next: ServiceForm) => props.setDraft(applyService(props.draft, next));
  const setPort = (i: number, patch: Partial<ServiceForm['ports'][number]>) =>
    update({ ...s, ports: s.ports.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">{t('HEADLESS_SERVICE_DESC')}</Typography.Paragraph>
      <Form.Item label={t('SERVICE_NAME')} required>
        <Input
          value={s.name}
          onChange={(e) => update({ ...s, name: e.target.value })}
          data-testid="field-service-name"
        />
      </Form.Item>
      <Form.Item label={t('SESSION_AFFINITY')}>
        <Select
          value={s.sessionAffinity}
          style={{ width: 200 }}
          onChange={(sessionAffinity: ServiceForm['sessionAffinity']) => update({ ...s, sessionAffinity })}
          options={[
            { value: 'None', label: t('NONE') },
            { value: 'ClientIP', label: 'ClientIP' },
          ]}
        />
      </Form.Item>
      <Form.Item label={t('PORTS')} extra={t('SERVICE_PORTS_DESC')}>
        <Space direction="vertical">
          {s.ports.map((p, i) => (
            <Space key={i}>
              <Select
                value={p.protocol}
                style={{ width: 90 }}
                onChange={(protocol: 'TCP' | 'UDP') => setPort(i, { protocol })}
                options={[{ value: 'TCP' }, { value: 'UDP' }]}
              />
              <Input
                placeholder={t('NAME')}
                value={p.name}
                onChange={(e) => setPort(i, { name: e.target.value })}
                style={{ width: 150 }}
                aria-label={t('PORT_NAME')}
              />
              <InputNumber
                addonBefore={t('SERVICE_PORT')}
                min={1}
                max={65535}
                value={p.port}
                onChange={(v) => setPort(i, { port: v ?? 0 })}
              />
              <InputNumber
                addonBefore={t('TARGET_PORT')}
                min={1}
                max={65535}
                value={p.targetPort}
                onChange={(v) => setPort(i, { targetPort: v ?? 0 })}
              />
              <Button
                icon={<DeleteOutlined />}
                onClick={() => update({ ...s, ports: s.ports.filter((_, j) => j !== i) })}
                aria-label={t('DELETE')}
              />
            </Space>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              update({ ...s, ports: [...s.ports, { name: '', protocol: 'TCP', port: 80, targetPort: 80 }] })
            }
          >
            {t('ADD_PORT')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
