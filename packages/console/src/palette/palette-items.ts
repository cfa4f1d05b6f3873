/**
 * @module palette-items
 * Pure pieces of the command palette: the page entries for the current location and fuzzy ranking.
 */
import { navLeaves, PLATFORM_NAV, PROJECT_NAV, WORKSPACE_NAV } from '../layout/nav';

export interface PaletteItem {
  /** Target path. */
  path: string;
  /** i18n key or literal label (resources). */
  label: string;
  /** i18n key of the group shown on the right. */
  group: string;
  literal?: boolean;
}

/** Page entries: platform pages always, plus the current workspace's or project's pages. */
export function pageItems(pathname: string): PaletteItem[] {
  const items: PaletteItem[] = [
    { path: '/dashboard', label: 'WORKBENCH', group: 'PAGE' },
    { path: '/settings', label: 'USER_SETTINGS', group: 'PAGE' },
    ...navLeaves(PLATFORM_NAV).map((n) => ({ path: `/${n.path}`, label: n.key, group: 'PLATFORM' })),
  ];
  const ws = /^\/workspaces\/([^/]+)/.exec(pathname)?.[1];
  const ns = /^\/projects\/([^/]+)/.exec(pathname)?.[1];
  if (ws)
    items.push(
      ...navLeaves(WORKSPACE_NAV).map((n) => ({
        path: `/workspaces/${ws}/${n.path}`,
        label: n.key,
        group: 'WORKSPACE',
      })),
    );
  if (ns)
    items.push(
      ...navLeaves(PROJECT_NAV).map((n) => ({
        path: `/projects/${ns}/${n.path}`,
        label: n.key,
        group: 'PROJECT',
      })),
    );
  return items;
}

/**
 * Score of `text` for `query`: 3 prefix, 2 substring, 1 subsequence, 0 no match (case-insensitive).
 */
export function matchScore(text: string, query: string): number {
  const a = text.toLowerCase();
  const q = query.trim().toLowerCase();
  if (!q) return 1;
  if (a.startsWith(q)) return 3;
  if (a.includes(q)) return 2;
  let i = 0;
  for (const ch of a) if (ch === q[i]) i++;
  return i === q.length ? 1 : 0;
}

/** Filters and ranks items by their displayed label; stable for equal scores. */
export function rankItems<T extends { display: string }>(items: T[], query: string, limit = 30): T[] {
  return items
    .map((item, index) => ({ item, index, score: matchScore(item.display, query) }))
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score || x.index - y.index)
    .slice(0, limit)
    .map((x) => x.item);
}
