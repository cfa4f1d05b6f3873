/**
 * @module CommandPalette
 * Ctrl+K / Cmd+K: jump to any page, workspace, project, or (inside a project) resource by name.
 */
import { useEffect, useMemo, useState } from 'react';
import { Input, Modal, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { tenant } from '../api/iam';
import { listResources } from '../api/resources';
import { PROJECT_RESOURCES } from '../resources/descriptors';
import { pageItems, rankItems, type PaletteItem } from './palette-items';

const SEARCHED = [
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'services',
  'pods',
  'configmaps',
  'secrets',
];

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function CommandPalette({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), 200);
  const ns = /^\/projects\/([^/]+)/.exec(pathname)?.[1];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        onOpenChange(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onOpenChange]);

  const remote = useQuery({
    queryKey: ['palette', query, ns],
    enabled: open && query.length > 0,
    queryFn: async (): Promise<PaletteItem[]> => {
      const settled = await Promise.allSettled([
        tenant.listWorkspaces({ name: query, limit: 5 }).then((l) =>
          l.items.map((w) => ({
            path: `/workspaces/${w.metadata.name}/overview`,
            label: w.metadata.name ?? '',
            group: 'WORKSPACE',
            literal: true,
          })),
        ),
        tenant.listNamespaces(undefined, { name: query, limit: 5 }).then((l) =>
          l.items.map((p) => ({
            path: `/projects/${p.metadata.name}/overview`,
            label: p.metadata.name ?? '',
            group: 'PROJECT',
            literal: true,
          })),
        ),
        ...(ns
          ? SEARCHED.map((route) =>
              listResources(PROJECT_RESOURCES[route].ref, ns, { name: query, limit: 5 }).then((l) =>
                l.items.map((o) => ({
                  path: `/projects/${ns}/${route}/${o.metadata.name}`,
                  label: o.metadata.name ?? '',
                  group: PROJECT_RESOURCES[route].title,
                  literal: true,
                })),
              ),
            )
          : []),
      ]);
      // Each source fails independently (e.g. no permission for one kind): keep the others.
      return settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
    },
  });

  const items = useMemo(() => {
    const pages = pageItems(pathname).map((i) => ({ ...i, display: t(i.label) }));
    const found = (remote.data ?? []).map((i) => ({ ...i, display: i.label }));
    return [...rankItems(pages, text, 12), ...found];
  }, [pathname, remote.data, text, t]);

  const go = (item: PaletteItem | undefined) => {
    if (!item) return;
    navigate(item.path);
    onOpenChange(false);
    setText('');
  };

  return (
    <Modal
      open={open}
      onCancel={() => onOpenChange(false)}
      footer={null}
      closable={false}
      destroyOnHidden
      width={560}
      title={null}
    >
      <Input
        autoFocus
        size="large"
        placeholder={t('PALETTE_PLACEHOLDER')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter') go(items[active]);
        }}
        aria-label={t('PALETTE_PLACEHOLDER')}
      />
      <div style={{ maxHeight: 400, overflow: 'auto', marginTop: 8 }} role="listbox">
        {items.map((item, i) => (
          <div
            key={`${item.group}:${item.path}`}
            role="option"
            aria-selected={i === active}
            className={`sphere-palette-item${i === active ? ' active' : ''}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => go(item)}
          >
            <span>{item.display}</span>
            <Typography.Text type="secondary">{t(item.group)}</Typography.Text>
          </div>
        ))}
        {items.length === 0 && <Typography.Text type="secondary">{t('NO_MATCH')}</Typography.Text>}
      </div>
    </Modal>
  );
}
