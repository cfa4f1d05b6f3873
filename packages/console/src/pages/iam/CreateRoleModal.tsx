/**
 * @module CreateRoleModal
 * Create a custom role: name, description, and the authorization matrix (module × view/create/manage)
 * built from the scope's role templates; dependencies are added automatically.
 */
import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { iam, type Scope } from '../../api/iam';
import { customRole, templateMatrix, withDependencies, type MatrixRow } from './role-model';

const SCOPE_PARAM: Record<Scope['kind'], string> = {
  global: 'global',
  workspace: 'workspace',
  namespace: 'namespace',
};

export function CreateRoleModal({
  scope,
  open,
  onClose,
  onCreated,
}: {
  scope: Scope;
  open: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const [selected, setSelected] = useState<string[]>([]);
  const templates = useQuery({
    queryKey: ['roletemplates', scope.kind],
    queryFn: () => iam.roleTemplates(SCOPE_PARAM[scope.kind]),
    enabled: open,
  });
  const matrix = templateMatrix(templates.data?.items ?? []);
  const toggle = (name: string, on: boolean) =>
    setSelected(on ? withDependencies([...selected, name], matrix) : selected.filter((n) => n !== name));
  return (
    <Modal
      open={open}
      width={720}
      title={t('CREATE_ROLE')}
      okText={t('CREATE')}
      cancelText={t('CANCEL')}
      onCancel={onClose}
      destroyOnHidden
      onOk={async () => {
        const v = await form.validateFields();
        try {
          await iam.createRole(scope, customRole(scope, v.name, v.description ?? '', selected));
          message.success(t('CREATED_SUCCESS'));
          setSelected([]);
          form.resetFields();
          onCreated();
          onClose();
        } catch (err) {
          message.error((err as Error).message);
        }
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="name"
          label={t('NAME')}
          rules={[
            { required: true, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, max: 63, message: t('NAME_RULE') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('DESCRIPTION')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
      <Table<MatrixRow>
        size="small"
        rowKey="module"
        loading={templates.isLoading}
        pagination={false}
        dataSource={matrix}
        columns={[
          {
            key: 'module',
            title: t('AUTHORIZATION'),
            render: (_, r) =>
              t(`MODULE_${r.module.replace(/-/g, '_').toUpperCase()}`, { defaultValue: r.module }),
          },
          {
            key: 'options',
            render: (_, r) =>
              r.options.map((o) => (
                <Checkbox
                  key={o.name}
                  checked={selected.includes(o.name)}
                  onChange={(e) => toggle(o.name, e.target.checked)}
                >
                  {t(`ACCESS_${o.access.toUpperCase()}`, { defaultValue: o.access })}
                </Checkbox>
              )),
          },
        ]}
      />
    </Modal>
  );
}
