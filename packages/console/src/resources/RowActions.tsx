/**
 * @module RowActions
 * The per-row "…" menu: extra actions of the kind, Edit YAML and Delete, each shown only when the
 * rules allow its action.
 */
import { Button, Dropdown } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import type { ResourceDescriptor } from './descriptor';

export type RowAction = { type: 'extra'; key: string } | { type: 'yaml' } | { type: 'delete' };

export function RowActions({
  obj,
  descriptor,
  canEdit,
  canDelete,
  onAction,
}: {
  obj: KubeObject;
  descriptor: ResourceDescriptor;
  canEdit: boolean;
  canDelete: boolean;
  onAction: (action: RowAction, obj: KubeObject) => void;
}) {
  const { t } = useTranslation();
  const items = [
    ...(canEdit ? (descriptor.extraActions ?? []) : [])
      .filter((a) => !a.visible || a.visible(obj))
      .map((a) => ({ key: `extra:${a.key}`, label: t(a.label) })),
    ...(canEdit ? [{ key: 'yaml', label: t('EDIT_YAML') }] : []),
    ...(canDelete ? [{ key: 'delete', label: t('DELETE'), danger: true }] : []),
  ];
  if (items.length === 0) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key, domEvent }) => {
          domEvent.stopPropagation();
          if (key === 'yaml') onAction({ type: 'yaml' }, obj);
          else if (key === 'delete') onAction({ type: 'delete' }, obj);
          else onAction({ type: 'extra', key: key.slice('extra:'.length) }, obj);
        },
      }}
    >
      <Button
        type="text"
        icon={<MoreOutlined />}
        aria-label={t('MORE')}
        onClick={(e) => e.stopPropagation()}
      />
    </Dropdown>
  );
}
