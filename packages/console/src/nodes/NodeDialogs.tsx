/**
 * @module nodes/NodeDialogs
 * The node action dialogs: Edit Labels (user labels editable, system labels read-only) and Taint
 * Management for one node (edit the whole list) or a batch (taints to add, keys to remove).
 */
import { useState } from 'react';
import { App, Button, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { KeyValueEditor } from '../components/KeyValueEditor';
import type { ActionDialogProps } from '../resources/descriptor';
import { saveNodeLabels, updateNodeTaints } from './api';
import {
  editTaints,
  labelProblem,
  replaceTaints,
  splitLabels,
  taintProblem,
  taintsOf,
  TAINT_EFFECTS,
  type Taint,
} from './model';

/** Edit Labels of one node. */
export function EditLabelsDialog({ objects, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const node = objects[0];
  const { system, user } = splitLabels(node.metadata.labels);
  const [labels, setLabels] = useState(user);
  const [saving, setSaving] = useState(false);
  const problem = Object.entries(labels)
    .map(([k, v]) => labelProblem(k, v))
    .find(Boolean);
  const save = async () => {
    setSaving(true);
    try {
      await saveNodeLabels(node, labels);
      message.success(t('UPDATED_SUCCESS'));
      onDone();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('EDIT_LABELS')}
      okText={t('SAVE')}
      cancelText={t('CANCEL')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ disabled: !!problem, loading: saving }}
      width={720}
    >
      <Typography.Title level={5}>{t('SYSTEM_LABELS')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('SYSTEM_LABELS_DESC')}</Typography.Paragraph>
      <div className="sphere-kv" style={{ marginBottom: 16 }} data-testid="system-labels">
        {Object.entries(system).map(([k, v]) => (
          <Tag key={k}>{`${k}=${v}`}</Tag>
        ))}
      </div>
      <Typography.Title level={5}>{t('LABELS')}</Typography.Title>
      <KeyValueEditor value={user} onChange={setLabels} addLabel="ADD_LABEL" />
      {problem && <Typography.Text type="danger">{t(problem)}</Typography.Text>}
    </Modal>
  );
}

const blank = (): Taint => ({ key: '', value: '', effect: 'NoSchedule' });

/** Rows of key / value / effect. */
function TaintRows({ rows, onChange }: { rows: Taint[]; onChange: (rows: Taint[]) => void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Taint>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {rows.map((r, i) => (
        <Space key={i} align="start">
          <Input
            placeholder={t('KEY')}
            aria-label={t('TAINT_KEY')}
            value={r.key}
            style={{ width: 220 }}
            status={r.key && taintProblem(r) ? 'error' : undefined}
            onChange={(e) => set(i, { key: e.target.value })}
          />
          <Input
            placeholder={t('VALUE')}
            aria-label={t('TAINT_VALUE')}
            value={r.value}
            style={{ width: 180 }}
            onChange={(e) => set(i, { value: e.target.value })}
          />
          <Select
            aria-label={t('TAINT_EFFECT')}
            value={r.effect}
            style={{ width: 180 }}
            onChange={(effect: Taint['effect']) => set(i, { effect })}
            options={TAINT_EFFECTS.map((e) => ({ value: e, label: e }))}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('REMOVE_TAINT')}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...rows, blank()])}>
        {t('ADD_TAINT')}
      </Button>
    </Space>
  );
}

/** Taint Management: one node edits its list; several nodes get taints added and keys removed. */
export function TaintsDialog({ objects, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const batch = objects.length > 1;
  const [rows, setRows] = useState<Taint[]>(() => (batch ? [] : taintsOf(objects[0])));
  const [removeKeys, setRemoveKeys] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const filled = rows.filter((r) => r.key);
  const invalid = filled.some((r) => taintProblem(r));
  const existingKeys = [...new Set(objects.flatMap((o) => taintsOf(o).map((x) => x.key)))];
  const save = async () => {
    setSaving(true);
    const failed: string[] = [];
    for (const o of objects) {
      const name = o.metadata.name ?? '';
      try {
        await updateNodeTaints(name, (current) =>
          batch
            ? editTaints(
                current,
                filled,
                removeKeys.map((key) => ({ key })),
              )
            : replaceTaints(current, filled),
        );
      } catch (err) {
        failed.push(`${name}: ${(err as Error).message}`);
      }
    }
    setSaving(false);
    if (failed.length) message.error(failed.join('; '));
    else {
      message.success(t('UPDATED_SUCCESS'));
      onDone();
    }
  };
  return (
    <Modal
      open
      title={t('TAINT_MANAGEMENT')}
      okText={t('SAVE')}
      cancelText={t('CANCEL')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ disabled: invalid, loading: saving }}
      width={760}
    >
      <Typography.Paragraph type="secondary">{t('TAINTS_DESC')}</Typography.Paragraph>
      {batch && (
        <Typography.Paragraph>
          {t('TAINT_BATCH_NODES', { names: objects.map((o) => o.metadata.name).join(', ') })}
        </Typography.Paragraph>
      )}
      {batch && <Typography.Title level={5}>{t('TAINTS_TO_ADD')}</Typography.Title>}
      <TaintRows rows={rows} onChange={setRows} />
      {invalid && <Typography.Text type="danger">{t('TAINT_INVALID')}</Typography.Text>}
      {batch && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('TAINTS_TO_REMOVE')}
          </Typography.Title>
          <Select
            mode="multiple"
            aria-label={t('TAINTS_TO_REMOVE')}
            style={{ width: '100%' }}
            value={removeKeys}
            onChange={setRemoveKeys}
            options={existingKeys.map((k) => ({ value: k, label: k }))}
          />
        </>
      )}
    </Modal>
  );
}
