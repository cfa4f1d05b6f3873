/**
 * @module DeleteConfirm
 * KubeSphere's delete dialog: the user types the resource name(s) to confirm.
 */
import { useState, type ReactNode } from 'react';
import { Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface DeleteConfirmProps {
  open: boolean;
  /** i18n key of the kind (singular). */
  kindLabel: string;
  names: string[];
  onCancel: () => void;
  onConfirm: () => Promise<void>;
  /** Shown under the name input (e.g. related objects to delete too). */
  extra?: ReactNode;
}

/** Confirmation dialog requiring the names to be typed. */
export function DeleteConfirm({ open, kindLabel, names, onCancel, onConfirm, extra }: DeleteConfirmProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const expected = names.join(', ');
  return (
    <Modal
      open={open}
      title={t('DELETE_TITLE', { kind: t(kindLabel) })}
      okText={t('DELETE')}
      okButtonProps={{ danger: true, disabled: typed.trim() !== expected, loading: busy }}
      cancelText={t('CANCEL')}
      onCancel={() => {
        setTyped('');
        onCancel();
      }}
      onOk={async () => {
        setBusy(true);
        try {
          await onConfirm();
          setTyped('');
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('DELETE_CONFIRM_TIP', { names: expected })}</Typography.Paragraph>
      <Input
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder={expected}
        aria-label={t('DELETE_CONFIRM_INPUT')}
      />
      {extra}
    </Modal>
  );
}
