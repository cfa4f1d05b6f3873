/**
 * @module ResourceListPage
 * The generic list page: banner, toolbar, table with status, sort, paging (page size; virtual rows for
 * large pages), batch delete, row actions, empty and "no match" states; state lives in the URL query.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { App, Button, Card, Empty, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { KubeObject } from '@sphere/shared';
import { patchResource } from '../api/resources';
import { EditYamlModal } from '../components/EditYamlModal';
import { StatusBadge } from '../components/StatusBadge';
import { useCan } from '../permissions/ScopeRules';
import type { ExtraAction, ResourceDescriptor } from './descriptor';
import {
  formatListState,
  hasFilters,
  PAGE_SIZES,
  parseListState,
  toListQuery,
  type ListState,
} from './list-state';
import { aliasOf, descriptionOf } from './meta';
import { RowActions, type RowAction } from './RowActions';
import { useLiveList } from './useLiveList';
import { DeleteDialog } from './DeleteDialog';
import { ListToolbar } from './ListToolbar';

const WizardLauncher = lazy(() => import('../wizard/WizardLauncher'));

export interface ResourceListPageProps {
  descriptor: ResourceDescriptor;
  namespace?: string;
  /** Link target of a row (detail page). */
  detailPath: (obj: KubeObject) => string;
}

