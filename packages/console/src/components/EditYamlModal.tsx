/**
 * @module EditYamlModal
 * "Edit YAML": the whole object in a code editor, saved with PUT (optimistic concurrency through
 * the resourceVersion). Parse errors are shown in place and block saving.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { updateResource } from '../api/resources';
import { fromText, toText } from '../lib/yaml-docs';
import type { KindRef } from '../resources/kinds';
import { LazyYamlEditor } from './LazyYamlEditor';

/** Strips fields the user should not edit (managedFields) before showing. */
export function editableCopy(obj: KubeObject): KubeObject {
  const { managedFields: _m, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export function EditYamlModal({
  open,
  obj,
  kind,
  readOnly,
  onClose,
  onSaved,
}: {
  open: boolean;
  obj: KubeObject | null;
  kind: KindRef;
  readOnly?: boolean;
  onClose: () => void;
  onSaved?: (obj: KubeObject) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (obj) setText(toText([editableCopy(obj)], 'yaml'));
  }, [obj]);
  const parsed = fromText<KubeObject>(text, 'yaml');
  return (
    <Modal
      open={open}
      width={960}
      title={t(readOnly ? 'VIEW_YAML' : 'EDIT_YAML')}
      onCancel={onClose}
      okText={t('SAVE')}
      cancelText={t('CANCEL')}
      okButtonProps={{ disabled: readOnly || !parsed.ok || parsed.objects.length !== 1, loading: busy }}
      onOk={async () => {
        if (!parsed.ok) return;
        setBusy(true);
        try {
          const saved = await updateResource(kind, parsed.objects[0]);
          message.success(t('UPDATED_SUCCESS'));
          onSaved?.(saved);
          onClose();
        } catch (err) {
          message.error((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      {!parsed.ok && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('YAML_INVALID', { error: parsed.error, line: parsed.line ?? '-' })}
        />
      )}
      <LazyYamlEditor value={text} onChange={setText} readOnly={readOnly} />
    </Modal>
  );
}
