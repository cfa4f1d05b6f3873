/**
 * @module routes
 * The route table: one entry per page, in KubeSphere's URL scheme (platform → workspace → project).
 * Pages are lazy-loaded so each level's code is its own chunk.
 */
import { lazy } from 'react';
import { Navigate, useRoutes, type RouteObject } from 'react-router-dom';
import { AppShell } from './layout/AppShell';
import { InfrastructureLayout, PlainLayout, ProjectLayout, WorkspaceLayout } from './layout/ScopeLayouts';

type Props<C> = C extends React.ComponentType<infer P> ? P : never;
/** A lazily loaded named export of a page module. */
const page = <M, K extends keyof M>(load: () => Promise<M>, name: K) =>
  lazy(async () => ({ default: (await load())[name] as React.ComponentType<Props<M[K]>> }));

const Login = page(() => import('./pages/auth/LoginPage'), 'LoginPage');
const PasswordChange = page(() => import('./pages/auth/PasswordChangePage'), 'PasswordChangePage');
const UserSettings = page(() => import('./pages/auth/UserSettingsPage'), 'UserSettingsPage');
const Dashboard = page(() => import('./pages/platform/DashboardPage'), 'DashboardPage');
const Workspaces = page(() => import('./pages/platform/WorkspacesPage'), 'WorkspacesPage');
const PlatformProjects = page(() => import('./pages/platform/ProjectsPage'), 'PlatformProjectsPage');
const Accounts = page(() => import('./pages/platform/AccountsPage'), 'AccountsPage');
const AccountDetail = page(() => import('./pages/platform/AccountDetailPage'), 'AccountDetailPage');
const Roles = page(() => import('./pages/iam/RolesPage'), 'RolesPage');
const Members = page(() => import('./pages/iam/MembersPage'), 'MembersPage');
const WorkspaceOverview = page(() => import('./pages/workspace/WorkspacePages'), 'WorkspaceOverviewPage');
const WorkspaceProjects = page(() => import('./pages/platform/ProjectsPage'), 'WorkspaceProjectsPage');
const WorkspaceBaseInfo = page(() => import('./pages/workspace/WorkspacePages'), 'WorkspaceBaseInfoPage');
const ProjectOverview = page(() => import('./pages/project/ProjectPages'), 'ProjectOverviewPage');
const ProjectBaseInfo = page(() => import('./pages/project/ProjectPages'), 'ProjectBaseInfoPage');
const ProjectList = page(() => import('./pages/ResourcePages'), 'ProjectResourceList');
const ProjectDetail = page(() => import('./pages/ResourcePages'), 'ProjectResourceDetail');
const ClusterList = page(() => import('./pages/ResourcePages'), 'ClusterResourceList');
const ClusterDetail = page(() => import('./pages/ResourcePages'), 'ClusterResourceDetail');
const NotFound = page(() => import('./pages/ResourcePages'), 'NotFound');
const ProjectGateway = page(() => import('./workloads/GatewayPage'), 'GatewayPage');
const ImageRegistries = page(() => import('./workloads/ImageRegistryPage'), 'ImageRegistryPage');
const Components = page(() => import('./pages/platform/ComponentsPage'), 'ComponentsPage');
const AuditLog = page(() => import('./pages/platform/AuditLogPage'), 'AuditLogPage');
// Monitoring pages (packages/console/src/monitoring, written with the platform's monitoring API).
const ClusterMonitoring = page(() => import('./monitoring/ClusterPages'), 'ClusterMonitoringPage');
const NodeMonitoring = page(() => import('./monitoring/ClusterPages'), 'NodeMonitoringPage');
const AlertMessages = page(() => import('./monitoring/AlertMessagesPage'), 'AlertMessagesPage');
const AlertPolicies = page(() => import('./monitoring/AlertPoliciesPage'), 'AlertPoliciesPage');
const ProjectMonitoring = page(() => import('./monitoring/ProjectPages'), 'ProjectMonitoringPage');

/** The route table. */
export const ROUTES: RouteObject[] = [
  { path: '/login', element: <Login /> },
  { path: '/password', element: <PasswordChange /> },
  {
    element: <AppShell />,
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
      {
        element: <PlainLayout />,
        children: [
          { path: 'dashboard', element: <Dashboard /> },
          { path: 'workspaces', element: <Workspaces /> },
          { path: 'projects', element: <PlatformProjects /> },
          { path: 'accounts', element: <Accounts /> },
          { path: 'accounts/:name', element: <AccountDetail /> },
          { path: 'roles', element: <Roles scope="global" /> },
          { path: 'settings', element: <UserSettings /> },
          { path: 'audit-logs', element: <AuditLog /> },
        ],
      },
      {
        path: 'infrastructure',
        element: <InfrastructureLayout />,
        children: [
          { index: true, element: <Navigate to="nodes" replace /> },
          { path: 'monitoring/cluster', element: <ClusterMonitoring /> },
          { path: 'monitoring/nodes/:name', element: <NodeMonitoring /> },
          { path: 'monitoring/alerts', element: <AlertMessages /> },
          { path: 'components', element: <Components /> },
          { path: 'monitoring/alert-policies', element: <AlertPolicies /> },
          { path: ':resource', element: <ClusterList /> },
          { path: ':resource/:name/:tab?', element: <ClusterDetail /> },
        ],
      },
      {
        path: 'workspaces/:workspace',
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <Navigate to="overview" replace /> },
          { path: 'overview', element: <WorkspaceOverview /> },
          { path: 'projects', element: <WorkspaceProjects /> },
          { path: 'base-info', element: <WorkspaceBaseInfo /> },
          { path: 'roles', element: <Roles scope="workspace" /> },
          { path: 'members', element: <Members scope="workspace" /> },
        ],
      },
      {
        path: 'projects/:namespace',
        element: <ProjectLayout />,
        children: [
          { index: true, element: <Navigate to="overview" replace /> },
          { path: 'overview', element: <ProjectOverview /> },
          { path: 'base-info', element: <ProjectBaseInfo /> },
          { path: 'roles', element: <Roles scope="namespace" /> },
          { path: 'members', element: <Members scope="namespace" /> },
          { path: 'monitoring', element: <ProjectMonitoring /> },
          { path: 'alert-messages', element: <AlertMessages /> },
          { path: 'alert-policies', element: <AlertPolicies /> },
          { path: 'gateway', element: <ProjectGateway /> },
          { path: 'image-registries', element: <ImageRegistries /> },
          { path: ':resource', element: <ProjectList /> },
          { path: ':resource/:name/:tab?', element: <ProjectDetail /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

/** Renders the route table. */
export function AppRoutes() {
  return useRoutes(ROUTES);
}
