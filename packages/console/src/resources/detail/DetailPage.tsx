/**
 * @module DetailPage
 * The generic detail page: breadcrumb, summary card, tabs as child routes; live via watch.
 */
import { lazy, Suspense, useState, type ComponentType } from 'react';
import { Alert, App, Breadcrumb, Card, Col, Result, Row, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { patchResource } from '../../api/resources';
import { ApiError } from '../../api/errors';
import { DeleteDialog } from '../DeleteDialog';
import { EditYamlModal } from '../../components/EditYamlModal';
import { useCan } from '../../permissions/ScopeRules';
import type { ActionDialogProps, DetailTab, ResourceDescriptor } from '../descriptor';
import { LogsTab } from './LogsTab';
import { SummaryCard } from './SummaryCard';
import { StatusTab } from './StatusTab';
import { DataTab, EventsTab, MetadataTab, RevisionsTab, YamlTab } from './tabs';
import { useLiveObject } from './useLiveObject';

const TAB_LABELS: Record<DetailTab, string> = {
  'resource-status': 'RESOURCE_STATUS',
  revisions: 'REVISION_RECORDS',
  pods: 'PODS',
  events: 'EVENTS',
  metadata: 'METADATA',
  yaml: 'YAML',
  data: 'DATA',
  rules: 'RULES',
  logs: 'CONTAINER_LOGS',
  terminal: 'TERMINAL',
  monitoring: 'MONITORING',
};

const Monitoring = lazy(() => import('./MonitoringTab'));

const Terminal = lazy(() => import('./Terminal'));
const NodeStatus = lazy(() => import('../../nodes/NodeStatus'));
const NodePods = lazy(() => import('../../nodes/NodePods'));

/** Detail page of one object; `listPath` is the breadcrumb's parent. */
export function DetailPage({
  descriptor,
  namespace,
  listPath,
}: {
  descriptor: ResourceDescriptor;
  namespace?: string;
  listPath: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { name = '', tab } = useParams();
  const live = useLiveObject(descriptor.ref, namespace, name);
  const canEdit = useCan(descriptor.ref.authKey, 'edit');
  const canDelete = useCan(descriptor.ref.authKey, 'delete');
  const [op, setOp] = useState<string | null>(null);
  const [Dialog, setDialog] = useState<ComponentType<ActionDialogProps> | null>(null);
  const activeTab = (tab as DetailTab) ?? descriptor.tabs[0];

  if (live.isLoading) return <Spin style={{ display: 'block', margin: 80 }} />;
  if (live.error || !live.data) {
    const notFound = live.error instanceof ApiError && live.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('NOT_FOUND') : (live.error as Error)?.message}
        extra={<Link to={listPath}>{t('BACK_TO_LIST')}</Link>}
      />
    );
  }
  const obj = { ...live.data, kind: live.data.kind ?? descriptor.ref.kind };
  const onOperation = async (key: string) => {
    const extra = descriptor.extraActions?.find((a) => a.key === key);
    if (!extra) return setOp(key);
    // A component in state must be wrapped: a bare function would be called as an updater.
    if (extra.dialog) return setDialog(() => extra.dialog!);
    if (!extra.patch) return;
    try {
      await patchResource(descriptor.ref, namespace, name, extra.patch(obj, new Date()));
      message.success(t('UPDATED_SUCCESS'));
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  const render = (tabKey: DetailTab) => {
    switch (tabKey) {
      case 'resource-status':
        if (obj.kind === 'Node')
          return (
            <Suspense fallback={<Spin />}>
              <NodeStatus node={obj} />
            </Suspense>
          );
        return <StatusTab obj={obj} canEdit={canEdit} />;
      case 'pods':
        return obj.kind === 'Node' ? (
          <Suspense fallback={<Spin />}>
            <NodePods node={obj} />
          </Suspense>
        ) : null;
      case 'revisions':
        return <RevisionsTab obj={obj} />;
      case 'events':
        return <EventsTab obj={obj} />;
      case 'metadata':
        return <MetadataTab obj={obj} />;
      case 'yaml':
        return <YamlTab obj={obj} kind={descriptor.ref} canEdit={canEdit} />;
      case 'data':
        return <DataTab obj={obj} />;
      case 'logs':
        return <LogsTab pod={obj} />;
      case 'monitoring':
        return (
          <Suspense fallback={<Spin />}>
            <Monitoring obj={obj} />
          </Suspense>
        );
      case 'terminal':
        return (
          <Suspense fallback={<Spin />}>
            <Terminal pod={obj} />
          </Suspense>
        );
      default:
        return null;
    }
  };
  const base = `${listPath}/${encodeURIComponent(name)}`;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to={listPath}>{t(descriptor.title)}</Link> }, { title: name }]}
      />
      {live.deleted && (
        <Alert type="warning" showIcon message={t('OBJECT_DELETED')} style={{ marginBottom: 12 }} />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={7}>
          <SummaryCard
            obj={obj}
            descriptor={descriptor}
            canEdit={canEdit}
            canDelete={canDelete}
            onOperation={(k) => void onOperation(k)}
          />
        </Col>
        <Col xs={24} lg={17}>
          <Card>
            <Tabs
              activeKey={activeTab}
              onChange={(k) => navigate(`${base}/${k}`)}
              items={descriptor.tabs.map((k) => ({
                key: k,
                label: t(TAB_LABELS[k]),
                children: k === activeTab ? render(k) : null,
              }))}
            />
          </Card>
        </Col>
      </Row>
      {Dialog && (
        <Suspense fallback={null}>
          <Dialog objects={[obj]} onClose={() => setDialog(null)} onDone={() => setDialog(null)} />
        </Suspense>
      )}
      <EditYamlModal open={op === 'yaml'} obj={obj} kind={descriptor.ref} onClose={() => setOp(null)} />
      <DeleteDialog
        descriptor={descriptor}
        objects={op === 'delete' ? [obj] : null}
        onClose={() => setOp(null)}
        onDeleted={() => navigate(listPath)}
      />
    </>
  );
}