/** Generic resource list. */
export function ResourceListPage({ descriptor, namespace, detailPath }: ResourceListPageProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const defaultSort = descriptor.defaultSort ?? 'createTime';
  const state = parseListState(params, defaultSort);
  const setState = (next: ListState) => setParams(formatListState(next, defaultSort));
  const qs = params.toString();
  // The query object must be stable per URL so the list's query key and watch do not churn.
  const query = useMemo(
    () => toListQuery(parseListState(new URLSearchParams(qs), defaultSort)),
    [qs, defaultSort],
  );
  const list = useLiveList(descriptor.ref, namespace, query);
  const authKey = descriptor.ref.authKey;
  const canCreate = useCan(authKey, 'create') && !!descriptor.wizard;
  const canEdit = useCan(authKey, 'edit');
  const canDelete = useCan(authKey, 'delete');
  const [selected, setSelected] = useState<KubeObject[]>([]);
  const [deleting, setDeleting] = useState<KubeObject[] | null>(null);
  const [editing, setEditing] = useState<KubeObject | null>(null);
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<{ action: ExtraAction; objects: KubeObject[] } | null>(null);
  const batchActions = canEdit ? (descriptor.batchActions ?? []) : [];

  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['list', descriptor.ref.plural] });
  const onAction = async (action: RowAction, obj: KubeObject) => {
    if (action.type === 'delete') return setDeleting([obj]);
    if (action.type === 'yaml') return setEditing(obj);
    const extra = descriptor.extraActions?.find((a) => a.key === action.key);
    if (!extra) return;
    if (extra.dialog) return setDialog({ action: extra, objects: [obj] });
    if (!extra.patch) return;
    try {
      await patchResource(
        descriptor.ref,
        obj.metadata.namespace,
        obj.metadata.name ?? '',
        extra.patch(obj, new Date()),
      );
      message.success(t('UPDATED_SUCCESS'));
      refresh();
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  const columns: TableProps<KubeObject>['columns'] = [
    {
      key: 'name',
      title: t('NAME'),
      sorter: true,
      sortOrder: state.sortBy === 'name' ? (state.ascending ? 'ascend' : 'descend') : null,
      render: (_: unknown, o: KubeObject) => (
        <div>
          <Link to={detailPath(o)}>{o.metadata.name}</Link>
          {aliasOf(o) && <Typography.Text type="secondary"> {aliasOf(o)}</Typography.Text>}
          {descriptionOf(o) && <div className="sphere-help">{descriptionOf(o)}</div>}
        </div>
      ),
    },
    ...(descriptor.status
      ? [
          {
            key: 'status',
            title: t('STATUS'),
            render: (_: unknown, o: KubeObject) => <StatusBadge status={descriptor.status!(o)} />,
          },
        ]
      : []),
    ...descriptor.columns.map((c) => ({
      key: c.key,
      title: t(c.title),
      width: c.width,
      sorter: !!c.sortBy,
      sortOrder:
        c.sortBy && state.sortBy === c.sortBy
          ? state.ascending
            ? ('ascend' as const)
            : ('descend' as const)
          : null,
      render: (_: unknown, o: KubeObject) => c.render(o, t, i18n.language),
    })),
    {
      key: 'actions',
      width: 56,
      render: (_: unknown, o: KubeObject) => (
        <RowActions
          obj={o}
          descriptor={descriptor}
          canEdit={canEdit}
          canDelete={canDelete}
          onAction={(a, ob) => void onAction(a, ob)}
        />
      ),
    },
  ];

  const items = list.data?.items ?? [];
  const filtered = hasFilters(state);
  const empty = (
    <Empty
      description={filtered ? t('NO_MATCH') : t('EMPTY_LIST', { kind: t(descriptor.title) })}
      image={Empty.PRESENTED_IMAGE_SIMPLE}
    >
      {filtered ? (
        <Button
          onClick={() =>
            setState({ ...state, name: undefined, status: undefined, label: undefined, page: 1 })
          }
        >
          {t('CLEAR_FILTERS')}
        </Button>
      ) : (
        canCreate && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('CREATE')}
          </Button>
        )
      )}
    </Empty>
  );
  const virtual = state.limit > 100;

  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{t(descriptor.title)}</h2>
        <Typography.Text type="secondary">{t(descriptor.description)}</Typography.Text>
      </Card>
      <Card variant="borderless">
        {selected.length > 0 ? (
          <Space style={{ marginBottom: 12 }}>
            <Typography.Text>{t('SELECTED_COUNT', { count: selected.length })}</Typography.Text>
            {batchActions.map((a) => (
              <Button key={a.key} onClick={() => setDialog({ action: a, objects: selected })}>
                {t(a.label)}
              </Button>
            ))}
            {canDelete && (
              <Button danger onClick={() => setDeleting(selected)}>
                {t('DELETE')}
              </Button>
            )}
            <Button onClick={() => setSelected([])}>{t('CANCEL_SELECT')}</Button>
          </Space>
        ) : (
          <ListToolbar
            state={state}
            onChange={setState}
            statusFilters={descriptor.statusFilters}
            onRefresh={refresh}
            onCreate={canCreate ? () => setCreating(true) : undefined}
            connection={list.connection}
          />
        )}
        {list.error && <Typography.Text type="danger">{(list.error as Error).message}</Typography.Text>}
        <Table<KubeObject>
          rowKey={(o) => o.metadata.uid ?? `${o.metadata.namespace}/${o.metadata.name}`}
          columns={columns}
          dataSource={items}
          loading={list.isLoading}
          virtual={virtual}
          scroll={virtual ? { y: 600 } : undefined}
          locale={{ emptyText: list.isLoading ? ' ' : empty }}
          rowSelection={
            canDelete || batchActions.length
              ? {
                  selectedRowKeys: selected.map((o) => o.metadata.uid ?? ''),
                  onChange: (_k, rows) => setSelected(rows),
                }
              : undefined
          }
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const col = descriptor.columns.find((c) => c.key === s?.columnKey);
            const sortBy = s?.order
              ? s.columnKey === 'name'
                ? 'name'
                : (col?.sortBy ?? defaultSort)
              : defaultSort;
            setState({ ...state, sortBy, ascending: s?.order === 'ascend', page: 1 });
          }}
          pagination={{
            current: state.page,
            pageSize: state.limit,
            total: list.data?.totalItems ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (total) => t('TOTAL_ITEMS', { count: total }),
            onChange: (page, limit) => setState({ ...state, page: limit !== state.limit ? 1 : page, limit }),
          }}
        />
      </Card>
      <DeleteDialog
        descriptor={descriptor}
        objects={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setSelected([]);
          refresh();
        }}
      />
      <EditYamlModal
        open={!!editing}
        obj={editing}
        kind={descriptor.ref}
        onClose={() => setEditing(null)}
        onSaved={refresh}
      />
      {dialog?.action.dialog && (
        <Suspense fallback={null}>
          <dialog.action.dialog
            objects={dialog.objects}
            onClose={() => setDialog(null)}
            onDone={() => {
              setDialog(null);
              refresh();
            }}
          />
        </Suspense>
      )}
      {creating && descriptor.wizard && (
        <Suspense fallback={null}>
          <WizardLauncher
            wizard={descriptor.wizard}
            namespace={namespace ?? ''}
            onClose={() => setCreating(false)}
            onCreated={refresh}
          />
        </Suspense>
      )}
    </>
  );
}
