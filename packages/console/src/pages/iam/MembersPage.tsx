/**
 * @module MembersPage
 * Workspace or project members: list with role, invite (user + role), change role, remove.
 */
import { useState } from 'react';
import { App, Button, Form, Modal, Popconfirm, Select, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { iam, type UserObject } from '../../api/iam';
import { KapisTable } from '../../components/KapisTable';
import { useCan } from '../../permissions/ScopeRules';
import { useScope, type ScopeKind } from './scope';

const ROLE_ANNOTATION: Record<ScopeKind, string> = {
  global: 'iam.kubesphere.io/globalrole',
  workspace: 'iam.kubesphere.io/workspacerole',
  namespace: 'iam.kubesphere.io/role',
};

export function MembersPage({ scope: kind }: { scope: Exclude<ScopeKind, 'global'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const scope = useScope(kind);
  const queryClient = useQueryClient();
  const canCreate = useCan('members', 'create');
  const canEdit = useCan('members', 'edit');
  const canDelete = useCan('members', 'delete');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ username: string; role: string }>();
  const roles = useQuery({
    queryKey: ['roles', scope, 'options'],
    queryFn: () => iam.listRoles(scope, { label: 'iam.kubesphere.io/role-template!=true' }),
  });
  const users = useQuery({
    queryKey: ['users', 'invite'],
    queryFn: () => iam.listUsers({ limit: 100 }),
    enabled: open,
  });
  const roleOptions = (roles.data?.items ?? []).map((r) => ({
    value: r.metadata.name,
    label: r.metadata.name,
  }));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['members'] });
  const fail = (e: Error) => message.error(e.message);
  const columns = [
    { key: 'name', title: t('USERNAME'), render: (_: unknown, u: UserObject) => u.metadata.name },
    { key: 'email', title: t('EMAIL'), render: (_: unknown, u: UserObject) => u.spec?.email ?? '-' },
    {
      key: 'role',
      title: t('ROLE'),
      render: (_: unknown, u: UserObject) => {
        const role = u.metadata.annotations?.[ROLE_ANNOTATION[kind]];
        if (!canEdit) return role ?? '-';
        return (
          <Select
            size="small"
            style={{ minWidth: 160 }}
            value={role}
            options={roleOptions}
            onChange={(roleRef: string) =>
              void iam
                .updateMember(scope, { username: u.metadata.name ?? '', roleRef })
                .then(refresh)
                .catch(fail)
            }
            aria-label={t('ROLE')}
          />
        );
      },
    },
    ...(canDelete
      ? [
          {
            key: 'actions',
            render: (_: unknown, u: UserObject) => (
              <Popconfirm
                title={t('REMOVE_MEMBER_CONFIRM', { name: u.metadata.name })}
                onConfirm={() =>
                  void iam
                    .removeMember(scope, u.metadata.name ?? '')
                    .then(refresh)
                    .catch(fail)
                }
              >
                <Button type="link" danger>
                  {t('REMOVE')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <KapisTable
        queryKey={['members', scope]}
        fetch={(q) => iam.listMembers(scope, q)}
        columns={columns}
        title={kind === 'workspace' ? 'WORKSPACE_MEMBERS' : 'PROJECT_MEMBERS'}
        description="MEMBERS_DESC"
        onCreate={canCreate ? () => setOpen(true) : undefined}
        createLabel="INVITE_MEMBER"
      />
      <Modal
        open={open}
        title={t('INVITE_MEMBER')}
        okText={t('INVITE')}
        cancelText={t('CANCEL')}
        onCancel={() => setOpen(false)}
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await iam.addMembers(scope, [{ username: v.username, roleRef: v.role }]);
            message.success(t('INVITED_SUCCESS'));
            setOpen(false);
            form.resetFields();
            refresh();
          } catch (err) {
            fail(err as Error);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Form.Item name="username" label={t('USERNAME')} rules={[{ required: true }]}>
              <Select
                showSearch
                options={(users.data?.items ?? []).map((u) => ({
                  value: u.metadata.name,
                  label: u.metadata.name,
                }))}
              />
            </Form.Item>
            <Form.Item name="role" label={t('ROLE')} rules={[{ required: true }]}>
              <Select options={roleOptions} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
