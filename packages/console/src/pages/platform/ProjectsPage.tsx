/**
 * @module ProjectsPage
 * Projects at platform level (all namespaces the user may see) and inside a workspace (with create).
 */
import { useState } from 'react';
import { App, Button, Popconfirm } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { KubeObject } from '@sphere/shared';
import { tenant } from '../../api/iam';
import { useAuth } from '../../auth/AuthContext';
import { KapisTable } from '../../components/KapisTable';
import { WORKSPACE_LABEL } from '../../layout/ScopeLayouts';
import { useCan } from '../../permissions/ScopeRules';
import { ALIAS, CREATOR, creatorOf, DESCRIPTION, formatTime } from '../../resources/meta';
import CreateProjectModal from '../../workloads/CreateProjectModal';

/** The Namespace a workspace's "Create Project" submits. */
export function projectObject(
  name: string,
  workspace: string,
  alias: string,
  description: string,
  creator: string,
): KubeObject {
  const annotations: Record<string, string> = { [CREATOR]: creator };
  if (alias) annotations[ALIAS] = alias;
  if (description) annotations[DESCRIPTION] = description;
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { [WORKSPACE_LABEL]: workspace }, annotations },
  };
}

function useColumns(workspaceColumn: boolean, onDelete?: (o: KubeObject) => void) {
  const { t, i18n } = useTranslation();
  return [
    {
      key: 'name',
      title: t('NAME'),
      render: (_: unknown, o: KubeObject) => (
        <Link to={`/projects/${o.metadata.name}/overview`}>{o.metadata.name}</Link>
      ),
    },
    ...(workspaceColumn
      ? [
          {
            key: 'ws',
            title: t('WORKSPACE'),
            render: (_: unknown, o: KubeObject) => o.metadata.labels?.[WORKSPACE_LABEL] ?? '-',
          },
        ]
      : []),
    { key: 'creator', title: t('CREATOR'), render: (_: unknown, o: KubeObject) => creatorOf(o) || '-' },
    {
      key: 'created',
      title: t('CREATED_TIME'),
      render: (_: unknown, o: KubeObject) => formatTime(o.metadata.creationTimestamp, i18n.language),
    },
    ...(onDelete
      ? [
          {
            key: 'actions',
            render: (_: unknown, o: KubeObject) => (
              <Popconfirm title={t('DELETE_TITLE', { kind: t('PROJECT') })} onConfirm={() => onDelete(o)}>
                <Button type="link" danger>
                  {t('DELETE')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
}

export function PlatformProjectsPage() {
  const columns = useColumns(true);
  return (
    <KapisTable
      queryKey={['namespaces', 'platform']}
      fetch={(q) => tenant.listNamespaces(undefined, q)}
      columns={columns}
      title="PROJECTS"
      description="PROJECTS_DESC"
    />
  );
}

export function WorkspaceProjectsPage() {
  const { message } = App.useApp();
  const { workspace = '' } = useParams();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const canCreate = useCan('projects', 'create');
  const canDelete = useCan('projects', 'delete');
  const [open, setOpen] = useState(false);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['namespaces'] });
  const columns = useColumns(
    false,
    canDelete
      ? (o) =>
          void tenant
            .deleteNamespace(workspace, o.metadata.name ?? '')
            .then(refresh)
            .catch((e: Error) => message.error(e.message))
      : undefined,
  );
  return (
    <>
      <KapisTable
        queryKey={['namespaces', workspace]}
        fetch={(q) => tenant.listNamespaces(workspace, q)}
        columns={columns}
        title="PROJECTS"
        description="PROJECTS_DESC"
        onCreate={canCreate ? () => setOpen(true) : undefined}
      />
      {open && (
        <CreateProjectModal
          workspace={workspace}
          projectObject={(name, alias, description) =>
            projectObject(name, workspace, alias, description, session?.username ?? '')
          }
          onClose={() => setOpen(false)}
          onCreated={refresh}
        />
      )}
    </>
  );
}
