/**
 * @module PodTemplateStep
 * Step 2: replicas, the container list (Add Container opens the sub-form), and the update strategy
 * (RollingUpdate with partition / OnDelete for StatefulSets; RollingUpdate / Recreate for Deployments).
 */
import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, List, Radio, Space, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { newContainer, type ContainerForm } from '../model/container';
import { randomSuffix } from '../model/templates';
import { readPod, type PodForm, type StrategyForm, type WorkloadKind } from '../model/workload';
import type { StepProps } from '../WizardModal';
import { ContainerEditor } from './ContainerEditor';

/** Problems of the Pod Template step. */
export function podProblems(form: PodForm): string[] {
  return form.containers.length === 0 ? ['CONTAINER_REQUIRED'] : [];
}

function Strategy({
  wk,
  value,
  onChange,
}: {
  wk: WorkloadKind;
  value: StrategyForm;
  onChange: (s: StrategyForm) => void;
}) {
  const { t } = useTranslation();
  const types = wk.kind === 'Deployment' ? ['RollingUpdate', 'Recreate'] : ['RollingUpdate', 'OnDelete'];
  return (
    <Card size="small" title={t('UPDATE_STRATEGY')} style={{ marginTop: 16 }}>
      <Radio.Group
        value={value.type}
        onChange={(e) => onChange({ ...value, type: e.target.value as string })}
      >
        <Space direction="vertical">
          {types.map((type) => (
            <Radio key={type} value={type} data-testid={`strategy-${type}`}>
              <b>{t(type.toUpperCase())}</b>
              <div className="sphere-help">{t(`${type.toUpperCase()}_DESC`)}</div>
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      {value.type === 'RollingUpdate' && wk.kind === 'StatefulSet' && (
        <Form.Item label={t('PARTITION')} extra={t('PARTITION_DESC')} style={{ marginTop: 12 }}>
          <InputNumber
            min={0}
            precision={0}
            value={value.partition ?? 0}
            onChange={(v) => onChange({ ...value, partition: v ?? 0 })}
            data-testid="field-partition"
          />
        </Form.Item>
      )}
      {value.type === 'RollingUpdate' && wk.kind !== 'StatefulSet' && (
        <Space style={{ marginTop: 12 }} wrap>
          <Input
            addonBefore={t('MAX_UNAVAILABLE')}
            value={value.maxUnavailable}
            onChange={(e) => onChange({ ...value, maxUnavailable: e.target.value })}
            style={{ width: 240 }}
          />
          {wk.kind === 'Deployment' && (
            <Input
              addonBefore={t('MAX_SURGE')}
              value={value.maxSurge}
              onChange={(e) => onChange({ ...value, maxSurge: e.target.value })}
              style={{ width: 240 }}
            />
          )}
          {wk.kind === 'DaemonSet' && (
            <InputNumber
              addonBefore={t('MIN_READY_SECONDS')}
              min={0}
              value={value.minReadySeconds}
              onChange={(v) => onChange({ ...value, minReadySeconds: v ?? 0 })}
            />
          )}
        </Space>
      )}
    </Card>
  );
}

export function PodTemplateStep({
  wk,
  namespace,
  apply,
  requirePorts,
  props,
}: {
  wk: WorkloadKind;
  namespace: string;
  apply: (draft: StepProps['draft'], form: PodForm) => StepProps['draft'];
  requirePorts?: boolean;
  props: StepProps;
}) {
  const { t } = useTranslation();
  const form = readPod(props.draft, wk);
  const [editing, setEditing] = useState<{ index: number; value: ContainerForm } | null>(null);
  const update = (next: PodForm) => props.setDraft(apply(props.draft, next));
  const open = (index: number, value: ContainerForm) => {
    setEditing({ index, value });
    props.setSubformOpen(true);
  };
  const close = () => {
    setEditing(null);
    props.setSubformOpen(false);
  };
  if (editing) {
    return (
      <ContainerEditor
        namespace={namespace}
        initial={editing.value}
        requirePorts={requirePorts}
        withProbes={wk.kind !== 'Job' && wk.kind !== 'CronJob'}
        onCancel={close}
        onSave={(c) => {
          const containers = form.containers.slice();
          containers.splice(editing.index, editing.index < containers.length ? 1 : 0, c);
          update({ ...form, containers });
          close();
        }}
      />
    );
  }
  return (
    <>
      {wk.replicas && (
        <Form.Item label={t('REPLICAS')}>
          <InputNumber
            min={0}
            precision={0}
            value={form.replicas}
            onChange={(v) => update({ ...form, replicas: v ?? 0 })}
            data-testid="field-replicas"
          />
        </Form.Item>
      )}
      {form.restartPolicy && (
        <Form.Item label={t('RESTART_POLICY')} extra={t('RESTART_POLICY_DESC')}>
          <Radio.Group
            value={form.restartPolicy}
            onChange={(e) => update({ ...form, restartPolicy: e.target.value as PodForm['restartPolicy'] })}
            options={[
              { value: 'Never', label: t('NEVER') },
              { value: 'OnFailure', label: t('ON_FAILURE') },
            ]}
          />
        </Form.Item>
      )}
      <Typography.Title level={5}>{t('CONTAINERS')}</Typography.Title>
      <List
        bordered
        dataSource={form.containers}
        locale={{ emptyText: t('NO_CONTAINERS') }}
        renderItem={(c, i) => (
          <List.Item
            actions={[
              <Button key="e" icon={<EditOutlined />} onClick={() => open(i, c)} aria-label={t('EDIT')} />,
              <Button
                key="d"
                icon={<DeleteOutlined />}
                onClick={() => update({ ...form, containers: form.containers.filter((_, j) => j !== i) })}
                aria-label={t('DELETE')}
              />,
            ]}
          >
            <List.Item.Meta
              title={c.name}
              description={`${c.image}${c.ports.length ? ` · ${c.ports.map((p) => `${p.containerPort}/${p.protocol}`).join(', ')}` : ''}`}
            />
          </List.Item>
        )}
      />
      <Button
        icon={<PlusOutlined />}
        style={{ marginTop: 12 }}
        onClick={() => open(form.containers.length, newContainer(randomSuffix()))}
        data-testid="add-container"
      >
        {t('ADD_CONTAINER')}
      </Button>
      {form.strategy && (
        <Strategy wk={wk} value={form.strategy} onChange={(strategy) => update({ ...form, strategy })} />
      )}
    </>
  );
}
