/**
 * @module tabs
 * Detail tabs shared by every kind: events, metadata, YAML, data (ConfigMap/Secret), revisions.
 */
import { useState } from 'react';
import { Badge, Button, Empty, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { listKube } from '../../api/resources';
import { EditYamlModal, editableCopy } from '../../components/EditYamlModal';
import { LazyYamlEditor } from '../../components/LazyYamlEditor';
import { toText } from '../../lib/yaml-docs';
import { KINDS, type KindRef } from '../kinds';
import { formatTime, PRESERVED_ANNOTATION } from '../meta';
import { revisionEntries, type RevisionEntry } from '../../workloads/rollback';
import { eventSelector, selectorString } from './selectors';

type Any = Record<string, unknown>;

/** Events whose involvedObject is this object. */
export function EventsTab({ obj }: { obj: KubeObject }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: ['events', obj.metadata.namespace, obj.metadata.name, obj.kind],
    queryFn: () => listKube(KINDS.events, obj.metadata.namespace, { fieldSelector: eventSelector(obj) }),
    refetchInterval: 10_000,
  });
  const items = [...(q.data?.items ?? [])].sort((a, b) =>
    String((b as Any).lastTimestamp ?? '').localeCompare(String((a as Any).lastTimestamp ?? '')),
  );
  return (
    <Table<KubeObject>
      size="small"
      rowKey={(e) => e.metadata.uid ?? e.metadata.name ?? ''}
      loading={q.isLoading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: <Empty description={t('NO_EVENTS')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
      columns={[
        {
          key: 'type',
          title: t('TYPE'),
          render: (_, e) => (
            <Badge
              status={(e as Any).type === 'Warning' ? 'warning' : 'success'}
              text={String((e as Any).type ?? '')}
            />
          ),
        },
        { key: 'reason', title: t('REASON'), render: (_, e) => String((e as Any).reason ?? '') },
        {
          key: 'time',
          title: t('TIME'),
          render: (_, e) =>
            formatTime(String((e as Any).lastTimestamp ?? (e as Any).eventTime ?? ''), i18n.language),
        },
        { key: 'message', title: t('MESSAGE'), render: (_, e) => String((e as Any).message ?? '') },
      ]}
    />
  );
}

function KeyValueTable({ data, titleKey }: { data: Record<string, string>; titleKey: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={5}>{t(titleKey)}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={Object.entries(data).map(([key, value]) => ({ key, value }))}
        columns={[
          { key: 'k', title: t('KEY'), dataIndex: 'key' },
          {
            key: 'v',
            title: t('VALUE'),
            dataIndex: 'value',
            render: (v: string) => <Typography.Text style={{ wordBreak: 'break-all' }}>{v}</Typography.Text>,
          },
        ]}
      />
    </>
  );
}

/** Labels and annotations (KubeSphere-internal annotations hidden). */
export function MetadataTab({ obj }: { obj: KubeObject }) {
  const annotations = Object.fromEntries(
    Object.entries(obj.metadata.annotations ?? {}).filter(([k]) => !PRESERVED_ANNOTATION.test(k)),
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <KeyValueTable data={obj.metadata.labels ?? {}} titleKey="LABELS" />
      <KeyValueTable data={annotations} titleKey="ANNOTATIONS" />
    </Space>
  );
}

/** Read-only YAML with an Edit button. */
export function YamlTab({ obj, kind, canEdit }: { obj: KubeObject; kind: KindRef; canEdit: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      {canEdit && (
        <Button style={{ marginBottom: 8 }} onClick={() => setOpen(true)}>
          {t('EDIT_YAML')}
        </Button>
      )}
      <LazyYamlEditor value={toText([editableCopy(obj)], 'yaml')} readOnly height="560px" />
      <EditYamlModal open={open} obj={obj} kind={kind} onClose={() => setOpen(false)} />
    </>
  );
}

/** ConfigMap/Secret data; Secret values are base64-decoded and masked until revealed. */
export function DataTab({ obj }: { obj: KubeObject }) {
  const { t } = useTranslation();
  const [reveal, setReveal] = useState(false);
  const isSecret = obj.kind === 'Secret';
  const raw = ((obj as Any).data as Record<string, string> | undefined) ?? {};
  const decode = (v: string) => {
    try {
      return new TextDecoder().decode(Uint8Array.from(atob(v), (c) => c.charCodeAt(0)));
    } catch {
      return v;
    }
  };
  const data = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, isSecret ? (reveal ? decode(v) : '••••••') : v]),
  );
  return (
    <>
      {isSecret && (
        <Space style={{ marginBottom: 8 }}>
          <Switch checked={reveal} onChange={setReveal} aria-label={t('SHOW_SECRET')} />
          {t('SHOW_SECRET')}
        </Space>
      )}
      <KeyValueTable data={data} titleKey="DATA" />
    </>
  );
}

/** Revision history: ControllerRevisions (StatefulSet/DaemonSet) or ReplicaSets (Deployment). */
export function RevisionsTab({ obj }: { obj: KubeObject }) {
  const { t, i18n } = useTranslation();
  const kind = obj.kind === 'Deployment' ? KINDS.replicasets : KINDS.controllerrevisions;
  // A rollout or rollback changes the generation (and a StatefulSet's updateRevision): refetch then.
  const q = useQuery({
    queryKey: [
      'revisions',
      kind.plural,
      obj.metadata.namespace,
      obj.metadata.uid,
      obj.metadata.generation,
      (obj.status as { updateRevision?: string } | undefined)?.updateRevision,
    ],
    queryFn: () => listKube(kind, obj.metadata.namespace, { labelSelector: selectorString(obj) }),
  });
  // The same revision list and "current" rule as the Revision Rollback dialog.
  const entries = revisionEntries(obj, q.data?.items ?? []);
  return (
    <Table<RevisionEntry>
      size="small"
      loading={q.isLoading}
      rowKey="name"
      dataSource={entries}
      pagination={false}
      columns={[
        {
          key: 'rev',
          title: t('REVISION'),
          render: (_, r) => (
            <>
              #{r.revision} {r.current && <Tag color="green">{t('CURRENT')}</Tag>}
            </>
          ),
        },
        { key: 'name', title: t('NAME'), dataIndex: 'name' },
        { key: 'images', title: t('IMAGE'), render: (_, r) => r.images.join(', ') },
        { key: 'time', title: t('CREATED_TIME'), render: (_, r) => formatTime(r.created, i18n.language) },
      ]}
    />
  );
}
