/**
 * @module SideMenu
 * Renders a (filtered) nav table as an antd Menu whose links are relative to `root`.
 */
import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { navIcon } from '../components/icons';
import { navLeaves, type NavItem } from './nav';

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
  // The selected item is the longest item path the current URL starts with.
  const leaves = navLeaves(items).map((i) => `${root}/${i.path}`);
  const selected =
    leaves
      .filter((k) => pathname === k || pathname.startsWith(`${k}/`))
      .sort((a, b) => b.length - a.length)[0] ?? '';
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
