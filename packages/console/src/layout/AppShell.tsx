/**
 * @module AppShell
 * Header (Platform panel, Workbench, command palette, theme, user menu) around every signed-in page.
 */
import { useState } from 'react';
import { Button, Drawer, Dropdown, Layout, Modal, Tooltip } from 'antd';
import { BulbOutlined, HomeOutlined, MenuOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { CommandPalette } from '../palette/CommandPalette';
import { useThemeMode } from '../theme/theme';
import { filterNav } from './nav';
import { PLATFORM_NAV_ALL } from './nav-tables';
import { SideMenu } from './SideMenu';

/** Layout of every signed-in page; redirects to login when there is no session. */
export function AppShell() {
  const { t } = useTranslation();
  const { session, user, globalRules, isAdmin, logout, mustChangePassword, expired } = useAuth();
  const { toggle } = useThemeMode();
  const navigate = useNavigate();
  const location = useLocation();
  const [platformOpen, setPlatformOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);

  if (!session) {
    const redirect = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?redirect=${redirect}${expired ? '&expired=1' : ''}`} replace />;
  }
  if (mustChangePassword) return <Navigate to="/password" replace />;

  const platformNav = filterNav(PLATFORM_NAV_ALL, globalRules, isAdmin);
  const userMenu = {
    items: [
      { key: 'settings', label: t('USER_SETTINGS') },
      { key: 'about', label: t('ABOUT') },
      { type: 'divider' as const },
      { key: 'logout', label: t('LOG_OUT') },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'settings') navigate('/settings');
      if (key === 'about') Modal.info({ title: t('ABOUT'), content: t('ABOUT_TEXT') });
      if (key === 'logout') void logout().then(() => navigate('/login'));
    },
  };

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Header className="sphere-header">
        <span className="brand">SPHERE</span>
        {platformNav.length > 0 && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            onClick={() => setPlatformOpen(true)}
            data-testid="platform-button"
          >
            {t('PLATFORM')}
          </Button>
        )}
        <Button type="text" icon={<HomeOutlined />} onClick={() => navigate('/dashboard')}>
          {t('WORKBENCH')}
        </Button>
        <span className="spacer" />
        <Tooltip title={t('COMMAND_PALETTE_HINT')}>
          <Button
            type="text"
            icon={<SearchOutlined />}
            onClick={() => setPaletteOpen(true)}
            aria-label={t('SEARCH')}
          />
        </Tooltip>
        <Tooltip title={t('TOGGLE_THEME')}>
          <Button type="text" icon={<BulbOutlined />} onClick={toggle} aria-label={t('TOGGLE_THEME')} />
        </Tooltip>
        <Dropdown menu={userMenu} trigger={['click']}>
          <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
            {user?.metadata.name ?? session.username}
          </Button>
        </Dropdown>
      </Layout.Header>
      <Drawer
        title={t('PLATFORM')}
        placement="left"
        open={platformOpen}
        onClose={() => setPlatformOpen(false)}
        width={280}
        styles={{ body: { padding: 0 } }}
      >
        <div onClick={() => setPlatformOpen(false)}>
          <SideMenu items={platformNav} root="" />
        </div>
      </Drawer>
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} />
      <Layout>
        <Outlet />
      </Layout>
    </Layout>
  );
}
