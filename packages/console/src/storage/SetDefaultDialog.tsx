/**
 * @module storage/SetDefaultDialog
 * "Set as Default" for a StorageClass: names the current default, then un-annotates every previous
 * default and annotates the chosen class (`storageclass.kubernetes.io/is-default-class`).
 */
import { useState } from 'react';
import { App, Modal, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listKube, patchResource } from '../api/resources';
import type { ActionDialogProps } from '../resources/descriptor';
import { KINDS } from '../resources/kinds';
import { isDefaultClass, setDefaultPatches } from '../wizard/model/storageclass';

export default function SetDefaultDialog({ objects, onClose, onDone }: ActionDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const name = objects[0]?.metadata.name ?? '';
  const [saving, setSaving] = useState(false);
  const classes = useQuery({
    queryKey: ['storageclasses', 'all'],
    queryFn: () => listKube(KINDS.storageclasses, undefined),
  });
  const current = (classes.data?.items ?? [])
    .filter((c) => isDefaultClass(c) && c.metadata.name !== name)
    .map((c) => c.metadata.name);
  const save = async () => {
    setSaving(true);
    try {
      for (const p of setDefaultPatches(classes.data?.items ?? [], name))
        await patchResource(KINDS.storageclasses, undefined, p.name, p.patch);
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
      title={t('SET_AS_DEFAULT')}
      okText={t('OK')}
      cancelText={t('CANCEL')}
      onCancel={onClose}
      onOk={() => void save()}
      okButtonProps={{ loading: saving, disabled: classes.isLoading }}
    >
      <Typography.Paragraph>{t('SET_DEFAULT_CONFIRM', { name })}</Typography.Paragraph>
      {current.length > 0 && (
        <Typography.Paragraph type="warning">
          {t('SET_DEFAULT_REPLACES', { names: current.join(', ') })}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
