/**
 * @module VolumeTemplatesStep
 * Step 3 (StatefulSet): volume templates — name, storage class, capacity, access mode and where each
 * container mounts it.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, List, Select, Space } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listKube } from '../../api/resources';
import { KINDS } from '../../resources/kinds';
import { NAME_PATTERN } from './BasicInfoStep';
import { applyVolumeTemplates, readVolumeTemplates, type VolumeTemplateForm } from '../model/statefulset';
import { readPod, WORKLOAD_KINDS } from '../model/workload';
import type { StepProps } from '../WizardModal';

/** Problems of one volume template (i18n keys). */
export function volumeTemplateProblems(v: VolumeTemplateForm, others: VolumeTemplateForm[]): string[] {
  const out: string[] = [];
  if (!NAME_PATTERN.test(v.name)) out.push('NAME_RULE');
  if (others.some((o) => o.name === v.name)) out.push('VOLUME_NAME_EXISTS');
  if (!/^\d+(\.\d+)?(Ki|Mi|Gi|Ti)$/.test(v.storage)) out.push('CAPACITY_INVALID');
  if (v.mounts.some((m) => m.mountPath && !m.mountPath.startsWith('/'))) out.push('MOUNT_PATH_INVALID');
  return out;
}

function Editor({
  initial,
  containers,
  others,
  onSave,
  onCancel,
}: {
  initial: VolumeTemplateForm;
  containers: string[];
  others: VolumeTemplateForm[];
  onSave: (v: VolumeTemplateForm) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const scs = useQuery({
    queryKey: ['storageclasses', 'options'],
    queryFn: () => listKube(KINDS.storageclasses, undefined),
  });
  const mountOf = (c: string) => v.mounts.find((m) => m.container === c);
  const setMount = (c: string, patch: { mountPath?: string; readOnly?: boolean }) => {
    const rest = v.mounts.filter((m) => m.container !== c);
    const cur = mountOf(c) ?? { container: c, mountPath: '', readOnly: false };
    setV({ ...v, mounts: [...rest, { ...cur, ...patch }] });
  };
  return (
    <Card size="small" title={t('VOLUME_TEMPLATE')} data-testid="volume-editor">
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
          <Form.Item label={t('VOLUME_NAME')} required>
            <Input
              value={v.name}
              onChange={(e) => setV({ ...v, name: e.target.value })}
              data-testid="field-volume-name"
            />
          </Form.Item>
          <Form.Item label={t('STORAGE_CLASS')} extra={t('STORAGE_CLASS_DESC')}>
            <Select
              style={{ width: 200 }}
              allowClear
              value={v.storageClassName || undefined}
              onChange={(s?: string) => setV({ ...v, storageClassName: s ?? '' })}
              options={(scs.data?.items ?? []).map((s) => ({
                value: s.metadata.name,
                label: s.metadata.name,
              }))}
            />
          </Form.Item>
          <Form.Item label={t('CAPACITY')}>
            <Input
              value={v.storage}
              onChange={(e) => setV({ ...v, storage: e.target.value })}
              style={{ width: 120 }}
            />
          </Form.Item>
          <Form.Item label={t('ACCESS_MODE')}>
            <Select
              value={v.accessMode}
              style={{ width: 200 }}
              onChange={(accessMode: VolumeTemplateForm['accessMode']) => setV({ ...v, accessMode })}
              options={['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'].map((m) => ({
                value: m,
                label: m,
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('MOUNT_PATH')}>
          <Space direction="vertical">
            {containers.map((c) => (
              <Space key={c}>
                <span style={{ width: 180, display: 'inline-block' }}>{c}</span>
                <Input
                  placeholder="/data"
                  value={mountOf(c)?.mountPath ?? ''}
                  onChange={(e) => setMount(c, { mountPath: e.target.value })}
                  style={{ width: 260 }}
                  aria-label={t('MOUNT_PATH')}
                />
                <Checkbox
                  checked={mountOf(c)?.readOnly ?? false}
                  onChange={(e) => setMount(c, { readOnly: e.target.checked })}
                >
                  {t('READ_ONLY')}
                </Checkbox>
              </Space>
            ))}
          </Space>
        </Form.Item>
      </Form>
      <Space>
        <Button onClick={onCancel}>{t('CANCEL')}</Button>
        <Button
          type="primary"
          data-testid="volume-save"
          onClick={() => {
            const found = volumeTemplateProblems(v, others);
            setProblems(found);
            if (!found.length) onSave({ ...v, mounts: v.mounts.filter((m) => m.mountPath) });
          }}
        >
          {t('SAVE')}
        </Button>
      </Space>
    </Card>
  );
}

export function VolumeTemplatesStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const list = readVolumeTemplates(props.draft);
  const containers = readPod(props.draft, WORKLOAD_KINDS.StatefulSet).containers.map((c) => c.name);
  const [editing, setEditing] = useState<number | null>(null);
  const open = (i: number) => {
    setEditing(i);
    props.setSubformOpen(true);
  };
  const close = () => {
    setEditing(null);
    props.setSubformOpen(false);
  };
  if (editing !== null) {
    const initial = list[editing] ?? {
      name: '',
      storageClassName: '',
      storage: '10Gi',
      accessMode: 'ReadWriteOnce' as const,
      mounts: [],
    };
    return (
      <Editor
        initial={initial}
        containers={containers}
        others={list.filter((_, i) => i !== editing)}
        onCancel={close}
        onSave={(v) => {
          const next = list.slice();
          next.splice(editing, editing < list.length ? 1 : 0, v);
          props.setDraft(applyVolumeTemplates(props.draft, next));
          close();
        }}
      />
    );
  }
  return (
    <>
      <List
        bordered
        dataSource={list}
        locale={{ emptyText: t('NO_VOLUME_TEMPLATES') }}
        renderItem={(v, i) => (
          <List.Item
            actions={[
              <Button key="e" icon={<EditOutlined />} onClick={() => open(i)} aria-label={t('EDIT')} />,
              <Button
                key="d"
                icon={<DeleteOutlined />}
                onClick={() =>
                  props.setDraft(
                    applyVolumeTemplates(
                      props.draft,
                      list.filter((_, j) => j !== i),
                    ),
                  )
                }
                aria-label={t('DELETE')}
              />,
            ]}
          >
            <List.Item.Meta
              title={v.name}
              description={`${v.storageClassName || t('DEFAULT')} · ${v.storage} · ${v.accessMode} · ${v.mounts.map((m) => `${m.container}:${m.mountPath}`).join(', ') || t('NOT_MOUNTED')}`}
            />
          </List.Item>
        )}
      />
      <Button
        icon={<PlusOutlined />}
        style={{ marginTop: 12 }}
        onClick={() => open(list.length)}
        data-testid="add-volume-template"
      >
        {t('ADD_VOLUME_TEMPLATE')}
      </Button>
    </>
  );
}
