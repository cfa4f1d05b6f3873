/**
 * @module RolesPage
 * Roles at platform, workspace or project scope: list (templates hidden), with the modules each role
 * grants read from its role-template-rules annotation; preset roles cannot be deleted.
 */
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { iam } from '../../api/iam';
import { KapisTable } from '../../components/KapisTable';
import { useCan } from '../../permissions/ScopeRules';
import { parseRules } from '../../permissions/rules';
import { descriptionOf, formatTime } from '../../resources/meta';
import { CreateRoleModal } from './CreateRoleModal';
import { useScope, type ScopeKind } from './scope';

const PRESET = new Set([
  'platform-admin',
  'platform-regular',
  'platform-self-provisioner',
  'users-manager',
  'workspaces-manager',
  'admin',
  'operator',
  'viewer',
]);
const TITLES: Record<ScopeKind, string> = {
  global: 'PLATFORM_ROLES',
  workspace: 'WORKSPACE_ROLES',
  namespace: 'PROJECT_ROLES',
};

/** A built-in role (by name, or `<workspace>-<preset>` for workspace roles). */
export function isPresetRole(name: string, workspace?: string): boolean {
  if (PRESET.has(name)) return true;
  if (workspace && name.startsWith(`${workspace}-`))
    return ['admin', 'regular', 'viewer', 'self-provisioner'].includes(name.slice(workspace.length + 1));
  return false;
}

export function RolesPage({ scope: kind }: { scope: ScopeKind }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const scope = useScope(kind);
  const queryClient = useQueryClient();
  const canDelete = useCan('roles', 'delete');
  const canCreate = useCan('roles', 'create');
  const [creating, setCreating] = useState(false);
  const ws = scope.kind === 'workspace' ? scope.workspace : undefined;
  const columns = [
    { key: 'name', title: t('NAME'), render: (_: unknown, r: KubeObject) => r.metadata.name },
    { key: 'desc', title: t('DESCRIPTION'), render: (_: unknown, r: KubeObject) => descriptionOf(r) || '-' },
    {
      key: 'rules',
      title: t('AUTHORIZATION'),
      render: (_: unknown, r: KubeObject) => (
        <Space size={2} wrap>
          {Object.entries(parseRules([{ metadata: r.metadata }])).map(([m, a]) => (
            <Tag key={m}>{m === '_' ? t('ALL_RESOURCES') : `${m}: ${a.join('/')}`}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'created',
      title: t('CREATED_TIME'),
      render: (_: unknown, r: KubeObject) => formatTime(r.metadata.creationTimestamp, i18n.language),
    },
    ...(canDelete
      ? [
          {
            key: 'actions',
            render: (_: unknown, r: KubeObject) =>
              isPresetRole(r.metadata.name ?? '', ws) ? null : (
                <Popconfirm
                  title={t('DELETE_TITLE', { kind: t('ROLE') })}
                  onConfirm={() =>
                    void iam
                      .deleteRole(scope, r.metadata.name ?? '')
                      .then(() => queryClient.invalidateQueries({ queryKey: ['roles'] }))
                      .catch((e: Error) => message.error(e.message))
                  }
                >
                  <Button type="link" danger>
                    {t('DELETE')}
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
        queryKey={['roles', scope]}
        fetch={(q) => iam.listRoles(scope, { ...q, label: 'iam.kubesphere.io/role-template!=true' })}
        columns={columns}
        title={TITLES[kind]}
        description="ROLES_DESC"
        onCreate={canCreate ? () => setCreating(true) : undefined}
      />
      <CreateRoleModal
        scope={scope}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void queryClient.invalidateQueries({ queryKey: ['roles'] })}
      />
    </>
  );
}
