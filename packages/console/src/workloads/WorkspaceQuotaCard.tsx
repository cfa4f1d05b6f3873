/**
 * @module workloads/WorkspaceQuotaCard
 * Workspace Settings › Basic Information: the workspace quotas the platform reports
 * (`GET /kapis/tenant.kubesphere.io/v1alpha2/workspaces/{ws}/resourcequotas`, status.total used/hard).
 * Read-only: only platform administrators set them, and they are reported, not enforced.
 */
import { Card, Empty, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { request } from '../api/http';
import { tenantPath } from '../api/paths';
import type { PagedList } from '../api/resources';
import { quotaRows } from './quota';

/** Workspace quota → the same rows as a project quota (status.total as status). */
export function workspaceQuotaAsProjectQuota(q: KubeObject): KubeObject {
  const total = ((
    q.status as { total?: { hard?: Record<string, string>; used?: Record<string, string> } } | undefined
  )?.total ?? {}) as Record<string, unknown>;
  const hard = ((q.spec as { quota?: { hard?: Record<string, string> } } | undefined)?.quota?.hard ??
    {}) as Record<string, string>;
  return { metadata: q.metadata, spec: { hard }, status: total };
}

export function WorkspaceQuotaCard({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['workspacequotas', workspace],
    queryFn: () =>
      request<PagedList>(tenantPath(`workspaces/${encodeURIComponent(workspace)}/resourcequotas`)),
    retry: false,
  });
  if (q.error) return null;
  const quota = q.data?.items[0];
  const rows = quota ? quotaRows(workspaceQuotaAsProjectQuota(quota)).filter((r) => r.hard !== '-') : [];
  return (
    <Card title={t('WORKSPACE_QUOTA')} style={{ marginTop: 16 }} loading={q.isLoading}>
      <p className="sphere-help">{t('WORKSPACE_QUOTA_DESC')}</p>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('NO_WORKSPACE_QUOTA')} />
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          aria-label={t('WORKSPACE_QUOTA')}
          dataSource={rows}
          columns={[
            {
              key: 'label',
              title: t('RESOURCE'),
              render: (_, r) => (r.label === r.key ? r.key : t(r.label)),
            },
            { key: 'used', title: t('USED'), dataIndex: 'used' },
            { key: 'hard', title: t('QUOTA_HARD'), dataIndex: 'hard' },
          ]}
        />
      )}
    </Card>
  );
}
