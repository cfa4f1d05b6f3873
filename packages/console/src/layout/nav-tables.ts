/**
 * @module nav-tables
 * The nav tables as the layouts render them: the base tables of nav.ts plus the monitoring entries
 * (Platform › Monitoring Center; Project › Monitoring and Alerting after Overview), whose labels the monitoring module
 * registers (monitoring/i18n). The entries mirror monitoring/routes.tsx; they are data here so the
 * monitoring pages stay out of the initial bundle.
 */
import '../monitoring/i18n';
import { PLATFORM_NAV, PROJECT_NAV, type NavItem } from './nav';

const PLATFORM_MONITORING: NavItem = {
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
const PROJECT_MONITORING: NavItem = {
  key: 'PROJECT_MONITORING',
  path: 'monitoring',
  skipAuth: true,
  icon: 'dashboard',
};

const PROJECT_ALERTING: NavItem = {
  key: 'PROJECT_ALERTING',
  icon: 'dashboard',
  children: [
    { key: 'ALERT_MESSAGES', path: 'alert-messages', authKey: 'alerting' },
    { key: 'ALERT_POLICIES', path: 'alert-policies', authKey: 'alerting' },
  ],
};

export const PLATFORM_NAV_ALL: NavItem[] = [...PLATFORM_NAV, PLATFORM_MONITORING];
export const PROJECT_NAV_ALL: NavItem[] = [
  PROJECT_NAV[0],
  PROJECT_MONITORING,
  PROJECT_ALERTING,
  ...PROJECT_NAV.slice(1),
];
