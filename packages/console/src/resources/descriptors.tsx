/**
 * @module descriptors
 * One descriptor per kind the console lists. Adding a kind = adding an entry here plus its locale keys.
 */
import { lazy } from 'react';
import { Tag } from 'antd';
import type { KubeObject } from '@sphere/shared';
import type { ColumnDef, DetailTab, ExtraAction, ResourceDescriptor } from './descriptor';
import { KINDS } from './kinds';
import { applicationOf, formatTime, updateTimeOf } from './meta';
import * as st from './status';
import { nodeIP, nodeRoles } from '../nodes/model';
import { NodeUsage } from '../nodes/NodeUsage';
import { isDefaultClass } from '../wizard/model/storageclass';

type Any = Record<string, unknown>;
const spec = (o: KubeObject) => (o.spec ?? {}) as Any;
const status = (o: KubeObject) => (o.status ?? {}) as Any;

const created: ColumnDef = {
  key: 'created',
  title: 'CREATED_TIME',
  sortBy: 'createTime',
  render: (o, _t, lang) => formatTime(o.metadata.creationTimestamp, lang),
};
// KubeSphere sorts workloads by `updateTime`; the platform's v1alpha3 lists support name, createTime and
// status only, so the updated-time column is not sortable and lists default to createTime.
const updated: ColumnDef = {
  key: 'updated',
  title: 'UPDATED_TIME',
  render: (o, _t, lang) => formatTime(updateTimeOf(o), lang),
};
const application: ColumnDef = { key: 'app', title: 'APPLICATION', render: (o) => applicationOf(o) || '-' };

const WORKLOAD_TABS: DetailTab[] = [
  'resource-status',
  'revisions',
  'monitoring',
  'events',
  'metadata',
  'yaml',
];
const SIMPLE_TABS: DetailTab[] = ['resource-status', 'events', 'metadata', 'yaml'];

/** Redeploy = merge-patch the pod template's restartedAt annotation (clock injected). */
export const redeploy: ExtraAction = {
  key: 'redeploy',
  label: 'REDEPLOY',
  action: 'edit',
  patch: (_o, now) => ({
    spec: { template: { metadata: { annotations: { 'kubesphere.io/restartedAt': now.toISOString() } } } },
  }),
};

const suspend = (value: boolean): ExtraAction => ({
  key: value ? 'pause' : 'start',
  label: value ? 'PAUSE' : 'START',
  action: 'edit',
  visible: (o) => !!spec(o).suspend !== value,
  patch: () => ({ spec: { suspend: value } }),
});

const cordon = (value: boolean): ExtraAction => ({
  key: value ? 'cordon' : 'uncordon',
  label: value ? 'CORDON' : 'UNCORDON',
  action: 'edit',
  visible: (o) => !!spec(o).unschedulable !== value,
  patch: () => ({ spec: { unschedulable: value ? true : null } }),
});

/** Dialog actions of workloads (workloads/WorkloadDialogs.tsx, loaded with the first one opened). */
const workloadDialogs = () => import('../workloads/WorkloadDialogs');
const rollback: ExtraAction = {
  key: 'rollback',
  label: 'REVISION_ROLLBACK',
  action: 'edit',
  dialog: lazy(async () => ({ default: (await workloadDialogs()).RollbackDialog })),
};
const hpa: ExtraAction = {
  key: 'hpa',
  label: 'HORIZONTAL_POD_AUTOSCALING',
  action: 'edit',
  dialog: lazy(async () => ({ default: (await workloadDialogs()).HpaDialog })),
};
const nodeDialogs = () => import('../nodes/NodeDialogs');
const editLabels: ExtraAction = {
  key: 'edit-labels',
  label: 'EDIT_LABELS',
  action: 'edit',
  dialog: lazy(async () => ({ default: (await nodeDialogs()).EditLabelsDialog })),
};
const taintManagement: ExtraAction = {
  key: 'taints',
  label: 'TAINT_MANAGEMENT',
  action: 'edit',
  dialog: lazy(async () => ({ default: (await nodeDialogs()).TaintsDialog })),
};

