/**
 * @module monitoring/nav
 * Sidebar items for monitoring in the console's `NavItem` shape (kept apart from the page modules so the
 * sidebar tables can import them without React components). Importing registers the labels (./i18n).
 */
import type { NavItem } from '../layout/nav';
import './i18n';

/** A group for PLATFORM_NAV (paths relative to the platform root). */
export const PLATFORM_MONITORING_NAV: NavItem = {
  key: 'MONITORING_CENTER',
  children: [
    { key: 'CLUSTER_STATUS', path: 'infrastructure/monitoring/cluster', authKey: 'nodes', icon: 'dashboard' },
    {
      key: 'ALERT_MESSAGES',
      path: 'infrastructure/monitoring/alerts',
      authKey: 'alerting',
      icon: 'dashboard',
    },
    {
      key: 'ALERT_POLICIES',
      path: 'infrastructure/monitoring/alert-policies',
      authKey: 'alerting',
      icon: 'dashboard',
    },
  ],
};

/** An item for PROJECT_NAV (after OVERVIEW). */
export const PROJECT_MONITORING_NAV: NavItem = {
  key: 'PROJECT_MONITORING',
  path: 'monitoring',
  skipAuth: true,
  icon: 'dashboard',
};

/**
 * A group for PROJECT_NAV (after Monitoring): the project's alert messages and policies. `alerting` is the
 * module the rules give to whoever may list alerting.kubesphere.io rules and alerts (permissions/rules).
 */
export const PROJECT_ALERTING_NAV: NavItem = {
  key: 'PROJECT_ALERTING',
  icon: 'dashboard',
  children: [
    { key: 'ALERT_MESSAGES', path: 'alert-messages', authKey: 'alerting' },
    { key: 'ALERT_POLICIES', path: 'alert-policies', authKey: 'alerting' },
  ],
};
