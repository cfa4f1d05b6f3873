/**
 * @module monitoring/routes
 * What the console's route and sidebar tables need from monitoring: lazily loaded pages, route entries
 * (relative to the level they are mounted under) and sidebar items in `NavItem` shape. Importing this
 * module registers the monitoring strings (./i18n).
 */
import { lazy } from 'react';
import type { RouteObject } from 'react-router-dom';
import './i18n';

/*
 * Pages are lazy components so uPlot and the charts load only when a monitoring page opens; render them
 * inside <Suspense> (the console's layouts already do for routed pages).
 */
export const ClusterMonitoringPage = lazy(async () => ({
  default: (await import('./ClusterPages')).ClusterMonitoringPage,
}));
export const NodeMonitoringPage = lazy(async () => ({
  default: (await import('./ClusterPages')).NodeMonitoringPage,
}));
export const AlertMessagesPage = lazy(async () => ({
  default: (await import('./AlertMessagesPage')).AlertMessagesPage,
}));
export const AlertPoliciesPage = lazy(async () => ({
  default: (await import('./AlertPoliciesPage')).AlertPoliciesPage,
}));
export const ProjectMonitoringPage = lazy(async () => ({
  default: (await import('./ProjectPages')).ProjectMonitoringPage,
}));
export const WorkloadMonitoringTab = lazy(async () => ({
  default: (await import('./ProjectPages')).WorkloadMonitoringTab,
}));
export const PodMonitoringTab = lazy(async () => ({
  default: (await import('./ProjectPages')).PodMonitoringTab,
}));
/** `<ResourceMonitoringTab obj={obj} />` for the detail pages' "monitoring" tab. */
export const ResourceMonitoringTab = lazy(async () => ({
  default: (await import('./ResourceMonitoringTab')).ResourceMonitoringTab,
}));

/** Children of the `infrastructure` route (platform level): `/infrastructure/monitoring/...`. */
export const INFRASTRUCTURE_MONITORING_ROUTES: RouteObject[] = [
  { path: 'monitoring/cluster', element: <ClusterMonitoringPage /> },
  { path: 'monitoring/nodes/:name', element: <NodeMonitoringPage /> },
  { path: 'monitoring/alerts', element: <AlertMessagesPage /> },
  { path: 'monitoring/alert-policies', element: <AlertPoliciesPage /> },
];

/**
 * Children of the `projects/:namespace` route: `/projects/<ns>/monitoring`, `alert-messages`,
 * `alert-policies` (before `:resource`).
 */
export const PROJECT_MONITORING_ROUTES: RouteObject[] = [
  { path: 'monitoring', element: <ProjectMonitoringPage /> },
  { path: 'alert-messages', element: <AlertMessagesPage /> },
  { path: 'alert-policies', element: <AlertPoliciesPage /> },
];

export { PLATFORM_MONITORING_NAV, PROJECT_ALERTING_NAV, PROJECT_MONITORING_NAV } from './nav';