const setDefaultClass: ExtraAction = {
  key: 'set-default',
  label: 'SET_AS_DEFAULT',
  action: 'edit',
  visible: (o) => !isDefaultClass(o),
  dialog: lazy(() => import('../storage/SetDefaultDialog')),
};
const volumeExpansion = (value: boolean): ExtraAction => ({
  key: value ? 'enable-expansion' : 'disable-expansion',
  label: value ? 'ENABLE_VOLUME_EXPANSION' : 'DISABLE_VOLUME_EXPANSION',
  action: 'edit',
  visible: (o) => ((o as Any).allowVolumeExpansion === true) !== value,
  patch: () => ({ allowVolumeExpansion: value }),
});

const workload = (
  ref: typeof KINDS.deployments,
  route: string,
  title: string,
  statusFn: (o: KubeObject) => st.StatusInfo,
  time: ColumnDef,
): ResourceDescriptor => ({
  ref,
  route,
  title,
  description: `${title}_DESC`,
  columns: [application, time],
  status: statusFn,
  statusFilters: ['running', 'updating', 'stopped'],
  wizard: route,
  extraActions: ref.kind === 'Deployment' ? [redeploy, rollback, hpa] : [redeploy, rollback],
  tabs: WORKLOAD_TABS,
});

/** Descriptors of project-scoped kinds, keyed by route segment. */
export const PROJECT_RESOURCES: Record<string, ResourceDescriptor> = {
  deployments: workload(KINDS.deployments, 'deployments', 'DEPLOYMENTS', st.workloadStatus, updated),
  statefulsets: workload(KINDS.statefulsets, 'statefulsets', 'STATEFULSETS', st.workloadStatus, created),
  daemonsets: workload(KINDS.daemonsets, 'daemonsets', 'DAEMONSETS', st.daemonSetStatus, created),
  jobs: {
    ref: KINDS.jobs,
    route: 'jobs',
    title: 'JOBS',
    description: 'JOBS_DESC',
    columns: [{ ...updated, title: 'LAST_SCHEDULE_TIME' }],
    status: st.jobStatus,
    statusFilters: ['running', 'completed', 'failed'],
    wizard: 'jobs',
    tabs: SIMPLE_TABS,
  },
  cronjobs: {
    ref: KINDS.cronjobs,
    route: 'cronjobs',
    title: 'CRONJOBS',
    description: 'CRONJOBS_DESC',
    columns: [
      { key: 'schedule', title: 'SCHEDULE', render: (o) => String(spec(o).schedule ?? '-') },
      created,
    ],
    status: st.cronJobStatus,
    wizard: 'cronjobs',
    extraActions: [suspend(true), suspend(false)],
    tabs: SIMPLE_TABS,
  },
  pods: {
    ref: KINDS.pods,
    route: 'pods',
    title: 'PODS',
    description: 'PODS_DESC',
    columns: [
      { key: 'node', title: 'NODE', render: (o) => String(spec(o).nodeName ?? '-') },
      { key: 'ip', title: 'POD_IP', render: (o) => String(status(o).podIP ?? '-') },
      application,
      { ...created, title: 'CREATED_TIME' },
    ],
    status: st.podStatus,
    tabs: ['resource-status', 'monitoring', 'logs', 'terminal', 'events', 'metadata', 'yaml'],
  },
  services: {
    ref: KINDS.services,
    route: 'services',
    title: 'SERVICES',
    description: 'SERVICES_DESC',
    columns: [
      {
        key: 'svcType',
        title: 'SERVICE_TYPE',
        render: (o, t) => {
          const type = o.metadata.annotations?.['kubesphere.io/serviceType'];
          const headless = spec(o).clusterIP === 'None';
          return type ? t(type.toUpperCase()) : headless ? t('HEADLESS') : t('VIRTUAL_IP');
        },
      },
      { key: 'access', title: 'INTERNET_ACCESS', render: (o) => String(spec(o).type ?? 'ClusterIP') },
      application,
      created,
    ],
    wizard: 'services',
    tabs: SIMPLE_TABS,
  },
  routes: {
    ref: KINDS.ingresses,
    route: 'routes',
    title: 'ROUTES',
    description: 'ROUTES_DESC',
    columns: [
      {
        key: 'gateway',
        title: 'GATEWAY_ADDRESS',
        render: (o) => {
          const lb = (
            status(o).loadBalancer as { ingress?: { ip?: string; hostname?: string }[] } | undefined
          )?.ingress?.[0];
          return lb?.ip ?? lb?.hostname ?? '-';
        },
      },
      application,
      created,
    ],
    wizard: 'routes',
    tabs: SIMPLE_TABS,
  },
  volumes: {
    ref: KINDS.persistentvolumeclaims,
    route: 'volumes',
    title: 'VOLUMES',
    description: 'VOLUMES_DESC',
    columns: [
      {
        key: 'capacity',
        title: 'CAPACITY',
        render: (o) =>
          String(
            (status(o).capacity as Any | undefined)?.storage ??
              ((spec(o).resources as Any | undefined)?.requests as Any | undefined)?.storage ??
              '-',
          ),
      },
      { key: 'sc', title: 'STORAGE_CLASS', render: (o) => String(spec(o).storageClassName ?? '-') },
      created,
    ],
    status: st.pvcStatus,
    statusFilters: ['bound', 'pending', 'lost'],
    wizard: 'volumes',
    tabs: SIMPLE_TABS,
  },
  secrets: {
    ref: KINDS.secrets,
    route: 'secrets',
    title: 'SECRETS',
    description: 'SECRETS_DESC',
    columns: [
      { key: 'type', title: 'TYPE', render: (o) => String((o as Any).type ?? 'Opaque') },
      {
        key: 'count',
        title: 'CONFIG_NUMBER',
        render: (o) => Object.keys(((o as Any).data as Any | undefined) ?? {}).length,
      },
      created,
    ],
    wizard: 'secrets',
    tabs: ['data', 'events', 'metadata', 'yaml'],
  },
  configmaps: {
    ref: KINDS.configmaps,
    route: 'configmaps',
    title: 'CONFIGMAPS',
    description: 'CONFIGMAPS_DESC',
    columns: [
      {
        key: 'keys',
        title: 'CONFIG_FIELD',
        render: (o) => Object.keys(((o as Any).data as Any | undefined) ?? {}).join(', ') || '-',
      },
      created,
    ],
    wizard: 'configmaps',
    tabs: ['data', 'events', 'metadata', 'yaml'],
  },
};

