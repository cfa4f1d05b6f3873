/**
 * @module ScopeLayouts
 * Sidebar layouts of the three levels: infrastructure (platform), workspace and project. Each loads
 * the scope's rules and shows only the menu items they allow.
 */
import { Card, Layout, Select, Typography, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate, useParams } from 'react-router-dom';
import { tenant } from '../api/iam';
import { getResource } from '../api/resources';
import { useAuth } from '../auth/AuthContext';
import { ScopeRulesProvider, useRules } from '../permissions/ScopeRules';
import { KINDS } from '../resources/kinds';
import { filterNav, PLATFORM_NAV, WORKSPACE_NAV, type NavItem } from './nav';
import { PLATFORM_NAV_ALL, PROJECT_NAV_ALL } from './nav-tables';
import { SideMenu } from './SideMenu';

export const WORKSPACE_LABEL = 'kubesphere.io/workspace';

function Sider({ children }: { children: React.ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Layout.Sider
      width={240}
      style={{ background: token.colorBgContainer, borderRight: `1px solid ${token.colorBorderSecondary}` }}
    >
      {children}
    </Layout.Sider>
  );
}

function ScopeMenu({ nav, root }: { nav: NavItem[]; root: string }) {
  const { isAdmin } = useAuth();
  return <SideMenu items={filterNav(nav, useRules(), isAdmin)} root={root} />;
}

/** Platform infrastructure pages (nodes, storage classes) with their sidebar. */
export function InfrastructureLayout() {
  const { t } = useTranslation();
  const infra = [
    ...(PLATFORM_NAV.find((g) => g.key === 'NAV_INFRASTRUCTURE')?.children ?? []),
    ...PLATFORM_NAV_ALL.filter((g) => !PLATFORM_NAV.includes(g)),
  ];
  return (
    <Layout>
      <Sider>
        <div className="sphere-scope-card">
          <Typography.Text type="secondary">{t('PLATFORM')}</Typography.Text>
          <div className="name">{t('NAV_INFRASTRUCTURE')}</div>
        </div>
        <ScopeMenu nav={infra} root="" />
      </Sider>
      <Layout.Content className="sphere-content">
        <Outlet />
      </Layout.Content>
    </Layout>
  );
}

/** `/workspaces/:workspace/*` */
export function WorkspaceLayout() {
  const { t } = useTranslation();
  const { workspace = '' } = useParams();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: ['workspaces', 'switcher'],
    queryFn: () => tenant.listWorkspaces({ limit: 100 }),
  });
  return (
    <ScopeRulesProvider workspace={workspace}>
      <Layout>
        <Sider>
          <Card size="small" variant="borderless" className="sphere-scope-card">
            <Typography.Text type="secondary">{t('WORKSPACE')}</Typography.Text>
            <Select
              value={workspace}
              style={{ width: '100%' }}
              showSearch
              options={(list.data?.items ?? []).map((w) => ({
                value: w.metadata.name,
                label: w.metadata.name,
              }))}
              onChange={(ws: string) => navigate(`/workspaces/${ws}/overview`)}
              aria-label={t('WORKSPACE')}
            />
          </Card>
          <ScopeMenu nav={WORKSPACE_NAV} root={`/workspaces/${workspace}`} />
        </Sider>
        <Layout.Content className="sphere-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </ScopeRulesProvider>
  );
}

/** `/projects/:namespace/*`: also loads the workspace the project belongs to (its label). */
export function ProjectLayout() {
  const { t } = useTranslation();
  const { namespace = '' } = useParams();
  const navigate = useNavigate();
  const ns = useQuery({
    queryKey: ['namespace', namespace],
    queryFn: () => getResource(KINDS.namespaces, undefined, namespace),
  });
  const workspace = ns.data?.metadata.labels?.[WORKSPACE_LABEL];
  return (
    <ScopeRulesProvider workspace={workspace} namespace={namespace}>
      <Layout>
        <Sider>
          <div className="sphere-scope-card">
            <Typography.Text type="secondary">{t('PROJECT')}</Typography.Text>
            <div className="name" title={namespace}>
              {namespace}
            </div>
            {workspace && (
              <Typography.Link onClick={() => navigate(`/workspaces/${workspace}/overview`)}>
                {t('WORKSPACE')}: {workspace}
              </Typography.Link>
            )}
          </div>
          <ScopeMenu nav={PROJECT_NAV_ALL} root={`/projects/${namespace}`} />
        </Sider>
        <Layout.Content className="sphere-content">
          <Outlet context={{ workspace }} />
        </Layout.Content>
      </Layout>
    </ScopeRulesProvider>
  );
}

/** Platform pages without a sidebar (workspaces, projects, accounts, roles, dashboard). */
export function PlainLayout() {
  return (
    <Layout.Content className="sphere-content">
      <Outlet />
    </Layout.Content>
  );
}
