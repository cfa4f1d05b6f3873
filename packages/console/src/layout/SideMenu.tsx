/**
 * @module SideMenu
 * Renders a (filtered) nav table as an antd Menu whose links are relative to `root`.
 */
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { navIcon } from '../components/icons';
import type { NavItem } from './nav';

type MenuItem = Required<MenuProps>['items'][number];

/** Sidebar menu for one level. */
export function SideMenu({ items, root }: { items: NavItem[]; root: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const toItem = (item: NavItem): MenuItem =>
    item.children
      ? { key: item.key, label: t(item.key), icon: navIcon(item.icon), children: item.children.map(toItem) }
      : { key: `${root}/${item.path}`, label: t(item.key), icon: navIcon(item.icon) };
  const selected = pathname
    .split('/')
    .slice(0, root.split('/').length + 1)
    .join('/');
  return (
    <Menu
      // Remount when the groups change (rules arrive after the first render) so they open by default.
      key={items
        .filter((i) => i.children)
        .map((i) => i.key)
        .join()}
      mode="inline"
      items={items.map(toItem)}
      selectedKeys={[selected]}
      defaultOpenKeys={items.filter((i) => i.children).map((i) => i.key)}
      onClick={(e) => navigate(e.key)}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
