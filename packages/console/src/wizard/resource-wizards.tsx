/**
 * @module resource-wizards
 * Wizards of Services ("specify workloads"), Routes, Volumes, Secrets and ConfigMaps:
 * Basic Info → settings step (→ labels for Services and Routes).
 */
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Radio, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { listKube } from '../api/resources';
import { KeyValueEditor } from '../components/KeyValueEditor';
import { KINDS } from '../resources/kinds';
import type { VerifyResult } from '../workloads/api';
import { validateRegistryForm, type RegistryForm } from '../workloads/registry';
import { RegistryTestConnection } from '../workloads/RegistryTestConnection';
import type { Draft } from './model/draft';
import * as m from './model/resources';
import { BasicInfoStep, basicProblems } from './steps/BasicInfoStep';
import type { StepDef, StepProps } from './WizardModal';
import type { WizardConfig } from './workload-wizards';

const first = (d: Draft): KubeObject => d[0];

function basic(maxLength = 253): StepDef {
  return {
    key: 'basic',
    title: 'BASIC_INFO',
    render: (p) => (
      <BasicInfoStep
        value={m.readObjectBasic(first(p.draft))}
        onChange={(f) => p.setDraft(m.applyObjectBasic(p.draft, first(p.draft), f))}
      />
    ),
    validate: (d) => basicProblems(m.readObjectBasic(first(d)), maxLength),
  };
}

function ServiceSettingsStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const o = first(props.draft);
  const s = m.readServiceSettings(o);
  const set = (patch: Partial<m.ServiceSettings>) =>
    props.setDraft(m.applyServiceSettings(props.draft, o, { ...s, ...patch }));
  const setPort = (i: number, patch: Partial<m.SvcPort>) =>
    set({ ports: s.ports.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <Form layout="vertical">
      <Form.Item label={t('ACCESS_TYPE')}>
        <Radio.Group
          value={s.headless ? 'headless' : 'vip'}
          onChange={(e) => set({ headless: e.target.value === 'headless' })}
          options={[
            { value: 'vip', label: t('VIRTUAL_IP') },
            { value: 'headless', label: t('HEADLESS') },
          ]}
        />
      </Form.Item>
      {!s.headless && (
        <Form.Item label={t('INTERNET_ACCESS')}>
          <Select
            value={s.type}
            style={{ width: 200 }}
            onChange={(type: m.ServiceSettings['type']) => set({ type })}
            options={[
              { value: 'ClusterIP', label: t('NONE') },
              { value: 'NodePort', label: 'NodePort' },
              { value: 'LoadBalancer', label: 'LoadBalancer' },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item label={t('SELECTOR')} extra={t('SELECTOR_DESC')}>
        <KeyValueEditor value={s.selector} onChange={(selector) => set({ selector })} />
      </Form.Item>
      <Form.Item label={t('PORTS')}>
        <Space direction="vertical">
          {s.ports.map((p, i) => (
            <Space key={i}>
              <Select
                value={p.protocol}
                style={{ width: 90 }}
                onChange={(protocol: 'TCP' | 'UDP') => setPort(i, { protocol })}
                options={[{ value: 'TCP' }, { value: 'UDP' }]}
              />
              <Input
                placeholder={t('NAME')}
                value={p.name}
                onChange={(e) => setPort(i, { name: e.target.value })}
                style={{ width: 140 }}
              />
              <InputNumber
                addonBefore={t('SERVICE_PORT')}
                min={1}
                max={65535}
                value={p.port}
                onChange={(v) => setPort(i, { port: v ?? 0 })}
              />
              <InputNumber
                addonBefore={t('TARGET_PORT')}
                min={1}
                max={65535}
                value={p.targetPort}
                onChange={(v) => setPort(i, { targetPort: v ?? 0 })}
              />
              <Button
                icon={<DeleteOutlined />}
                onClick={() => set({ ports: s.ports.filter((_, j) => j !== i) })}
                aria-label={t('DELETE')}
              />
            </Space>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              set({ ports: [...s.ports, { name: '', protocol: 'TCP', port: 80, targetPort: 80 }] })
            }
          >
            {t('ADD_PORT')}
          </Button>
        </Space>
      </Form.Item>
      <Form.Item label={t('SESSION_AFFINITY')}>
        <Switch
          checked={s.sessionAffinity === 'ClientIP'}
          onChange={(on) => set({ sessionAffinity: on ? 'ClientIP' : 'None' })}
        />
      </Form.Item>
    </Form>
  );
}

function RouteRulesStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const o = first(props.draft);
  const rules = m.readRouteRules(o);
  const services = useQuery({
    queryKey: ['route', 'services', o.metadata.namespace],
    queryFn: () => listKube(KINDS.services, o.metadata.namespace),
  });
  const set = (next: m.RouteRule[]) => props.setDraft(m.applyRouteRules(props.draft, o, next));
  const setRule = (i: number, patch: Partial<m.RouteRule>) =>
    set(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {rules.map((r, i) => (
        <Space key={i} wrap>
          <Input
            addonBefore={t('HOSTNAME')}
            value={r.host}
            onChange={(e) => setRule(i, { host: e.target.value })}
            style={{ width: 260 }}
          />
          <Input
            addonBefore={t('PATH')}
            value={r.path}
            onChange={(e) => setRule(i, { path: e.target.value })}
            style={{ width: 180 }}
          />
          <Select
            placeholder={t('SERVICE')}
            value={r.service || undefined}
            style={{ width: 180 }}
            onChange={(service: string) => setRule(i, { service })}
            options={(services.data?.items ?? []).map((s) => ({
              value: s.metadata.name,
              label: s.metadata.name,
            }))}
          />
          <InputNumber
            addonBefore={t('PORT')}
            min={1}
            max={65535}
            value={r.port}
            onChange={(v) => setRule(i, { port: v ?? 80 })}
          />
          <Button
            icon={<DeleteOutlined />}
            onClick={() => set(rules.filter((_, j) => j !== i))}
            aria-label={t('DELETE')}
          />
        </Space>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => set([...rules, { host: '', path: '/', service: '', port: 80 }])}
      >
        {t('ADD_ROUTE_RULE')}
      </Button>
    </Space>
  );
}

function VolumeSettingsStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const o = first(props.draft);
  const f = m.readPvc(o);
  const scs = useQuery({
    queryKey: ['storageclasses', 'options'],
    queryFn: () => listKube(KINDS.storageclasses, undefined),
  });
  const set = (patch: Partial<m.PvcForm>) => props.setDraft(m.applyPvc(props.draft, o, { ...f, ...patch }));
  return (
    <Form layout="vertical">
      <Form.Item label={t('STORAGE_CLASS')}>
        <Select
          allowClear
          style={{ width: 240 }}
          value={f.storageClassName || undefined}
          onChange={(v?: string) => set({ storageClassName: v ?? '' })}
          options={(scs.data?.items ?? []).map((s) => ({ value: s.metadata.name, label: s.metadata.name }))}
        />
      </Form.Item>
      <Form.Item label={t('ACCESS_MODE')}>
        <Radio.Group
          value={f.accessMode}
          onChange={(e) => set({ accessMode: e.target.value as string })}
          options={['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'].map((v) => ({ value: v, label: v }))}
        />
      </Form.Item>
      <Form.Item label={t('CAPACITY')}>
        <Input value={f.storage} onChange={(e) => set({ storage: e.target.value })} style={{ width: 160 }} />
      </Form.Item>
    </Form>
  );
}

const SECRET_TYPES = [
  'Opaque',
  'kubernetes.io/tls',
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/basic-auth',
];

function SecretSettingsStep({ props }: { props: StepProps }) {
  const { t } = useTranslation();
  const o = first(props.draft);
  const type = String((o as Record<string, unknown>).type ?? 'Opaque');
  const data = m.readSecretData(o);
  const set = (nextType: string, values: Record<string, string>) =>
    props.setDraft(m.applySecretData(props.draft, o, nextType, values));
  const registry = (() => {
    try {
      const auths =
        (
          JSON.parse(data['.dockerconfigjson'] ?? '{}') as {
            auths?: Record<string, { username?: string; password?: string; email?: string }>;
          }
        ).auths ?? {};
      const [server = '', entry = {}] = Object.entries(auths)[0] ?? [];
      return { ...entry, server };
    } catch {
      return { server: '' };
    }
  })();
  const [verdict, setVerdict] = useState<VerifyResult | { error: string } | null>(null);
  const registryFields = (): RegistryForm | undefined => {
    const f = {
      server: registry.server ?? '',
      username: registry.username ?? '',
      password: registry.password ?? '',
      email: registry.email ?? '',
    };
    const problems = Object.values(validateRegistryForm(f));
    if (problems.length) setVerdict({ error: problems.map((p) => t(p)).join(' ') });
    return problems.length ? undefined : f;
  };
  const setRegistry = (
    patch: Partial<{ server: string; username: string; password: string; email: string }>,
  ) => {
    setVerdict(null);
    const r = { username: '', password: '', email: '', ...registry, ...patch };
    set(type, { '.dockerconfigjson': m.dockerConfigJson(r.server, r.username, r.password, r.email) });
  };
  return (
    <Form layout="vertical">
      <Form.Item label={t('TYPE')}>
        <Select
          value={type}
          style={{ width: 320 }}
          onChange={(v: string) => set(v, {})}
          options={SECRET_TYPES.map((v) => ({
            value: v,
            label: t(`SECRET_TYPE_${v.replace(/\W/g, '_').toUpperCase()}`),
          }))}
        />
      </Form.Item>
      {type === 'kubernetes.io/dockerconfigjson' ? (
        <Space direction="vertical">
          <Input
            addonBefore={t('REGISTRY_ADDRESS')}
            value={registry.server}
            onChange={(e) => setRegistry({ server: e.target.value })}
          />
          <Input
            addonBefore={t('USERNAME')}
            value={registry.username}
            onChange={(e) => setRegistry({ username: e.target.value })}
          />
          <Input.Password
            addonBefore={t('PASSWORD')}
            value={registry.password}
            onChange={(e) => setRegistry({ password: e.target.value })}
          />
          <Input
            addonBefore={t('EMAIL')}
            value={registry.email}
            onChange={(e) => setRegistry({ email: e.target.value })}
          />
          <RegistryTestConnection fields={registryFields} result={verdict} onResult={setVerdict} />
        </Space>
      ) : (
        <KeyValueEditor
          key={type}
          value={data}
          onChange={(v) => set(type, v)}
          multiline
          addLabel="ADD_DATA"
        />
      )}
    </Form>
  );
}

function ConfigMapSettingsStep({ props }: { props: StepProps }) {
  const o = first(props.draft);
  return (
    <KeyValueEditor
      value={((o as Record<string, unknown>).data ?? {}) as Record<string, string>}
      onChange={(v) => props.setDraft(m.applyConfigMapData(props.draft, o, v))}
      multiline
      addLabel="ADD_DATA"
    />
  );
}

const CONFIGS: Record<string, { kind: string; title: string; step: StepDef; maxName?: number }> = {
  services: {
    kind: 'Service',
    title: 'CREATE_SERVICE',
    step: {
      key: 'svc',
      title: 'SERVICE_SETTINGS',
      render: (p) => <ServiceSettingsStep props={p} />,
      validate: (d) =>
        m.readServiceSettings(first(d)).ports.length || m.readServiceSettings(first(d)).headless
          ? []
          : ['PORTS_REQUIRED'],
    },
    maxName: 63,
  },
  routes: {
    kind: 'Ingress',
    title: 'CREATE_ROUTE',
    step: {
      key: 'rules',
      title: 'ROUTE_RULES',
      render: (p) => <RouteRulesStep props={p} />,
      validate: (d) =>
        m.readRouteRules(first(d)).every((r) => r.service) && m.readRouteRules(first(d)).length
          ? []
          : ['ROUTE_RULES_REQUIRED'],
    },
  },
  volumes: {
    kind: 'PersistentVolumeClaim',
    title: 'CREATE_VOLUME',
    step: {
      key: 'pvc',
      title: 'VOLUME_SETTINGS',
      render: (p) => <VolumeSettingsStep props={p} />,
      validate: (d) =>
        /^\d+(\.\d+)?(Ki|Mi|Gi|Ti)$/.test(m.readPvc(first(d)).storage) ? [] : ['CAPACITY_INVALID'],
    },
  },
  secrets: {
    kind: 'Secret',
    title: 'CREATE_SECRET',
    step: { key: 'data', title: 'SECRET_SETTINGS', render: (p) => <SecretSettingsStep props={p} /> },
    maxName: 63,
  },
  configmaps: {
    kind: 'ConfigMap',
    title: 'CREATE_CONFIGMAP',
    step: { key: 'data', title: 'CONFIGMAP_SETTINGS', render: (p) => <ConfigMapSettingsStep props={p} /> },
    maxName: 63,
  },
};

/** Wizard of a simple kind by route segment. */
export function resourceWizard(id: string, namespace: string): WizardConfig | undefined {
  const c = CONFIGS[id];
  if (!c) return undefined;
  return {
    title: c.title,
    initialDraft: [m.resourceTemplate(c.kind, namespace)],
    requiredKinds: [c.kind],
    steps: [basic(c.maxName), c.step],
  };
}
