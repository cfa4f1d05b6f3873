/**
 * @module KapisTable
 * A keyword-searchable, paged table over any `{items, totalItems}` endpoint (users, roles, members,
 * workspaces, projects). Paging and the keyword live in the URL query.
 */
import type { ReactNode } from 'react';
import { Button, Card, Empty, Input, Table, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TableProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { KubeObject } from '@sphere/shared';
import type { ListQuery, PagedList } from '../api/resources';
import { formatListState, parseListState, PAGE_SIZES } from '../resources/list-state';

export interface KapisTableProps<T extends KubeObject> {
  queryKey: unknown[];
  fetch: (query: ListQuery) => Promise<PagedList<T>>;
  columns: TableProps<T>['columns'];
  title: string;
  description?: string;
  onCreate?: () => void;
  createLabel?: string;
  extra?: ReactNode;
}

export function KapisTable<T extends KubeObject>({
  queryKey,
  fetch,
  columns,
  title,
  description,
  onCreate,
  createLabel,
  extra,
}: KapisTableProps<T>) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const state = parseListState(params);
  const query: ListQuery = {
    name: state.name,
    page: state.page,
    limit: state.limit,
    sortBy: state.sortBy,
    ascending: state.ascending,
  };
  const q = useQuery({ queryKey: [...queryKey, query], queryFn: () => fetch(query) });
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{t(title)}</h2>
        {description && <Typography.Text type="secondary">{t(description)}</Typography.Text>}
      </Card>
      <Card variant="borderless">
        <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
          <Input.Search
            style={{ maxWidth: 320 }}
            allowClear
            placeholder={t('SEARCH_BY_NAME')}
            defaultValue={state.name}
            onSearch={(v) => setParams(formatListState({ ...state, name: v || undefined, page: 1 }))}
            aria-label={t('SEARCH')}
          />
          <span style={{ flex: 1 }} />
          {extra}
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} aria-label={t('REFRESH')} />
          {onCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="create-button">
              {t(createLabel ?? 'CREATE')}
            </Button>
          )}
        </div>
        {q.error && <Typography.Text type="danger">{(q.error as Error).message}</Typography.Text>}
        <Table<T>
          rowKey={(o) => o.metadata.uid ?? o.metadata.name ?? ''}
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isLoading}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={state.name ? t('NO_MATCH') : t('NO_DATA')}
              />
            ),
          }}
          pagination={{
            current: state.page,
            pageSize: state.limit,
            total: q.data?.totalItems ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.slice(0, 4),
            showTotal: (total) => t('TOTAL_ITEMS', { count: total }),
            onChange: (page, limit) => setParams(formatListState({ ...state, page, limit })),
          }}
        />
      </Card>
    </>
  );
}
