/**
 * @module ContainerEditor
 * The "Add Container" sub-form: image, name, CPU/memory requests and limits (with the documentation's
 * explanations), and Advanced Options (health checks, command, args, ports, env, pull policy).
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { containerProblems, type ContainerForm } from '../model/container';
import { EnvEditor } from './EnvEditor';
import { ProbeEditor } from './ProbeEditor';

function Help({ text }: { text: string }) {
  return (
    <Tooltip title={text}>
      <QuestionCircleOutlined style={{ marginLeft: 4 }} />
    </Tooltip>
  );
}

export function ContainerEditor({
  namespace,
  initial,
  requirePorts,
  withProbes = true,
  onSave,
  onCancel,
}: {
  namespace: string;
  initial: ContainerForm;
  requirePorts?: boolean;
  withProbes?: boolean;
  onSave: (c: ContainerForm) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [c, setC] = useState<ContainerForm>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const set = (patch: Partial<ContainerForm>) => setC({ ...c, ...patch });
  const save = () => {
    const found = [
      ...containerProblems(c),
      ...(requirePorts && c.ports.length === 0 ? ['PORTS_REQUIRED'] : []),
    ];
    setProblems(found);
    if (!found.length) onSave(c);
  };
  const resource = (
    key: 'cpuRequest' | 'cpuLimit' | 'memoryRequest' | 'memoryLimit',
    unit: string,
    help: string,
  ) => (
    <Input
      addonAfter={unit}
      value={c[key]}
      onChange={(e) => set({ [key]: e.target.value })}
      placeholder={t('NO_LIMIT')}
      style={{ width: 200 }}
      aria-label={t(key.toUpperCase())}
      prefix={<Help text={t(help)} />}
    />
  );
  const advanced = [
    ...(withProbes
      ? [
          {
            key: 'health',
            label: t('HEALTH_CHECK'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('HEALTH_CHECK_DESC')}</Typography.Paragraph>
                <ProbeEditor
                  label="LIVENESS_PROBE"
                  value={c.livenessProbe}
                  onChange={(livenessProbe) => set({ livenessProbe })}
                />
                <ProbeEditor
                  label="READINESS_PROBE"
                  value={c.readinessProbe}
                  onChange={(readinessProbe) => set({ readinessProbe })}
                />
              </>
            ),
          },
        ]
      : []),
    {
      key: 'command',
      label: t('START_COMMAND'),
      children: (
        <Form layout="vertical">
          <Form.Item label={t('COMMAND')} extra={t('COMMAND_DESC')}>
            <Select
              mode="tags"
              value={c.command}
              onChange={(command: string[]) => set({ command })}
              tokenSeparators={[',']}
              open={false}
              aria-label={t('COMMAND')}
            />
          </Form.Item>
          <Form.Item label={t('ARGUMENTS')} extra={t('ARGUMENTS_DESC')}>
            <Select
              mode="tags"
              value={c.args}
              onChange={(args: string[]) => set({ args })}
              tokenSeparators={[',']}
              open={false}
              aria-label={t('ARGUMENTS')}
            />
          </Form.Item>
        </Form>
      ),
    },
    {
      key: 'env',
      label: t('ENVIRONMENT_VARIABLES'),
      children: (
        <>
          <Typography.Paragraph type="secondary">{t('ENV_DESC')}</Typography.Paragraph>
          <EnvEditor namespace={namespace} value={c.env} onChange={(env) => set({ env })} />
        </>
      ),
    },
    {
      key: 'pull',
      label: t('IMAGE_PULL_POLICY'),
      children: (
        <>
          <Select
            value={c.imagePullPolicy}
            style={{ width: 240 }}
            onChange={(imagePullPolicy: ContainerForm['imagePullPolicy']) => set({ imagePullPolicy })}
            options={(['IfNotPresent', 'Always', 'Never'] as const).map((v) => ({
              value: v,
              label: t(`PULL_${v.toUpperCase()}`),
            }))}
            aria-label={t('IMAGE_PULL_POLICY')}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('IMAGE_PULL_POLICY_DESC')}
          </Typography.Paragraph>
        </>
      ),
    },
  ];
  return (
    <Card title={t('CONTAINER_SETTINGS')} size="small" data-testid="container-editor">
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={problems.map((p) => t(p)).join('; ')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form layout="vertical">
        <Space wrap>
          <Form.Item label={t('IMAGE')} required extra={t('IMAGE_DESC')}>
            <Input
              value={c.image}
              onChange={(e) => set({ image: e.target.value })}
              placeholder="mysql:5.6"
              style={{ width: 320 }}
              data-testid="field-image"
            />
          </Form.Item>
          <Form.Item label={t('CONTAINER_NAME')} required>
            <Input
              value={c.name}
              onChange={(e) => set({ name: e.target.value })}
              style={{ width: 260 }}
              data-testid="field-container-name"
            />
          </Form.Item>
        </Space>
        <Typography.Paragraph type="secondary">{t('RESOURCE_LIMIT_DESC')}</Typography.Paragraph>
        <Space wrap>
          <Form.Item label={t('CPU_REQUEST')}>
            {resource('cpuRequest', t('CORE'), 'CPU_REQUEST_DESC')}
          </Form.Item>
          <Form.Item label={t('CPU_LIMIT')}>{resource('cpuLimit', t('CORE'), 'CPU_LIMIT_DESC')}</Form.Item>
          <Form.Item label={t('MEMORY_REQUEST')}>
            {resource('memoryRequest', 'Mi/Gi', 'MEMORY_REQUEST_DESC')}
          </Form.Item>
          <Form.Item label={t('MEMORY_LIMIT')}>
            {resource('memoryLimit', 'Mi/Gi', 'MEMORY_LIMIT_DESC')}
          </Form.Item>
        </Space>
        <Form.Item label={t('PORTS')} required={requirePorts} extra={t('PORTS_DESC')}>
          <Space direction="vertical">
            {c.ports.map((p, i) => (
              <Space key={i}>
                <Select
                  value={p.protocol}
                  style={{ width: 90 }}
                  onChange={(protocol: 'TCP' | 'UDP') =>
                    set({ ports: c.ports.map((q, j) => (j === i ? { ...q, protocol } : q)) })
                  }
                  options={[{ value: 'TCP' }, { value: 'UDP' }]}
                  aria-label={t('PROTOCOL')}
                />
                <Input
                  placeholder={t('NAME')}
                  value={p.name}
                  onChange={(e) =>
                    set({ ports: c.ports.map((q, j) => (j === i ? { ...q, name: e.target.value } : q)) })
                  }
                  style={{ width: 160 }}
                  aria-label={t('PORT_NAME')}
                />
                <InputNumber
                  placeholder={t('CONTAINER_PORT')}
                  min={1}
                  max={65535}
                  value={p.containerPort || null}
                  onChange={(v) =>
                    set({ ports: c.ports.map((q, j) => (j === i ? { ...q, containerPort: v ?? 0 } : q)) })
                  }
                  aria-label={t('CONTAINER_PORT')}
                />
                <Button
                  icon={<DeleteOutlined />}
                  onClick={() => set({ ports: c.ports.filter((_, j) => j !== i) })}
                  aria-label={t('DELETE')}
                />
              </Space>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => set({ ports: [...c.ports, { name: '', protocol: 'TCP', containerPort: 0 }] })}
              data-testid="add-port"
            >
              {t('ADD_PORT')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Collapse
        ghost
        items={[{ key: 'adv', label: t('ADVANCED_OPTIONS'), children: <Collapse items={advanced} /> }]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={onCancel}>{t('CANCEL')}</Button>
        <Button type="primary" onClick={save} data-testid="container-save">
          {t('SAVE')}
        </Button>
      </Space>
    </Card>
  );
}
