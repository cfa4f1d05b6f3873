/**
 * @module workloads/ImageRegistryPage
 * Configuration Center › Image Registry: the project's `kubernetes.io/dockerconfigjson` Secrets, with a
 * create dialog (name, registry address, username, password, email) whose "Test Connection" asks the
 * platform to try the credentials against the registry.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Table, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { KubeObject } from '@sphere/shared';
import { createResource, deleteResource, listKube } from '../api/resources';
import { useAuth } from '../auth/AuthContext';
import { useCan } from '../permissions/ScopeRules';
import { KINDS } from '../resources/kinds';
import { ALIAS, CREATOR, formatTime } from '../resources/meta';
import { type VerifyResult } from './api';
import { RegistryTestConnection } from './RegistryTestConnection';
import {
  DOCKER_CONFIG_JSON,
  REGISTRY_FIELD_SELECTOR,
  registryData,
  registryOf,
  validateRegistryForm,
  type RegistryForm,
} from './registry';

interface Values extends RegistryForm {
  name: string;
  alias?: string;
}

function CreateRegistryModal({ namespace, onClose }: { namespace: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<VerifyResult | { error: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const registryFields = (): RegistryForm | undefined => {
    const v = form.getFieldsValue(true) as Partial<Values>;
    const f = {
      server: v.server ?? '',
      username: v.username ?? '',
      password: v.password ?? '',
      email: v.email ?? '',
    };
    const problems = validateRegistryForm(f);
    form.setFields(
      (['server', 'username', 'password'] as const).map((name) => ({
        name,
        errors: problems[name] ? [t(problems[name])] : [],
      })),
    );
    return Object.keys(problems).length ? undefined : f;
  };
  return (
    <Modal
      open
      title={t('CREATE_IMAGE_REGISTRY')}
      okText={t('CREATE')}
      cancelText={t('CANCEL')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        const f = registryFields();
        if (!f) return;
        const annotations: Record<string, string> = { [CREATOR]: session?.username ?? '' };
        if (v.alias) annotations[ALIAS] = v.alias;
        const secret = {
          apiVersion: 'v1',
          kind: 'Secret',
          type: DOCKER_CONFIG_JSON,
          metadata: { name: v.name, namespace, annotations },
          data: registryData(f),
        } as KubeObject;
        setSaving(true);
        try {
          await createResource(KINDS.secrets, secret);
          await queryClient.invalidateQueries({ queryKey: ['registries', namespace] });
          message.success(t('CREATED_SUCCESS'));
          onClose();
        } catch (err) {
          message.error((err as Error).message);
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form form={form} layout="vertical" onValuesChange={() => setResult(null)}>
        <Form.Item
          name="name"
          label={t('NAME')}
          rules={[
            { required: true, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, max: 63, message: t('NAME_RULE') },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="alias" label={t('ALIAS')}>
          <Input />
        </Form.Item>
        <Form.Item name="server" label={t('REGISTRY_ADDRESS')} required extra={t('REGISTRY_ADDRESS_DESC')}>
          <Input placeholder="harbor.example.com" />
        </Form.Item>
        <Form.Item name="username" label={t('USERNAME')} required>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('PASSWORD')} required>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="email" label={t('EMAIL')}>
          <Input />
        </Form.Item>
      </Form>
      <RegistryTestConnection fields={registryFields} result={result} onResult={setResult} />
    </Modal>
  );
}

export function ImageRegistryPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { namespace = '' } = useParams();
  const queryClient = useQueryClient();
  const canCreate = useCan('configs', 'create');
  const canDelete = useCan('configs', 'delete');
  const [creating, setCreating] = useState(false);
  const q = useQuery({
    queryKey: ['registries', namespace],
    queryFn: () => listKube(KINDS.secrets, namespace, { fieldSelector: REGISTRY_FIELD_SELECTOR }),
  });
  return (
    <>
      <Card className="sphere-banner" variant="borderless">
        <h2>{t('IMAGE_REGISTRY')}</h2>
        <Typography.Text type="secondary">{t('IMAGE_REGISTRY_DESC')}</Typography.Text>
      </Card>
      <Card variant="borderless">
        <div style={{ display: 'flex', gap: 8, marginBottom: 12, justifyContent: 'flex-end' }}>
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} aria-label={t('REFRESH')} />
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('CREATE')}
            </Button>
          )}
        </div>
        {q.error && <Alert type="error" showIcon message={(q.error as Error).message} />}
        <Table<KubeObject>
          rowKey={(o) => o.metadata.uid ?? o.metadata.name ?? ''}
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          aria-label={t('IMAGE_REGISTRY')}
          columns={[
            {
              key: 'name',
              title: t('NAME'),
              render: (_, o) => (
                <Link to={`/projects/${namespace}/secrets/${o.metadata.name}`}>{o.metadata.name}</Link>
              ),
            },
            { key: 'server', title: t('REGISTRY_ADDRESS'), render: (_, o) => registryOf(o).server || '-' },
            { key: 'user', title: t('USERNAME'), render: (_, o) => registryOf(o).username || '-' },
            {
              key: 'created',
              title: t('CREATED_TIME'),
              render: (_, o) => formatTime(o.metadata.creationTimestamp, i18n.language),
            },
            ...(canDelete
              ? [
                  {
                    key: 'actions',
                    render: (_: unknown, o: KubeObject) => (
                      <Popconfirm
                        title={t('DELETE_TITLE', { kind: t('IMAGE_REGISTRY') })}
                        okText={t('OK')}
                        cancelText={t('CANCEL')}
                        onConfirm={async () => {
                          try {
                            await deleteResource(KINDS.secrets, namespace, o.metadata.name ?? '');
                            await queryClient.invalidateQueries({ queryKey: ['registries', namespace] });
                            message.success(t('DELETED_SUCCESS'));
                          } catch (err) {
                            message.error((err as Error).message);
                          }
                        }}
                      >
                        <Button type="link" danger aria-label={`${t('DELETE')} ${o.metadata.name}`}>
                          {t('DELETE')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {creating && <CreateRegistryModal namespace={namespace} onClose={() => setCreating(false)} />}
    </>
  );
}
