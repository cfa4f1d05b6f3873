/**
 * @module EnvEditor
 * Environment variables: plain values, or references into a ConfigMap or Secret of the project
 * ("Reference Configuration Center").
 */
import { Button, Input, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KubeObject } from '@sphere/shared';
import { listKube } from '../../api/resources';
import { KINDS } from '../../resources/kinds';
import type { EnvForm } from '../model/container';

export function EnvEditor({
  namespace,
  value,
  onChange,
}: {
  namespace: string;
  value: EnvForm[];
  onChange: (v: EnvForm[]) => void;
}) {
  const { t } = useTranslation();
  const needsRefs = value.some((e) => e.source === 'configMap' || e.source === 'secret');
  const cms = useQuery({
    queryKey: ['env', 'configmaps', namespace],
    queryFn: () => listKube(KINDS.configmaps, namespace),
    enabled: needsRefs,
  });
  const secrets = useQuery({
    queryKey: ['env', 'secrets', namespace],
    queryFn: () => listKube(KINDS.secrets, namespace),
    enabled: needsRefs,
  });
  const source = (e: EnvForm): KubeObject[] =>
    e.source === 'secret' ? (secrets.data?.items ?? []) : (cms.data?.items ?? []);
  const keysOf = (e: EnvForm) =>
    Object.keys(
      (source(e).find((o) => o.metadata.name === e.refName) as { data?: object } | undefined)?.data ?? {},
    );
  const set = (i: number, patch: Partial<EnvForm>) =>
    onChange(value.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {value.map((e, i) => (
        <Space key={i} wrap>
          <Input
            placeholder={t('NAME')}
            value={e.name}
            onChange={(ev) => set(i, { name: ev.target.value })}
            style={{ width: 180 }}
            aria-label={t('ENV_NAME')}
          />
          <Select
            value={e.source}
            style={{ width: 150 }}
            onChange={(s: EnvForm['source']) => set(i, { source: s, refName: undefined, refKey: undefined })}
            aria-label={t('ENV_SOURCE')}
            options={[
              { value: 'value', label: t('ENV_VALUE') },
              { value: 'configMap', label: t('CONFIGMAP') },
              { value: 'secret', label: t('SECRET') },
              ...(e.source === 'other' ? [{ value: 'other', label: t('ENV_OTHER') }] : []),
            ]}
          />
          {e.source === 'value' && (
            <Input
              placeholder={t('VALUE')}
              value={e.value}
              onChange={(ev) => set(i, { value: ev.target.value })}
              style={{ width: 240 }}
              aria-label={t('VALUE')}
            />
          )}
          {(e.source === 'configMap' || e.source === 'secret') && (
            <>
              <Select
                placeholder={t(e.source === 'secret' ? 'SECRET' : 'CONFIGMAP')}
                value={e.refName}
                style={{ width: 180 }}
                showSearch
                onChange={(refName: string) => set(i, { refName, refKey: undefined })}
                aria-label={t(e.source === 'secret' ? 'SECRET' : 'CONFIGMAP')}
                options={source(e).map((o) => ({ value: o.metadata.name, label: o.metadata.name }))}
              />
              <Select
                placeholder={t('KEY')}
                value={e.refKey}
                style={{ width: 160 }}
                onChange={(refKey: string) => set(i, { refKey })}
                aria-label={t('KEY')}
                options={keysOf(e).map((k) => ({ value: k, label: k }))}
              />
            </>
          )}
          <Button
            icon={<DeleteOutlined />}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
            aria-label={t('DELETE')}
          />
        </Space>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange([...value, { name: '', source: 'value', value: '' }])}
      >
        {t('ADD_ENV')}
      </Button>
    </Space>
  );
}
