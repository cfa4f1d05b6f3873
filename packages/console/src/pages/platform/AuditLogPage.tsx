/**
 * @module AuditLogPage
 * Platform Settings › Audit Log: the platform's record of every mutating request, newest first, filtered
 * by user, verb, resource, object name, project, workspace, outcome, status code and time range (state in
 * the URL), paged on the server, with one event's details in a drawer. Only for whoever may list
 * `auditing.kubesphere.io` events (the platform answers 403 to everyone else).
 */
import { useState } from 'react';
import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Result,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { request } from '../../api/http';
import { AUDIT_EVENTS } from '../../api/paths';
import { formatTime } from '../../resources/meta';
import {
  codeColor,
  formatAuditFilters,
  OUTCOMES,
  parseAuditFilters,
  resourceLabel,
  toAuditQuery,
  validCode,
  VERBS,
  type AuditEvent,
  type AuditFilters,
  type FilterKey,
} from './audit-model';

const TEXT_FILTERS: [FilterKey, string][] = [
  ['user', 'USERNAME'],
  ['resource', 'RESOURCE'],
  ['name', 'RESOURCE_NAME'],
  ['namespace', 'PROJECT'],
  ['workspace', 'WORKSPACE'],
];

function Filters({ value, onChange }: { value: AuditFilters; onChange: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const set = (k: FilterKey, v: string | undefined) => setDraft({ ...draft, [k]: v || undefined });
  const codeBad = !!draft.code && !validCode(draft.code);
  const apply = () => !codeBad && onChange({ ...draft, page: 1 });
  return (
    <Form layout="inline" style={{ rowGap: 8, marginBottom: 12 }} onFinish={apply}>
      {TEXT_FILTERS.map(([k, label]) => (
        <Form.Item key={k} label={t(label)} htmlFor={`audit-${k}`}>
          <Input
            id={`audit-${k}`}
            allowClear
            style={{ width: 150 }}
            value={draft[k]}
            onChange={(e) => set(k, e.target.value)}
          />
        </Form.Item>
      ))}
      <Form.Item label={t('VERB')}>
        <Select
          aria-label={t('VERB')}
          allowClear
          style={{ width: 150 }}
          value={draft.verb}
          onChange={(v?: string) => set('verb', v)}
          options={VERBS.map((v) => ({ value: v, label: v }))}
        />
      </Form.Item>
      <Form.Item label={t('OUTCOME')}>
        <Select
          aria-label={t('OUTCOME')}
          allowClear
          style={{ width: 130 }}
          value={draft.outcome}
          onChange={(v?: string) => set('outcome', v)}
          options={OUTCOMES.map((v) => ({ value: v, label: t(`OUTCOME_${v.toUpperCase()}`) }))}
        />
      </Form.Item>
      <Form.Item
        label={t('STATUS_CODE')}
        htmlFor="audit-code"
        validateStatus={codeBad ? 'error' : undefined}
        help={codeBad ? t('STATUS_CODE_RULE') : undefined}
      >
        <Input
          id="audit-code"
          allowClear
          placeholder="403 / 4xx"
          style={{ width: 110 }}
          value={draft.code}
          onChange={(e) => set('code', e.target.value.trim())}
        />
      </Form.Item>
      <Form.Item label={t('TIME_FROM')} htmlFor="audit-from">
        <Input
          id="audit-from"
          type="datetime-local"
          value={draft.from}
          onChange={(e) => set('from', e.target.value)}
        />
      </Form.Item>
      <Form.Item label={t('TIME_TO')} htmlFor="audit-to">
        <Input
          id="audit-to"
          type="datetime-local"
          value={draft.to}
          onChange={(e) => set('to', e.target.value)}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" disabled={codeBad}>
          {t('APPLY_FILTERS')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            const cleared = { page: 1, limit: value.limit };
            setDraft(cleared);
            onChange(cleared);
          }}
        >
          {t('CLEAR_FILTERS')}
        </Button>
      </Form.Item>
    </Form>
  );
}

