/**
 * @module AccountActions
 * What an administrator can do to an account, from its row ("…") or its detail page ("More"): Edit
 * (email, platform role, description), Reset Password (without the old one), Disable / Enable, Delete.
 * Each item shows only when the rules allow it; one's own account cannot be disabled or deleted.
 */
import { useState } from 'react';
import { App, Button, Dropdown, Form, Input, Modal, Select } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/http';
import { iam, type UserObject } from '../../api/iam';
import { iamPath } from '../../api/paths';
import { useAuth } from '../../auth/AuthContext';
import { passwordProblem } from '../../auth/password-policy';
import { useCan } from '../../permissions/ScopeRules';
import { DESCRIPTION_ANNOTATION, editedUser, GLOBALROLE_ANNOTATION, withState } from './account-model';

type Op = 'edit' | 'password' | 'state' | 'delete';

function EditAccountModal({
  user,
  onClose,
  onSaved,
}: {
  user: UserObject;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const roles = useQuery({ queryKey: ['globalroles'], queryFn: () => iam.listRoles({ kind: 'global' }) });
  return (
    <Modal
      open
      title={t('EDIT_ACCOUNT')}
      okText={t('SAVE')}
      cancelText={t('CANCEL')}
      onCancel={onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as { email: string; role: string; description?: string };
        try {
          await iam.updateUser(editedUser(user, v));
          message.success(t('UPDATED_SUCCESS'));
          onSaved();
        } catch (err) {
          message.error((err as Error).message);
        }
      }}
    >
      <Form
        form={form}
        // A form name prefixes the field ids: the Create Account form's fields have the same names.
        name="edit-account"
        layout="vertical"
        initialValues={{
          email: user.spec?.email,
          role: user.metadata.annotations?.[GLOBALROLE_ANNOTATION],
          description: user.metadata.annotations?.[DESCRIPTION_ANNOTATION],
        }}
      >
        <Form.Item label={t('USERNAME')}>
          <Input value={user.metadata.name} disabled aria-label={t('USERNAME')} />
        </Form.Item>
        <Form.Item name="email" label={t('EMAIL')} rules={[{ required: true, type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="role" label={t('PLATFORM_ROLE')} rules={[{ required: true }]}>
          <Select
            options={(roles.data?.items ?? []).map((r) => ({
              value: r.metadata.name,
              label: r.metadata.name,
            }))}
          />
        </Form.Item>
        <Form.Item name="description" label={t('DESCRIPTION')} rules={[{ max: 256 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ username, onClose }: { username: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={t('RESET_PASSWORD')}
      okText={t('SAVE')}
      cancelText={t('CANCEL')}
      onCancel={onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as { password: string };
        try {
          await request(iamPath(`users/${encodeURIComponent(username)}/password`), {
            method: 'PUT',
            body: { password: v.password },
          });
          message.success(t('PASSWORD_CHANGED'));
          onClose();
        } catch (err) {
          message.error((err as Error).message);
        }
      }}
    >
      <Form form={form} name="reset-password" layout="vertical">
        <Form.Item
          name="password"
          label={t('NEW_PASSWORD')}
          extra={t('PASSWORD_RULE')}
          rules={[
            { required: true, message: t('PASSWORD_REQUIRED') },
            {
              validator: (_, v: string) =>
                v && passwordProblem(v)
                  ? Promise.reject(new Error(t(passwordProblem(v) ?? '')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('CONFIRM_PASSWORD')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('PASSWORD_REQUIRED') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                v === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('PASSWORD_MISMATCH'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The account operations menu; `variant` picks a row icon button or the detail page's More button. */
export function AccountActions({
  user,
  variant,
  onChanged,
  onDeleted,
}: {
  user: UserObject;
  variant: 'row' | 'detail';
  onChanged: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { session } = useAuth();
  const canEdit = useCan('users', 'edit');
  const canDelete = useCan('users', 'delete');
  const [op, setOp] = useState<Op | null>(null);
  const name = user.metadata.name ?? '';
  const self = name === session?.username;
  const disabled = user.status?.state === 'Disabled';
  const items = [
    ...(canEdit
      ? [
          { key: 'edit', label: t('EDIT') },
          { key: 'password', label: t('RESET_PASSWORD') },
        ]
      : []),
    ...(canEdit && !self ? [{ key: 'state', label: t(disabled ? 'ENABLE' : 'DISABLE') }] : []),
    ...(canDelete && !self ? [{ key: 'delete', label: t('DELETE'), danger: true }] : []),
  ];
  if (!items.length) return null;
  const run = (key: Op) => {
    if (key === 'state') {
      modal.confirm({
        title: t(disabled ? 'ENABLE_ACCOUNT' : 'DISABLE_ACCOUNT'),
        content: t(disabled ? 'ENABLE_ACCOUNT_DESC' : 'DISABLE_ACCOUNT_DESC', { name }),
        okText: t('OK'),
        cancelText: t('CANCEL'),
        onOk: () =>
          iam
            .updateUser(withState(user, disabled ? 'Active' : 'Disabled'))
            .then(() => {
              message.success(t('UPDATED_SUCCESS'));
              onChanged();
            })
            .catch((e: Error) => message.error(e.message)),
      });
    } else if (key === 'delete') {
      modal.confirm({
        title: t('DELETE_TITLE', { kind: t('ACCOUNT') }),
        content: t('DELETE_ACCOUNT_DESC', { name }),
        okText: t('DELETE'),
        okButtonProps: { danger: true },
        cancelText: t('CANCEL'),
        onOk: () =>
          iam
            .deleteUser(name)
            .then(() => {
              message.success(t('DELETED_SUCCESS'));
              onDeleted();
            })
            .catch((e: Error) => message.error(e.message)),
      });
    } else setOp(key);
  };
  return (
    <>
      <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => run(key as Op) }}>
        {variant === 'row' ? (
          <Button type="text" icon={<MoreOutlined />} aria-label={t('MORE')} />
        ) : (
          <Button>{t('MORE')}</Button>
        )}
      </Dropdown>
      {op === 'edit' && (
        <EditAccountModal
          user={user}
          onClose={() => setOp(null)}
          onSaved={() => {
            setOp(null);
            onChanged();
          }}
        />
      )}
      {op === 'password' && <ResetPasswordModal username={name} onClose={() => setOp(null)} />}
    </>
  );
}
