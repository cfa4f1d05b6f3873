/**
 * @module SummaryCard
 * The detail page's left card: name, alias, description, Edit Info, More operations, attributes and labels.
 */
import { useState } from 'react';
import { App, Button, Card, Descriptions, Dropdown, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { patchResource } from '../../api/resources';
import type { ResourceDescriptor } from '../descriptor';
import { aliasOf, ALIAS, creatorOf, DESCRIPTION, descriptionOf, formatTime, updateTimeOf } from '../meta';
import { StatusBadge } from '../../components/StatusBadge';

export function SummaryCard({
  obj,
  descriptor,
  canEdit,
  canDelete,
  onOperation,
}: {
  obj: KubeObject;
  descriptor: ResourceDescriptor;
  canEdit: boolean;
  canDelete: boolean;
  onOperation: (op: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ alias: string; description: string }>();
  const extra = canEdit ? (descriptor.extraActions ?? []).filter((a) => !a.visible || a.visible(obj)) : [];
  const more = [
    ...extra.map((a) => ({ key: a.key, label: t(a.label) })),
    ...(canEdit ? [{ key: 'yaml', label: t('EDIT_YAML') }] : []),
    ...(canDelete ? [{ key: 'delete', label: t('DELETE'), danger: true }] : []),
  ];
  const labels = Object.entries(obj.metadata.labels ?? {});
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0, wordBreak: 'break-all' }}>
        {obj.metadata.name}
      </Typography.Title>
      {aliasOf(obj) && <Typography.Text type="secondary">{aliasOf(obj)}</Typography.Text>}
      <Typography.Paragraph type="secondary">
        {descriptionOf(obj) || t('NO_DESCRIPTION')}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 16 }}>
        {canEdit && (
          <Button
            type="primary"
            onClick={() => {
              form.setFieldsValue({ alias: aliasOf(obj), description: descriptionOf(obj) });
              setEditing(true);
            }}
          >
            {t('EDIT_INFO')}
          </Button>
        )}
        {more.length > 0 && (
          <Dropdown menu={{ items: more, onClick: ({ key }) => onOperation(key) }} trigger={['click']}>
            <Button>{t('MORE')}</Button>
          </Dropdown>
        )}
      </Space>
      <Descriptions column={1} size="small">
        {descriptor.status && (
          <Descriptions.Item label={t('STATUS')}>
            <StatusBadge status={descriptor.status(obj)} />
          </Descriptions.Item>
        )}
        {obj.metadata.namespace && (
          <Descriptions.Item label={t('PROJECT')}>{obj.metadata.namespace}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('CREATED_TIME')}>
          {formatTime(obj.metadata.creationTimestamp, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('UPDATED_TIME')}>
          {formatTime(updateTimeOf(obj), i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('CREATOR')}>{creatorOf(obj) || '-'}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('LABELS')}</Typography.Title>
      <div className="sphere-kv">
        {labels.length ? labels.map(([k, v]) => <Tag key={k}>{`${k}=${v}`}</Tag>) : '-'}
      </div>
      <Modal
        open={editing}
        title={t('EDIT_INFO')}
        okText={t('SAVE')}
        cancelText={t('CANCEL')}
        onCancel={() => setEditing(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await patchResource(descriptor.ref, obj.metadata.namespace, obj.metadata.name ?? '', {
              metadata: { annotations: { [ALIAS]: v.alias || null, [DESCRIPTION]: v.description || null } },
            });
            message.success(t('UPDATED_SUCCESS'));
            setEditing(false);
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="alias" label={t('ALIAS')} rules={[{ max: 63 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('DESCRIPTION')} rules={[{ max: 256 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
