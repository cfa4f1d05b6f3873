/**
 * @module icons
 * Maps the nav tables' icon names to antd icons.
 */
import {
  AppstoreOutlined,
  ApiOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  FolderOutlined,
  HddOutlined,
  SafetyOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

const ICONS: Record<string, ReactNode> = {
  workspace: <AppstoreOutlined />,
  project: <FolderOutlined />,
  user: <UserOutlined />,
  role: <SafetyOutlined />,
  node: <ClusterOutlined />,
  storage: <HddOutlined />,
  dashboard: <DashboardOutlined />,
  workload: <DatabaseOutlined />,
  network: <ApiOutlined />,
  config: <FileTextOutlined />,
  setting: <SettingOutlined />,
  members: <TeamOutlined />,
};

/** The icon for a nav entry, if any. */
export function navIcon(name?: string): ReactNode {
  return name ? ICONS[name] : undefined;
}
