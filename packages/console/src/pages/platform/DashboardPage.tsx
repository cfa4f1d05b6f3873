/**
 * @module DashboardPage
 * The Workbench: platform statistics for admins, the user's workspaces for everyone.
 */
import { Card, Col, List, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { iam, tenant } from '../../api/iam';
import { listResources } from '../../api/resources';
import { useAuth } from '../../auth/AuthContext';
import { can } from '../../permissions/rules';
import { KINDS } from '../../resources/kinds';

export function DashboardPage() {
  const { t } = useTranslation();
  const { user, session, globalRules } = useAuth();
  const ws = useQuery({
    queryKey: ['workspaces', 'dashboard'],
    queryFn: () => tenant.listWorkspaces({ limit: 10 }),
  });
  const ns = useQuery({
    queryKey: ['namespaces', 'dashboard'],
    queryFn: () => tenant.listNamespaces(undefined, { limit: 1 }),
  });
  const showUsers = can(globalRules, 'users');
  const showNodes = can(globalRules, 'nodes');
  const users = useQuery({
    queryKey: ['users', 'count'],
    queryFn: () => iam.listUsers({ limit: 1 }),
    enabled: showUsers,
  });
  const nodes = useQuery({
    queryKey: ['nodes', 'count'],
    queryFn: () => listResources(KINDS.nodes, undefined, { limit: 1 }),
    enabled: showNodes,
  });
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{t('WELCOME', { name: user?.metadata.name ?? session?.username })}</h2>
        <Typography.Text type="secondary">{t('WORKBENCH_DESC')}</Typography.Text>
      </Card>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card>
            <Statistic title={t('WORKSPACES')} value={ws.data?.totalItems ?? '-'} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title={t('PROJECTS')} value={ns.data?.totalItems ?? '-'} />
          </Card>
        </Col>
        {showUsers && (
          <Col span={6}>
            <Card>
              <Statistic title={t('ACCOUNTS')} value={users.data?.totalItems ?? '-'} />
            </Card>
          </Col>
        )}
        {showNodes && (
          <Col span={6}>
            <Card>
              <Statistic title={t('NODES')} value={nodes.data?.totalItems ?? '-'} />
            </Card>
          </Col>
        )}
      </Row>
      <Card title={t('MY_WORKSPACES')}>
        <List
          loading={ws.isLoading}
          dataSource={ws.data?.items ?? []}
          locale={{ emptyText: t('NO_WORKSPACES') }}
          renderItem={(w) => (
            <List.Item>
              <Link to={`/workspaces/${w.metadata.name}/overview`}>{w.metadata.name}</Link>
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