function EventDrawer({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const e = event;
  return (
    <Drawer open={!!e} onClose={onClose} title={t('AUDIT_EVENT')} width={560}>
      {e && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('TIME')}>{formatTime(e.time, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('USERNAME')}>{e.user || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('VERB')}>{e.verb}</Descriptions.Item>
          <Descriptions.Item label={t('METHOD')}>{e.method}</Descriptions.Item>
          <Descriptions.Item label={t('PATH')}>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {e.path}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('RESOURCE')}>{resourceLabel(e)}</Descriptions.Item>
          <Descriptions.Item label={t('RESOURCE_NAME')}>{e.name || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('PROJECT')}>{e.namespace || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('WORKSPACE')}>{e.workspace || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('STATUS_CODE')}>
            <Tag color={codeColor(e.code)}>{e.code}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('OUTCOME')}>
            {t(`OUTCOME_${e.outcome.toUpperCase()}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('SOURCE_IP')}>{e.sourceIP || '-'}</Descriptions.Item>
          <Descriptions.Item label={t('USER_AGENT')}>{e.userAgent || '-'}</Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = parseAuditFilters(params);
  const query = toAuditQuery(filters);
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const q = useQuery({
    queryKey: ['audit', query],
    queryFn: () => request<{ items: AuditEvent[]; totalItems: number }>(AUDIT_EVENTS, { query }),
    placeholderData: keepPreviousData,
  });
  const setFilters = (f: AuditFilters) => setParams(formatAuditFilters(f));
  if (q.error instanceof ApiError && q.error.status === 403)
    return <Result status="403" title={t('NO_PERMISSION')} />;
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{t('AUDIT_LOG')}</h2>
        <Typography.Text type="secondary">{t('AUDIT_LOG_DESC')}</Typography.Text>
      </Card>
      <Card variant="borderless">
        <div style={{ display: 'flex', alignItems: 'flex-start' }}>
          <div style={{ flex: 1 }}>
            <Filters key={params.toString()} value={filters} onChange={setFilters} />
          </div>
          <Button icon={<ReloadOutlined />} aria-label={t('REFRESH')} onClick={() => void q.refetch()} />
        </div>
        {q.error && <Typography.Text type="danger">{(q.error as Error).message}</Typography.Text>}
        <Table<AuditEvent>
          size="small"
          rowKey={(e, i) => `${e.time}-${e.user}-${e.path}-${i}`}
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          onRow={(e) => ({ onClick: () => setSelected(e), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'time', title: t('TIME'), render: (_, e) => formatTime(e.time, i18n.language) },
            { key: 'user', title: t('USERNAME'), render: (_, e) => e.user || '-' },
            { key: 'verb', title: t('VERB'), render: (_, e) => e.verb },
            { key: 'resource', title: t('RESOURCE'), render: (_, e) => resourceLabel(e) },
            {
              key: 'name',
              title: t('RESOURCE_NAME'),
              render: (_, e) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setSelected(e)}>
                  {e.name || t('VIEW_DETAILS')}
                </Button>
              ),
            },
            {
              key: 'scope',
              title: t('PROJECT'),
              render: (_, e) => e.namespace || (e.workspace ? `${t('WORKSPACE')}: ${e.workspace}` : '-'),
            },
            {
              key: 'code',
              title: t('STATUS_CODE'),
              render: (_, e) => <Tag color={codeColor(e.code)}>{e.code}</Tag>,
            },
          ]}
          pagination={{
            current: filters.page,
            pageSize: filters.limit,
            total: q.data?.totalItems ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('TOTAL_ITEMS', { count: total }),
            onChange: (page, limit) =>
              setFilters({ ...filters, page: limit !== filters.limit ? 1 : page, limit }),
          }}
        />
      </Card>
      <EventDrawer event={selected} onClose={() => setSelected(null)} />
    </>
  );
}
