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
    { key: 'ALERT_MESSAGES', path: 'infrastructure/monitoring/alerts', authKey: 'nodes', icon: 'dashboard' },
  ],
};

/** An item for PROJECT_NAV (after OVERVIEW). */
export const PROJECT_MONITORING_NAV: NavItem = {
  key: 'PROJECT_MONITORING',
  path: 'monitoring',
  skipAuth: true,
  icon: 'dashboard',
};