/** Cluster-scoped kinds under Platform › Infrastructure. */
export const CLUSTER_RESOURCES: Record<string, ResourceDescriptor> = {
  nodes: {
    ref: KINDS.nodes,
    route: 'nodes',
    title: 'NODES',
    description: 'NODES_DESC',
    columns: [
      {
        key: 'role',
        title: 'ROLE',
        render: (o) => nodeRoles(o).map((r) => <Tag key={r}>{r}</Tag>),
      },
      { key: 'ip', title: 'INTERNAL_IP', render: (o) => nodeIP(o) || '-' },
      {
        key: 'os',
        title: 'SYSTEM_VERSION',
        render: (o) => String((status(o).nodeInfo as Any | undefined)?.osImage ?? '-'),
      },
      // Usage against allocatable when monitoring answers; the allocatable figure otherwise.
      { key: 'cpu', title: 'CPU', render: (o) => <NodeUsage node={o} kind="cpu" /> },
      { key: 'memory', title: 'MEMORY', render: (o) => <NodeUsage node={o} kind="memory" /> },
      { key: 'pods', title: 'PODS', render: (o) => <NodeUsage node={o} kind="pods" /> },
      created,
    ],
    status: st.nodeStatus,
    statusFilters: ['running', 'unschedulable', 'warning'],
    extraActions: [cordon(true), cordon(false), editLabels, taintManagement],
    batchActions: [taintManagement],
    tabs: ['resource-status', 'pods', 'monitoring', 'events', 'metadata', 'yaml'],
  },
  storageclasses: {
    ref: KINDS.storageclasses,
    route: 'storageclasses',
    title: 'STORAGE_CLASSES',
    description: 'STORAGE_CLASSES_DESC',
    columns: [
      { key: 'provisioner', title: 'PROVISIONER', render: (o) => String((o as Any).provisioner ?? '-') },
      {
        key: 'default',
        title: 'DEFAULT',
        render: (o, t) => (isDefaultClass(o) ? <Tag color="green">{t('DEFAULT')}</Tag> : '-'),
      },
      {
        key: 'reclaim',
        title: 'RECLAIM_POLICY',
        render: (o) => String((o as Any).reclaimPolicy ?? 'Delete'),
      },
      {
        key: 'expansion',
        title: 'VOLUME_EXPANSION',
        render: (o, t) => t((o as Any).allowVolumeExpansion === true ? 'YES' : 'NO'),
      },
      created,
    ],
    wizard: 'storageclasses',
    extraActions: [setDefaultClass, volumeExpansion(true), volumeExpansion(false)],
    tabs: ['metadata', 'yaml'],
  },
};
