/**
 * @module monitoring/routes
 * What the console's route and sidebar tables need from monitoring: lazily loaded pages, route entries
 * (relative to the level they are mounted under) and sidebar items in `NavItem` shape. Importing this
 * module registers the monitoring strings (./i18n).
 */
import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import type { NavItem } from '../layout/nav';
import './i18n';

const ClusterMonitoring = lazy(async () => ({
  default: (await import('./ClusterPages')).ClusterMonitoringPage,
}));
const NodeMonitoring = lazy(async () => ({ default: (await import('./ClusterPages')).NodeMonitoringPage }));
const AlertMessages = lazy(async () => ({ default: (await import('./ClusterPages')).AlertMessagesPage }));
const ProjectMonitoring = lazy(async () => ({
  default: (await import('./ProjectPages')).ProjectMonitoringPage,
}));

export { ClusterMonitoringPage, NodeMonitoringPage, AlertMessagesPage } from './ClusterPages';
export { ProjectMonitoringPage, WorkloadMonitoringTab, PodMonitoringTab } from './ProjectPages';
export { ResourceMonitoringTab } from './ResourceMonitoringTab';

/** Children of the `infrastructure` route (platform level): `/infrastructure/monitoring/...`. */
export const INFRASTRUCTURE_MONITORING_ROUTES: RouteObject[] = [
  { path: 'monitoring/cluster', element: <ClusterMonitoring /> },
  { path: 'monitoring/nodes/:name', element: <NodeMonitoring /> },
  { path: 'monitoring/alerts', element: <AlertMessages /> },
];

/** Children of the `projects/:namespace` route: `/projects/<ns>/monitoring` (before `:resource`). */
export const PROJECT_MONITORING_ROUTES: RouteObject[] = [
  { path: 'monitoring', element: <ProjectMonitoring /> },
];

/** Sidebar group for PLATFORM_NAV (paths relative to the platform root). */
export const PLATFORM_MONITORING_NAV: NavItem = {
  key: 'MONITORING_CENTER',
  children: [
    { key: 'CLUSTER_STATUS', path: 'infrastructure/monitoring/cluster', authKey: 'nodes', icon: 'dashboard' },
    { key: 'ALERT_MESSAGES', path: 'infrastructure/monitoring/alerts', authKey: 'nodes', icon: 'dashboard' },
  ],
};

/** Sidebar item for PROJECT_NAV. */
export const PROJECT_MONITORING_NAV: NavItem = {
  key: 'PROJECT_MONITORING',
  path: 'monitoring',
  skipAuth: true,
  icon: 'dashboard',
};
