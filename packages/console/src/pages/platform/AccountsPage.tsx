/**
 * @module AccountsPage
 * Platform › Accounts: list, create (username, email, platform role, password); per row Edit, Reset
 * Password, Disable/Enable and Delete (AccountActions).
 */
import { useState } from 'react';
import { App, Badge, Form, Input, Modal, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { iam, type UserObject } from '../../api/iam';
import { passwordProblem } from '../../auth/password-policy';
import { KapisTable } from '../../components/KapisTable';
import { useCan } from '../../permissions/ScopeRules';
import { formatTime } from '../../resources/meta';
import { AccountActions } from './AccountActions';
import { accountStatus, GLOBALROLE_ANNOTATION } from './account-model';

export { GLOBALROLE_ANNOTATION };

/** The User object the create form submits; the platform binds the role named in the annotation. */
export function userObject(v: {
  username: string;
  email: string;
  role: string;
  password: string;
  description?: string;
}): UserObject {
  return {
    apiVersion: 'iam.kubesphere.io/v1alpha2',
    kind: 'User',
    metadata: {
      name: v.username,
      annotations: {
        [GLOBALROLE_ANNOTATION]: v.role,
        ...(v.description ? { 'kubesphere.io/description': v.description } : {}),
      },
    },
    spec: { email: v.email, password: v.password },
  };
}

export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canCreate = useCan('users', 'create');
  const canEditUsers = useCan('users', 'edit');
  const canDeleteUsers = useCan('users', 'delete');
  const canManage = canEditUsers || canDeleteUsers;
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const roles = useQuery({
    queryKey: ['globalroles'],
    queryFn: () => iam.listRoles({ kind: 'global' }),
    enabled: open,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['users'] });
  const columns = [
    {
      key: 'name',
      title: t('USERNAME'),
      render: (_: unknown, u: UserObject) => (
        <Link to={`/accounts/${u.metadata.name}`}>{u.metadata.name}</Link>
      ),
    },
    {
      key: 'status',
      title: t('STATUS'),
      render: (_: unknown, u: UserObject) => {
        const s = accountStatus(u.status?.state);
        return <Badge status={s.tone} text={t(s.key, { defaultValue: s.key })} />;
      },
    },
    { key: 'email', title: t('EMAIL'), render: (_: unknown, u: UserObject) => u.spec?.email ?? '-' },
    {
      key: 'role',
      title: t('PLATFORM_ROLE'),
      render: (_: unknown, u: UserObject) => u.metadata.annotations?.[GLOBALROLE_ANNOTATION] ?? '-',
    },
    {
      key: 'login',
      title: t('LAST_LOGIN'),
      render: (_: unknown, u: UserObject) => formatTime(u.status?.lastLoginTime, i18n.language),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            width: 56,
            render: (_: unknown, u: UserObject) => (
              <AccountActions user={u} variant="row" onChanged={refresh} onDeleted={refresh} />
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <KapisTable
        queryKey={['users']}
        fetch={(q) => iam.listUsers(q)}
        columns={columns}
        title="ACCOUNTS"
        description="ACCOUNTS_DESC"
        onCreate={canCreate ? () => setOpen(true) : undefined}
      />
      <Modal
        open={open}
        title={t('CREATE_ACCOUNT')}
        okText={t('CREATE')}
        cancelText={t('CANCEL')}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await iam.createUser(userObject(v));
            message.success(t('CREATED_SUCCESS'));
            setOpen(false);
            form.resetFields();
            refresh();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="username"
            label={t('USERNAME')}
            rules={[
              {
                required: true,
                pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
                max: 32,
                message: t('NAME_RULE'),
              },
            ]}
          >
            <Input />
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
          <Form.Item
            name="password"
            label={t('PASSWORD')}
            extra={t('PASSWORD_RULE')}
            rules={[
              { required: true },
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
          <Form.Item name="description" label={t('DESCRIPTION')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
